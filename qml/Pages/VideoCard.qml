import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A video in a grid (the subscriptions feed): thumbnail, title, channel, views and age. A click, Enter or
// Space watches it; "Watch later" saves it for later.
ItemDelegate {
    id: card

    required property int index
    required property string videoId
    required property string title
    required property string channelName
    required property string viewsText
    required property string ageText
    required property string durationText
    required property url thumbnailUrl

    signal watchRequested()
    signal watchLaterRequested()

    focusPolicy: Qt.StrongFocus
    padding: 6
    Accessible.name: title
    Accessible.description: qsTr("%1 · %2 · %3").arg(channelName).arg(viewsText).arg(ageText)
    onClicked: watchRequested()
    Keys.onReturnPressed: watchRequested()
    Keys.onEnterPressed: watchRequested()

    background: Rectangle {
        radius: Theme.radius
        color: card.hovered || card.visualFocus ? Theme.surfaceRaised : "transparent"
        border.color: card.visualFocus ? Theme.accent : "transparent"
    }

    contentItem: ColumnLayout {
        spacing: 6
        VideoThumbnail {
            Layout.fillWidth: true
            Layout.preferredHeight: width * 9 / 16
            source: card.thumbnailUrl
            durationText: card.durationText

            ToolButton {
                objectName: "watchLaterButton"
                anchors.top: parent.top
                anchors.right: parent.right
                visible: card.hovered || card.visualFocus || activeFocus
                text: "🕒"
                focusPolicy: Qt.TabFocus
                Accessible.name: qsTr("Save to Watch later")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: card.watchLaterRequested()
            }
        }
        Label {
            objectName: "videoCardTitle"
            Layout.fillWidth: true
            text: card.title
            font.pixelSize: Theme.fontNormal
            font.bold: true
            color: Theme.text
            elide: Text.ElideRight
            maximumLineCount: 2
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: card.channelName
            visible: text.length > 0
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("%1 · %2").arg(card.viewsText).arg(card.ageText)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        Item { Layout.fillHeight: true }
    }
}
