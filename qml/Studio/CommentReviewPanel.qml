pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The Studio's "Comments" tab: comments held for review on the creator's videos, oldest first, with
// Approve / Remove / Block user.
FocusScope {
    id: panel
    objectName: "commentReviewPanel"

    readonly property CommentReviewModel review: App.library.review

    onVisibleChanged: if (visible) panel.review.refresh()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("Held for review")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
            BusyIndicator {
                running: panel.review.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshReviewButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: panel.review.refresh()
            }
        }

        ErrorBanner {
            objectName: "reviewErrorBanner"
            Layout.fillWidth: true
            text: panel.review.errorMessage
            onDismissed: panel.review.clearError()
        }

        ListView {
            id: list
            objectName: "heldCommentsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: panel.review
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: HeldCommentRow {
                id: heldRow
                objectName: "heldComment_" + index
                focus: ListView.isCurrentItem
                onApproveRequested: panel.review.approve(heldRow.commentId)
                onRemoveRequested: panel.review.remove(heldRow.commentId)
                onBlockRequested: panel.review.blockAuthor(heldRow.commentId)
            }

            EmptyState {
                anchors.centerIn: parent
                visible: panel.review.loaded && panel.review.count === 0
                title: qsTr("Nothing to review")
                detail: qsTr("Comments held on your videos (links, blocked words, reports, or all of them when a video holds comments for review) wait here for you.")
            }
        }
    }
}
