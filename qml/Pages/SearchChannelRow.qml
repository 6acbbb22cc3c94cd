import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A channel among search results: avatar (or initial), highlighted name, @handle · subscribers · videos, and
// the highlighted part of its description. Click or Enter opens the channel.
Rectangle {
    id: row

    required property int index
    required property string channelId
    required property string channelName
    required property string highlightedTitle       // StyledText: the name with matched words in <b>
    required property string highlightedDescription // StyledText, "" when the description did not match
    required property string handle
    required property url avatarUrl
    required property string channelDetail // "@handle · 12 subscribers · 3 videos"

    signal openRequested()

    readonly property bool current: ListView.isCurrentItem

    height: 112
    activeFocusOnTab: true
    color: current ? Theme.selection : (hover.hovered ? Theme.surfaceRaised : Theme.surface)
    border.color: activeFocus ? Theme.accent : "transparent"
    Accessible.role: Accessible.ListItem
    Accessible.name: channelName
    Keys.onReturnPressed: openRequested()
    Keys.onEnterPressed: openRequested()

    HoverHandler { id: hover }
    TapHandler {
        onTapped: {
            row.ListView.view.currentIndex = row.index
            row.openRequested()
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.divider
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 16

        Item {
            Layout.preferredWidth: 240
            Layout.preferredHeight: 88
            Rectangle {
                anchors.centerIn: parent
                width: 88
                height: 88
                radius: 44
                color: Theme.surfaceRaised
                clip: true
                Label {
                    anchors.centerIn: parent
                    visible: avatar.status !== Image.Ready
                    text: row.channelName.length > 0 ? row.channelName.charAt(0).toUpperCase() : "?"
                    textFormat: Text.PlainText
                    font.pixelSize: 32
                    font.bold: true
                    color: Theme.text
                }
                Image {
                    id: avatar
                    anchors.fill: parent
                    source: row.avatarUrl
                    sourceSize.width: 176
                    sourceSize.height: 176
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                }
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                objectName: "searchChannelName"
                Layout.fillWidth: true
                text: row.highlightedTitle
                textFormat: Text.StyledText
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.channelDetail
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.highlightedDescription
                textFormat: Text.StyledText
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                maximumLineCount: 2
                wrapMode: Text.Wrap
            }
        }
    }
}
