pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import Framecast.Ui
import Framecast.Components

// Under the picture: the seek bar, then play/pause, volume, time, and on the right speed, quality, stats
// and fullscreen. Buttons take focus by Tab only, so the page keeps its keyboard shortcuts after a click.
Rectangle {
    id: bar
    objectName: "playerControlBar"

    required property PlayerController controller
    property bool fullScreen: false
    property bool statsVisible: false
    readonly property bool menuOpen: speedMenu.visible || qualityMenu.visible
    readonly property list<real> speeds: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]

    signal fullScreenToggled()
    signal statsToggled()
    signal menuClosed() // the page takes the keyboard back for its shortcuts

    implicitHeight: column.implicitHeight + 16
    gradient: Gradient {
        GradientStop { position: 0.0; color: "#00000000" }
        GradientStop { position: 1.0; color: "#c0000000" }
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        anchors.topMargin: 8
        anchors.bottomMargin: 8
        spacing: 4

        SeekBar {
            Layout.fillWidth: true
            controller: bar.controller
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 4

            ToolButton {
                objectName: "playPauseButton"
                focusPolicy: Qt.TabFocus
                text: bar.controller.state === "ended" ? "↻"
                      : (bar.controller.paused || bar.controller.state === "paused") ? "▶" : "❚❚"
                font.pixelSize: 18
                Material.foreground: "white"
                Accessible.name: bar.controller.paused ? qsTr("Play (k)") : qsTr("Pause (k)")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: bar.controller.togglePlay()
            }
            ToolButton {
                objectName: "muteButton"
                focusPolicy: Qt.TabFocus
                text: bar.controller.muted ? qsTr("Unmute") : qsTr("Mute")
                font.capitalization: Font.MixedCase
                Material.foreground: "white"
                Accessible.name: bar.controller.muted ? qsTr("Unmute (m)") : qsTr("Mute (m)")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: bar.controller.toggleMute()
            }
            Slider {
                objectName: "volumeSlider"
                focusPolicy: Qt.TabFocus
                Layout.preferredWidth: 100
                from: 0
                to: 1
                value: bar.controller.muted ? 0 : bar.controller.volume
                Accessible.name: qsTr("Volume")
                onMoved: bar.controller.setVolume(value)
            }
            Label {
                objectName: "timeLabel"
                text: bar.controller.timeText
                color: "white"
                font.pixelSize: Theme.fontSmall
                Layout.leftMargin: 8
            }
            Item { Layout.fillWidth: true }

            ToolButton {
                id: speedButton
                objectName: "speedButton"
                font.capitalization: Font.MixedCase
                focusPolicy: Qt.TabFocus
                text: bar.controller.speed === 1 ? qsTr("1×") : bar.controller.speed + "×"
                Material.foreground: "white"
                Accessible.name: qsTr("Playback speed")
                onClicked: speedMenu.open()
                Menu {
                    id: speedMenu
                    objectName: "speedMenu"
                    y: -height
                    onClosed: bar.menuClosed()
                    Repeater {
                        model: bar.speeds.length
                        delegate: MenuItem {
                            required property int index
                            objectName: "speedItem_" + index
                            text: bar.speeds[index] === 1 ? qsTr("Normal") : bar.speeds[index] + "×"
                            checkable: true
                            checked: bar.controller.speed === bar.speeds[index]
                            onTriggered: bar.controller.setSpeed(bar.speeds[index])
                        }
                    }
                }
            }
            ToolButton {
                objectName: "qualityButton"
                font.capitalization: Font.MixedCase
                focusPolicy: Qt.TabFocus
                text: bar.controller.qualityText
                Material.foreground: "white"
                Accessible.name: qsTr("Quality")
                onClicked: qualityMenu.open()
                Menu {
                    id: qualityMenu
                    objectName: "qualityMenu"
                    y: -height
                    onClosed: bar.menuClosed()
                    Repeater {
                        model: bar.controller.qualities
                        delegate: MenuItem {
                            required property int index
                            required property string modelData
                            objectName: "qualityItem_" + index
                            text: index === 0 && bar.controller.currentRung.length > 0
                                  ? qsTr("Auto (%1)").arg(bar.controller.currentRung) : modelData
                            checkable: true
                            checked: bar.controller.selectedQuality === index
                            onTriggered: bar.controller.selectQuality(index)
                        }
                    }
                }
            }
            ToolButton {
                objectName: "statsButton"
                font.capitalization: Font.MixedCase
                focusPolicy: Qt.TabFocus
                text: qsTr("Stats")
                checkable: true
                checked: bar.statsVisible
                Material.foreground: "white"
                Accessible.name: qsTr("Stats for nerds")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: bar.statsToggled()
            }
            ToolButton {
                objectName: "fullscreenButton"
                focusPolicy: Qt.TabFocus
                text: bar.fullScreen ? qsTr("Exit full screen") : qsTr("Full screen")
                font.capitalization: Font.MixedCase
                Material.foreground: "white"
                Accessible.name: bar.fullScreen ? qsTr("Exit full screen (f)") : qsTr("Full screen (f)")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: bar.fullScreenToggled()
            }
        }
    }
}
