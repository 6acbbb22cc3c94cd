pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import Framecast.Ui
import Framecast.Components

// One comment (or, indented, one reply): avatar initial, name, age, edited mark, pinned / hearted badges,
// "Held for review" on the user's own held comment, the text, like / dislike with counts, Reply, "Show N
// replies", and a ⋮ menu (Edit / Delete for your own, Pin / Heart for the video's creator, Report).
Item {
    id: row
    objectName: "commentRow_" + index

    required property int index
    required property string commentId
    required property string threadId
    required property bool isReply
    required property string authorName
    required property string authorInitial
    required property string replyTo
    required property string text
    required property bool deleted
    required property bool edited
    required property bool held
    required property bool pinned
    required property bool hearted
    required property int likeCount
    required property int dislikeCount
    required property string myReaction
    required property int replyCount
    required property string ageText
    required property bool isMine
    required property bool canEdit
    required property bool canDelete
    required property bool canModerate
    required property bool canReport
    required property bool repliesShown
    required property bool repliesLoading
    required property bool moreReplies

    property CommentsModel comments: null
    property string myInitial: ""
    property bool editing: false
    property bool replying: false

    signal deleteRequested(string commentId)

    implicitHeight: layout.implicitHeight + 12

    Connections {
        target: App.social
        function onCommentPosted(commentId: string, parentId: string) {
            if (parentId === row.commentId) {
                replyBox.clear()
                row.replying = false
            }
        }
    }

    RowLayout {
        id: layout
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: row.isReply ? 52 : 0
        spacing: 12

        Rectangle {
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: row.isReply ? 28 : 40
            Layout.preferredHeight: Layout.preferredWidth
            radius: width / 2
            color: row.deleted ? Theme.surfaceRaised : Qt.hsla((row.authorName.charCodeAt(0) % 12) / 12, 0.45, 0.5, 1)
            Label {
                anchors.centerIn: parent
                text: row.deleted ? "" : row.authorInitial
                color: "white"
                font.bold: true
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Label {
                objectName: "commentPinnedBadge_" + row.index
                visible: row.pinned
                text: qsTr("Pinned by the creator")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            RowLayout {
                spacing: 8
                Label {
                    text: row.deleted ? qsTr("Deleted comment") : "@" + row.authorName
                    font.bold: true
                    font.pixelSize: Theme.fontSmall
                    color: Theme.text
                }
                Label {
                    text: row.ageText + (row.edited ? " " + qsTr("(edited)") : "")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                }
                Label {
                    objectName: "commentHeldNote_" + row.index
                    visible: row.held
                    text: qsTr("Held for review")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.warning
                    ToolTip.visible: heldHover.hovered
                    ToolTip.text: qsTr("Only you and the creator see this comment until the creator approves it.")
                    HoverHandler { id: heldHover }
                }
            }

            Label {
                objectName: "commentText_" + row.index
                visible: !row.editing
                Layout.fillWidth: true
                text: row.text
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                color: row.deleted ? Theme.textMuted : Theme.text
                font.italic: row.deleted
            }
            CommentComposer {
                id: editBox
                visible: row.editing
                Layout.fillWidth: true
                actionText: qsTr("Save")
                fieldName: "commentEditField_" + row.index
                buttonName: "commentSaveButton_" + row.index
                alwaysShowButtons: true
                onSubmitted: text => { row.comments.edit(row.commentId, text); row.editing = false }
                onCancelled: row.editing = false
            }

            RowLayout {
                visible: !row.deleted && !row.editing
                spacing: 0
                ToolButton {
                    objectName: "commentLikeButton_" + row.index
                    text: "▲ " + (row.likeCount > 0 ? row.likeCount : "")
                    checkable: false
                    highlighted: row.myReaction === "like"
                    font.pixelSize: Theme.fontSmall
                    Accessible.name: qsTr("Like this comment")
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: row.comments.like(row.commentId)
                }
                ToolButton {
                    objectName: "commentDislikeButton_" + row.index
                    text: "▼"
                    highlighted: row.myReaction === "dislike"
                    font.pixelSize: Theme.fontSmall
                    Accessible.name: qsTr("Dislike this comment")
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: row.comments.dislike(row.commentId)
                }
                Label {
                    visible: row.hearted
                    text: "♥"
                    color: Theme.accent
                    leftPadding: 6
                    rightPadding: 6
                    ToolTip.visible: heartHover.hovered
                    ToolTip.text: qsTr("Hearted by the creator")
                    HoverHandler { id: heartHover }
                }
                ToolButton {
                    objectName: "commentReplyButton_" + row.index
                    text: qsTr("Reply")
                    font.pixelSize: Theme.fontSmall
                    font.capitalization: Font.MixedCase
                    onClicked: {
                        row.replying = true // the server mentions the author a reply to a reply answers
                        replyBox.focusField()
                    }
                }
                ToolButton {
                    objectName: "commentMenuButton_" + row.index
                    text: "⋮"
                    Accessible.name: qsTr("More actions")
                    onClicked: menu.popup()
                    Menu {
                        id: menu
                        MenuItem {
                            objectName: "commentEditItem"
                            text: qsTr("Edit")
                            visible: row.canEdit
                            height: visible ? implicitHeight : 0
                            onTriggered: { editBox.text = row.text; row.editing = true; editBox.focusField() }
                        }
                        MenuItem {
                            objectName: "commentDeleteItem"
                            text: qsTr("Delete")
                            visible: row.canDelete
                            height: visible ? implicitHeight : 0
                            onTriggered: row.deleteRequested(row.commentId)
                        }
                        MenuItem {
                            objectName: "commentPinItem"
                            text: row.pinned ? qsTr("Unpin") : qsTr("Pin")
                            visible: row.canModerate && !row.isReply
                            height: visible ? implicitHeight : 0
                            onTriggered: row.comments.setPinned(row.commentId, !row.pinned)
                        }
                        MenuItem {
                            objectName: "commentHeartItem"
                            text: row.hearted ? qsTr("Remove heart") : qsTr("Heart")
                            visible: row.canModerate
                            height: visible ? implicitHeight : 0
                            onTriggered: row.comments.setHearted(row.commentId, !row.hearted)
                        }
                        Menu {
                            title: qsTr("Report")
                            enabled: row.canReport
                            MenuItem {
                                text: qsTr("Spam or misleading")
                                onTriggered: row.comments.report(row.commentId, "spam")
                            }
                            MenuItem {
                                text: qsTr("Harassment or bullying")
                                onTriggered: row.comments.report(row.commentId, "harassment")
                            }
                            MenuItem {
                                text: qsTr("Hateful")
                                onTriggered: row.comments.report(row.commentId, "hate")
                            }
                            MenuItem {
                                text: qsTr("Sexual content")
                                onTriggered: row.comments.report(row.commentId, "sexual")
                            }
                            MenuItem {
                                text: qsTr("Something else")
                                onTriggered: row.comments.report(row.commentId, "other")
                            }
                        }
                    }
                }
            }

            CommentComposer {
                id: replyBox
                visible: row.replying
                Layout.fillWidth: true
                initial: row.myInitial
                placeholderText: qsTr("Add a reply…")
                actionText: qsTr("Reply")
                fieldName: "replyComposer_" + row.index
                buttonName: "replyPostButton_" + row.index
                alwaysShowButtons: true
                busy: row.comments !== null && row.comments.posting
                onSubmitted: text => row.comments.reply(row.commentId, text)
                onCancelled: row.replying = false
            }

            Button {
                objectName: "commentRepliesButton_" + row.index
                visible: !row.isReply && row.replyCount > 0
                flat: true
                font.capitalization: Font.MixedCase
                Material.foreground: Theme.accent
                text: row.repliesShown ? "▴ " + qsTr("Hide replies")
                                       : "▾ " + (row.replyCount === 1 ? qsTr("Show 1 reply")
                                                                    : qsTr("Show %1 replies").arg(row.replyCount))
                onClicked: row.comments.toggleReplies(row.commentId)
            }
            BusyIndicator {
                visible: row.repliesLoading && !row.isReply
                running: visible
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
            }
            Button {
                objectName: "commentMoreRepliesButton_" + row.index
                visible: row.moreReplies
                flat: true
                font.capitalization: Font.MixedCase
                text: "↳ " + qsTr("Show more replies")
                onClicked: row.comments.loadMoreReplies(row.threadId)
            }
        }
    }
}
