import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A subscribed channel in the row above the feed: avatar (or initial), name, subscribers, Unsubscribe.
Rectangle {
    id: chip

    required property int index
    required property string channelId
    required property string name
    required property string subscribersText
    required property url avatarUrl

    signal unsubscribeRequested()

    implicitWidth: layout.implicitWidth + 20
    implicitHeight: 56
    radius: Theme.radius
    color: Theme.surface
    border.color: unsubscribe.activeFocus ? Theme.accent : Theme.divider

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 10
        spacing: Theme.spacing

        Rectangle {
            Layout.preferredWidth: 36
            Layout.preferredHeight: 36
            radius: 18
            color: Theme.surfaceRaised
            clip: true
            Label {
                anchors.centerIn: parent
                visible: avatar.status !== Image.Ready
                text: chip.name.length > 0 ? chip.name.charAt(0).toUpperCase() : "?"
                color: Theme.text
                font.bold: true
            }
            Image {
                id: avatar
                anchors.fill: parent
                source: chip.avatarUrl
                sourceSize.width: 72
                sourceSize.height: 72
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
            }
        }
        ColumnLayout {
            spacing: 0
            Label {
                objectName: "channelChipName"
                text: chip.name
                color: Theme.text
                font.bold: true
                elide: Text.ElideRight
                Layout.maximumWidth: 180
            }
            Label {
                text: chip.subscribersText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
        ToolButton {
            id: unsubscribe
            objectName: "unsubscribeButton"
            text: qsTr("Unsubscribe")
            font.pixelSize: Theme.fontSmall
            Accessible.name: qsTr("Unsubscribe from %1").arg(chip.name)
            onClicked: chip.unsubscribeRequested()
        }
    }
}
