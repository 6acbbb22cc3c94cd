import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import QtQuick.Window
import QtMultimedia
import Framecast.Ui
import Framecast.Components

// The watch page: the picture fills the area, the controls float over its bottom edge and hide while
// playing, a spinner shows while buffering, and errors are said in words. openVideo(id) starts playback;
// Back (or closing the page) stops it. Shortcuts: space/k play-pause, j/l ±10 s, ←/→ ±5 s, f full screen,
// m mute, Esc leaves full screen.
FocusScope {
    id: page
    objectName: "playerPage"

    readonly property bool active: controller.active
    readonly property PlayerController player: controller
    readonly property bool fullScreen: Window.window !== null && Window.window.visibility === Window.FullScreen
    property bool statsVisible: false
    property bool controlsShown: true
    property int windowVisibilityBeforeFullScreen: Window.Windowed

    signal backRequested()

    function openVideo(videoId: string) {
        controller.open(videoId)
        page.forceActiveFocus()
        page.revealControls()
    }
    function leave() {
        if (page.fullScreen)
            page.toggleFullScreen()
        controller.close()
        page.backRequested()
    }
    function toggleFullScreen() {
        const window = Window.window
        if (!window)
            return
        if (window.visibility === Window.FullScreen) {
            window.visibility = page.windowVisibilityBeforeFullScreen
        } else {
            page.windowVisibilityBeforeFullScreen = window.visibility
            window.visibility = Window.FullScreen
        }
    }
    function revealControls() {
        page.controlsShown = true
        hideTimer.restart()
    }

    visible: active
    Component.onDestruction: controller.close()

    PlayerController {
        id: controller
        videoSink: output.videoSink
    }

    Rectangle {
        anchors.fill: parent
        color: "black"
    }

    VideoOutput {
        id: output
        objectName: "videoOutput"
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }

    // Auto-hide: the controls stay while paused, while the pointer is over them or a menu is open.
    Timer {
        id: hideTimer
        interval: 3000
        onTriggered: if (controller.state === "playing" && !controlBar.menuOpen && !controlsHover.hovered)
                         page.controlsShown = false
    }
    MouseArea {
        anchors.fill: parent
        hoverEnabled: true
        acceptedButtons: Qt.LeftButton
        cursorShape: page.controlsShown ? Qt.ArrowCursor : Qt.BlankCursor
        onPositionChanged: page.revealControls()
        onClicked: { page.forceActiveFocus(); controller.togglePlay(); page.revealControls() }
        onDoubleClicked: page.toggleFullScreen()
    }

    // Window shortcuts while the page is shown: they work wherever the keyboard focus is (a menu that just
    // closed, a button clicked), and the page hides everything with a text field.
    Shortcut {
        sequences: ["Space", "K"]
        enabled: page.visible
        onActivated: { controller.togglePlay(); page.revealControls() }
    }
    Shortcut {
        sequence: "J"
        enabled: page.visible
        onActivated: { controller.seekBy(-10); page.revealControls() }
    }
    Shortcut {
        sequence: "L"
        enabled: page.visible
        onActivated: { controller.seekBy(10); page.revealControls() }
    }
    Shortcut {
        sequence: "Left"
        enabled: page.visible
        onActivated: { controller.seekBy(-5); page.revealControls() }
    }
    Shortcut {
        sequence: "Right"
        enabled: page.visible
        onActivated: { controller.seekBy(5); page.revealControls() }
    }
    Shortcut {
        sequence: "F"
        enabled: page.visible
        onActivated: page.toggleFullScreen()
    }
    Shortcut {
        sequence: "M"
        enabled: page.visible
        onActivated: { controller.toggleMute(); page.revealControls() }
    }
    Shortcut {
        sequence: "Escape"
        enabled: page.visible && page.fullScreen
        onActivated: page.toggleFullScreen()
    }

    BusyIndicator {
        objectName: "playerSpinner"
        anchors.centerIn: parent
        running: controller.state === "loading" || controller.state === "buffering"
        visible: running
    }

    // Top: Back and the title.
    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 56
        visible: page.controlsShown || controller.state !== "playing"
        gradient: Gradient {
            GradientStop { position: 0.0; color: "#c0000000" }
            GradientStop { position: 1.0; color: "#00000000" }
        }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 16
            ToolButton {
                objectName: "playerBackButton"
                focusPolicy: Qt.TabFocus
                text: "← " + qsTr("Back")
                font.capitalization: Font.MixedCase
                Material.foreground: "white"
                Accessible.name: qsTr("Back")
                onClicked: page.leave()
            }
            Label {
                objectName: "playerTitle"
                Layout.fillWidth: true
                text: controller.title
                color: "white"
                font.pixelSize: Theme.fontLarge
                elide: Text.ElideRight
            }
        }
    }

    StatsOverlay {
        objectName: "statsOverlay"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.topMargin: 64
        anchors.leftMargin: 16
        visible: page.statsVisible
        controller: controller
        onCloseRequested: page.statsVisible = false
    }

    ControlBar {
        id: controlBar
        anchors.bottom: parent.bottom
        width: parent.width
        controller: controller
        fullScreen: page.fullScreen
        statsVisible: page.statsVisible
        visible: page.controlsShown || controller.state !== "playing" || menuOpen
        onFullScreenToggled: page.toggleFullScreen()
        onStatsToggled: page.statsVisible = !page.statsVisible
        onMenuClosed: Qt.callLater(page.forceActiveFocus) // after the popup handed focus back
        HoverHandler { id: controlsHover }
    }

    // The readable error state.
    Rectangle {
        objectName: "playerError"
        anchors.centerIn: parent
        visible: controller.errorMessage.length > 0
        width: Math.min(parent.width - 48, 520)
        height: errorColumn.implicitHeight + 32
        radius: Theme.radius
        color: "#e0202024"
        ColumnLayout {
            id: errorColumn
            anchors.fill: parent
            anchors.margins: 16
            spacing: 12
            Label {
                objectName: "playerErrorText"
                Layout.fillWidth: true
                text: controller.errorMessage
                color: "white"
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                Button {
                    objectName: "playerRetryButton"
                    text: qsTr("Try again")
                    onClicked: page.openVideo(controller.videoId)
                }
                Button {
                    objectName: "playerErrorBackButton"
                    text: qsTr("Back")
                    onClicked: page.leave()
                }
            }
        }
    }
}
