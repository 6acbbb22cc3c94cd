pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import Framecast.Ui
import Framecast.Components

// The comments under the player: "N comments" with the sort menu, "Add a comment…", the "N new comments"
// pill, the list (a Repeater: the watch page scrolls as a whole and asks for the next page with loadMore()),
// and "Show more comments". Errors and notices are said in words above the list.
ColumnLayout {
    id: panel
    objectName: "commentsPanel"

    required property CommentsModel comments
    property string myInitial: ""

    // The page scrolled near the end: the next page, if there is one.
    function loadMore() {
        if (panel.comments.hasMore && !panel.comments.loading)
            panel.comments.loadMore()
    }

    spacing: 16

    RowLayout {
        spacing: 16
        Label {
            objectName: "commentCountLabel"
            text: panel.comments.totalCount === 1 ? qsTr("1 comment")
                                                  : qsTr("%1 comments").arg(panel.comments.totalCount)
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        ToolButton {
            objectName: "commentSortButton"
            text: "⇅ " + qsTr("Sort by") + ": " + sortMenu.names[panel.comments.sort]
            font.capitalization: Font.MixedCase
            onClicked: sortMenu.popup()
            Menu {
                id: sortMenu
                readonly property list<string> names: [qsTr("Top"), qsTr("Newest"), qsTr("Oldest")]
                MenuItem {
                    objectName: "commentSortTop"
                    text: qsTr("Top comments")
                    onTriggered: panel.comments.sort = CommentsModel.Sort.Top
                }
                MenuItem {
                    objectName: "commentSortNewest"
                    text: qsTr("Newest first")
                    onTriggered: panel.comments.sort = CommentsModel.Sort.Newest
                }
                MenuItem {
                    objectName: "commentSortOldest"
                    text: qsTr("Oldest first")
                    onTriggered: panel.comments.sort = CommentsModel.Sort.Oldest
                }
            }
        }
        Label {
            visible: !panel.comments.live && panel.comments.loaded
            text: qsTr("(not live)")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            ToolTip.visible: liveHover.hovered
            ToolTip.text: qsTr("New comments appear when the connection is back.")
            HoverHandler { id: liveHover }
        }
    }

    CommentComposer {
        id: composer
        Layout.fillWidth: true
        visible: !panel.comments.commentsOff
        initial: panel.myInitial
        placeholderText: qsTr("Add a comment…")
        actionText: qsTr("Comment")
        fieldName: "commentComposer"
        buttonName: "commentPostButton"
        busy: panel.comments.posting
        onSubmitted: text => panel.comments.post(text)
    }
    Connections {
        target: App.social
        function onCommentPosted(commentId: string, parentId: string) {
            if (parentId.length === 0)
                composer.clear()
        }
    }
    Label {
        objectName: "commentsOffLabel"
        visible: panel.comments.commentsOff
        text: qsTr("Comments are turned off.")
        color: Theme.textMuted
    }

    ErrorBanner {
        objectName: "commentsError"
        Layout.fillWidth: true
        text: panel.comments.errorMessage
        onDismissed: panel.comments.clearError()
    }
    ErrorBanner {
        objectName: "commentsNotice"
        Layout.fillWidth: true
        text: panel.comments.notice
        tone: Theme.success
        onDismissed: panel.comments.clearNotice()
    }

    Button {
        objectName: "newCommentsPill"
        Layout.alignment: Qt.AlignHCenter
        visible: panel.comments.newCount > 0
        highlighted: true
        font.capitalization: Font.MixedCase
        text: panel.comments.newCount === 1 ? "↑ " + qsTr("1 new comment")
                                            : "↑ " + qsTr("%1 new comments").arg(panel.comments.newCount)
        onClicked: panel.comments.showNew()
    }

    Column {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: panel.comments
            delegate: CommentDelegate {
                width: parent ? parent.width : 0
                comments: panel.comments
                myInitial: panel.myInitial
                onDeleteRequested: commentId => deleteDialog.ask(commentId)
            }
        }
    }

    EmptyState {
        Layout.alignment: Qt.AlignHCenter
        visible: panel.comments.loaded && panel.comments.count === 0 && !panel.comments.commentsOff
        title: qsTr("No comments yet")
        detail: qsTr("Be the first to say something.")
    }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        running: panel.comments.loading
        visible: running
    }
    Button {
        objectName: "moreCommentsButton"
        Layout.alignment: Qt.AlignHCenter
        visible: panel.comments.hasMore && !panel.comments.loading
        flat: true
        font.capitalization: Font.MixedCase
        text: qsTr("Show more comments")
        onClicked: panel.loadMore()
    }

    Dialog {
        id: deleteDialog
        objectName: "deleteCommentDialog"
        property string commentId: ""
        function ask(id: string) { commentId = id; open() }
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete comment")
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label { text: qsTr("Delete your comment for good?") }
        onAccepted: panel.comments.remove(commentId)
    }
}
