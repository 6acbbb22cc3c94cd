import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// One comment waiting for review: who wrote it on which video, why it was held, the text, and the creator's
// choices. A (approve), R or Delete (remove) and B (block the author) act on the current row.
ItemDelegate {
    id: row

    required property int index
    required property string commentId
    required property string commentText
    required property string authorName
    required property bool authorBlocked
    required property string videoTitle
    required property string heldReasonText
    required property string ageText

    signal approveRequested()
    signal removeRequested()
    signal blockRequested()

    width: ListView.view ? ListView.view.width : implicitWidth
    focusPolicy: Qt.StrongFocus
    highlighted: ListView.isCurrentItem
    Accessible.name: qsTr("Comment by %1 on %2").arg(authorName).arg(videoTitle)
    Accessible.description: commentText
    onClicked: ListView.view.currentIndex = index
    Keys.onPressed: event => {
        if (event.key === Qt.Key_A) { row.approveRequested(); event.accepted = true }
        else if (event.key === Qt.Key_R || event.key === Qt.Key_Delete) { row.removeRequested(); event.accepted = true }
        else if (event.key === Qt.Key_B && !row.authorBlocked) { row.blockRequested(); event.accepted = true }
    }

    background: Rectangle {
        color: row.highlighted ? Theme.selection : (row.hovered ? Theme.surfaceRaised : Theme.surface)
        border.color: row.visualFocus ? Theme.accent : "transparent"
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.divider
        }
    }

    contentItem: RowLayout {
        spacing: 16
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                Layout.fillWidth: true
                text: qsTr("<b>%1</b> on “%2” · %3").arg(row.authorName).arg(row.videoTitle).arg(row.ageText)
                textFormat: Text.StyledText
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                objectName: "heldCommentText"
                Layout.fillWidth: true
                text: row.commentText
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.Wrap
                maximumLineCount: 4
                elide: Text.ElideRight
            }
            Label {
                objectName: "heldReasonLabel"
                Layout.fillWidth: true
                text: row.authorBlocked ? qsTr("%1 · author blocked from your channel").arg(row.heldReasonText)
                                        : row.heldReasonText
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
            }
        }
        Button {
            objectName: "approveCommentButton"
            text: qsTr("Approve")
            highlighted: true
            onClicked: row.approveRequested()
        }
        Button {
            objectName: "removeCommentButton"
            text: qsTr("Remove")
            flat: true
            onClicked: row.removeRequested()
        }
        Button {
            objectName: "blockAuthorButton"
            text: row.authorBlocked ? qsTr("Blocked") : qsTr("Block user")
            enabled: !row.authorBlocked
            flat: true
            Accessible.name: qsTr("Block %1 from commenting on your channel").arg(row.authorName)
            onClicked: row.blockRequested()
        }
    }
}
