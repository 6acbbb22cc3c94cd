import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A video in a grid (the subscriptions feed, Home, Trending, a channel's videos): thumbnail, title, channel,
// views and age, and optionally why it is listed (reason) and its rank. A click, Enter or Space watches it;
// "Watch later" saves it for later; with channelClickable the channel's name opens its page.
ItemDelegate {
    id: card

    required property int index
    required property string videoId
    required property string title
    required property string channelId
    required property string channelName
    required property string viewsText
    required property string ageText
    required property string durationText
    required property url thumbnailUrl
    property string reason: "" // "Because you watched …"; no line when empty
    property int rank: 0       // 1, 2, …: a badge on the thumbnail (Trending); 0: none
    property bool channelClickable: false

    signal watchRequested()
    signal watchLaterRequested()
    signal channelRequested()

    // The channel's name: a button of its own when clickable (Tab reaches it); disabled, its clicks go to
    // the card.
    component ChannelLink: AbstractButton {
        id: link
        focusPolicy: Qt.TabFocus
        hoverEnabled: true
        Accessible.name: qsTr("Open the channel %1").arg(text)
        contentItem: Label {
            text: link.text
            color: link.enabled && (link.hovered || link.visualFocus) ? Theme.text : Theme.textMuted
            font.pixelSize: Theme.fontSmall
            font.underline: link.visualFocus
            elide: Text.ElideRight
        }
        HoverHandler {
            enabled: link.enabled
            cursorShape: Qt.PointingHandCursor
        }
    }

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

            Label {
                objectName: "videoCardRank"
                anchors.top: parent.top
                anchors.left: parent.left
                anchors.margins: 6
                visible: card.rank > 0
                text: "#" + card.rank
                color: "white"
                font.bold: true
                font.pixelSize: Theme.fontNormal
                padding: 4
                background: Rectangle { color: "#c0000000"; radius: 4 }
            }
            ToolButton {
                objectName: "watchLaterButton"
                anchors.top: parent.top
                anchors.right: parent.right
                visible: card.hovered || card.visualFocus || activeFocus
                text: "◷" // a clock face in DejaVu Sans (no emoji font is assumed)
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
        ChannelLink {
            objectName: "videoCardChannel"
            Layout.fillWidth: true
            visible: card.channelName.length > 0
            enabled: card.channelClickable
            text: card.channelName
            onClicked: card.channelRequested()
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("%1 · %2").arg(card.viewsText).arg(card.ageText)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        Label {
            objectName: "videoCardReason"
            Layout.fillWidth: true
            visible: card.reason.length > 0
            text: card.reason
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            font.italic: true
            elide: Text.ElideRight
        }
        Item { Layout.fillHeight: true }
    }
}
