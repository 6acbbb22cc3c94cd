pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components
import Framecast.Uploads

// The creator's home: the upload area on top, then "My videos" with live status, search (from the top bar),
// and per-row edit, thumbnail, compare-qualities and delete. Enter edits the current row, Delete deletes it.
// The "Comments" tab shows the comments held for review on the creator's videos.
Rectangle {
    id: page
    objectName: "studioPage"
    color: Theme.window

    property string searchText: ""
    // "Compare qualities" on a row; the shell opens the transcode preview for it.
    signal compareRequested(string videoId)
    // "Watch" (or a double click) on a playable row; the shell opens the player.
    signal watchRequested(string videoId)

    VideoFilterModel {
        id: filtered
        sourceModel: App.studio.videos
        searchText: page.searchText
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            id: studioHeader
            Layout.fillWidth: true
            spacing: 24
            Label {
                text: qsTr("Channel content")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            TabBar {
                id: studioTabs
                objectName: "studioTabs"
                TabButton { objectName: "studioVideosTab"; text: qsTr("Videos"); width: implicitWidth }
                TabButton {
                    objectName: "studioCommentsTab"
                    text: App.library.review.count > 0 ? qsTr("Comments (%1)").arg(App.library.review.count)
                                                       : qsTr("Comments")
                    width: implicitWidth
                }
                onCurrentIndexChanged: (currentIndex === 1 ? reviewPanel : list).forceActiveFocus()
            }
            Item { Layout.fillWidth: true }
        }

        UploadsPanel {
            objectName: "studioUploadsPanel"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
        }

        ErrorBanner {
            objectName: "studioErrorBanner"
            Layout.fillWidth: true
            text: App.studio.errorMessage.length > 0 ? App.studio.errorMessage : App.studio.videos.errorMessage
            actionText: App.studio.videos.errorMessage.length > 0 ? qsTr("Retry") : ""
            onActionTriggered: App.studio.refresh()
            onDismissed: {
                App.studio.clearError()
                App.studio.videos.clearError()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("My videos")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: App.studio.videos.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshVideosButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: App.studio.refresh()
            }
        }

        VideoListHeader {
            Layout.fillWidth: true
            visible: filtered.count > 0
        }

        ListView {
            id: list
            objectName: "myVideosList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: filtered
            focus: true
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: VideoListRow {
                id: videoRow
                width: ListView.view.width
                onEditRequested: editDialog.openFor(videoRow.videoId, videoRow.title, videoRow.description,
                                                    videoRow.tags, videoRow.category, videoRow.visibility)
                onThumbnailRequested: thumbnailDialog.openFor(videoRow.videoId, videoRow.title)
                onDeleteRequested: deleteDialog.openFor(videoRow.videoId, videoRow.title)
                onCompareRequested: page.compareRequested(videoRow.videoId)
                onWatchRequested: page.watchRequested(videoRow.videoId)
            }

            Keys.onReturnPressed: (list.currentItem as VideoListRow)?.editRequested()
            Keys.onDeletePressed: (list.currentItem as VideoListRow)?.deleteRequested()

            EmptyState {
                anchors.centerIn: parent
                visible: App.studio.videos.loaded && filtered.count === 0
                title: page.searchText.length > 0 && App.studio.videos.count > 0
                       ? qsTr("No videos match “%1”").arg(page.searchText)
                       : qsTr("No videos yet")
                detail: page.searchText.length > 0 && App.studio.videos.count > 0
                        ? qsTr("Try other words, or clear the search.")
                        : qsTr("Drop a file here or use Upload to publish your first video.")
            }
        }
    }

    // The "Comments" tab: the review queue covers everything below the header.
    Rectangle {
        anchors.fill: parent
        anchors.topMargin: 24 + studioHeader.height + 12
        visible: studioTabs.currentIndex === 1
        color: Theme.window
        CommentReviewPanel {
            id: reviewPanel
            anchors.fill: parent
            anchors.leftMargin: 24
            anchors.rightMargin: 24
            anchors.bottomMargin: 24
        }
    }

    VideoEditDialog { id: editDialog }
    ThumbnailDialog { id: thumbnailDialog }
    DeleteVideoDialog { id: deleteDialog }
}
