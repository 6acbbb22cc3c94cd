import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A video as a row of a library list (history, Watch later, a playlist): thumbnail, title, channel and a
// detail line, with the list's own buttons at the end (children go there). Click or Enter watches it.
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
    default property alias actions: actionRow.data

    signal watchRequested()

    readonly property bool current: ListView.isCurrentItem

    height: 104
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
            Layout.preferredWidth: 144
            Layout.preferredHeight: 81
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
                text: row.title
                font.pixelSize: Theme.fontNormal
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.channelName
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.detail
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        RowLayout {
            id: actionRow
            spacing: 0
        }
    }
}
