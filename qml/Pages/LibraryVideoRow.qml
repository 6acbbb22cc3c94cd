import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A video as a row of a list (history, Watch later, a playlist, search results, related videos): thumbnail,
// title, channel and a detail line, with the list's own buttons at the end (children go there). Click or Enter
// watches it. Search sets styledTitle / styledDescription (Text.StyledText: highlighted words in <b>, already
// escaped) and links the channel name.
Rectangle {
    id: row

    required property int index
    required property string videoId
    required property string title
    required property string channelName
    required property string viewsText
    required property string durationText
    required property url thumbnailUrl

    property string detail: viewsText
    property real resumeProgress: -1 // 0..1 draws a resume bar on the thumbnail
    property string styledTitle: ""       // StyledText shown instead of title when set
    property string styledDescription: "" // StyledText under the detail line, hidden when empty
    property bool channelLinked: false    // the channel name is a link (channelRequested)
    property int thumbnailWidth: 144
    property int titleLines: 1
    default property alias actions: actionRow.data

    signal watchRequested()
    signal channelRequested()

    readonly property bool current: ListView.isCurrentItem

    height: Math.max(104, thumbnailWidth * 9 / 16 + 24)
    activeFocusOnTab: true
    color: current ? Theme.selection : (hover.hovered ? Theme.surfaceRaised : Theme.surface)
    border.color: activeFocus ? Theme.accent : "transparent"
    Accessible.role: Accessible.ListItem
    Accessible.name: title
    Keys.onReturnPressed: watchRequested()
    Keys.onEnterPressed: watchRequested()

    HoverHandler { id: hover }
    TapHandler {
        onTapped: {
            row.ListView.view.currentIndex = row.index
            row.watchRequested()
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
        VideoThumbnail {
            Layout.preferredWidth: row.thumbnailWidth
            Layout.preferredHeight: row.thumbnailWidth * 9 / 16
            source: row.thumbnailUrl
            durationText: row.durationText
            progress: row.resumeProgress
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                objectName: "libraryRowTitle"
                Layout.fillWidth: true
                // Titles are plain text (a "<i>" in a title shows as written) unless the list styled them.
                text: row.styledTitle.length > 0 ? row.styledTitle : row.title
                textFormat: row.styledTitle.length > 0 ? Text.StyledText : Text.PlainText
                font.pixelSize: Theme.fontNormal
                font.bold: row.styledTitle.length === 0
                color: Theme.text
                elide: Text.ElideRight
                maximumLineCount: row.titleLines
                wrapMode: row.titleLines > 1 ? Text.Wrap : Text.NoWrap
            }
            Label {
                objectName: "libraryRowChannel"
                Layout.fillWidth: true
                text: row.channelName
                textFormat: Text.PlainText
                visible: text.length > 0
                color: channelLink.containsMouse ? Theme.text : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                // A MouseArea (not a TapHandler) so the click stops here instead of also watching the video.
                MouseArea {
                    id: channelLink
                    objectName: "libraryRowChannelLink"
                    anchors.fill: parent
                    enabled: row.channelLinked
                    hoverEnabled: true
                    cursorShape: Qt.PointingHandCursor
                    onClicked: row.channelRequested()
                }
            }
            Label {
                Layout.fillWidth: true
                text: row.detail
                textFormat: Text.PlainText
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Label {
                objectName: "libraryRowDescription"
                Layout.fillWidth: true
                text: row.styledDescription
                textFormat: Text.StyledText
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                maximumLineCount: 2
                wrapMode: Text.Wrap
            }
        }
        RowLayout {
            id: actionRow
            spacing: 0
        }
    }
}
