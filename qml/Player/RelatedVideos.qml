pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components
import Framecast.Pages

// Videos related to videoId (the one playing; App.search.related follows it), as a compact list beside the picture (wide window) or under the comments (narrow). A click or Enter asks to
// watch one; the channel name asks for the channel. The list has no scrolling of its own: the page scrolls.
ColumnLayout {
    id: related
    objectName: "relatedVideos"

    property string videoId: ""
    readonly property RelatedVideosModel videos: App.search.related

    onVideoIdChanged: related.videos.videoId = related.videoId
    Component.onCompleted: related.videos.videoId = related.videoId
    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    spacing: Theme.spacing

    Label {
        Layout.fillWidth: true
        text: qsTr("Related videos")
        font.pixelSize: Theme.fontNormal
        font.bold: true
        color: Theme.text
    }
    ErrorBanner {
        objectName: "relatedError"
        Layout.fillWidth: true
        text: related.videos.errorMessage
        actionText: qsTr("Try again")
        onActionTriggered: related.videos.refresh()
        onDismissed: related.videos.clearError()
    }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        running: related.videos.loading && related.videos.count === 0
        visible: running
    }
    Label {
        objectName: "relatedEmpty"
        Layout.fillWidth: true
        visible: related.videos.loaded && !related.videos.loading && related.videos.count === 0
                 && related.videos.errorMessage.length === 0
        text: qsTr("No related videos yet.")
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    ListView {
        id: list
        objectName: "relatedList"
        Layout.fillWidth: true
        Layout.preferredHeight: contentHeight
        interactive: false
        keyNavigationEnabled: true
        model: related.videos
        delegate: LibraryVideoRow {
            id: relatedRow
            required property string channelId
            required property string ageText
            required property string reasonText
            objectName: "relatedVideo_" + index
            width: ListView.view.width
            focus: ListView.isCurrentItem
            thumbnailWidth: 160
            titleLines: 2
            channelLinked: channelId.length > 0
            detail: qsTr("%1 · %2").arg(viewsText).arg(ageText)
            Accessible.description: reasonText // "Viewers also watched", "More from …"
            onWatchRequested: related.watchRequested(relatedRow.videoId)
            onChannelRequested: related.channelRequested(relatedRow.channelId)
        }
    }
}
