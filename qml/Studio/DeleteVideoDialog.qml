import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// "Delete this video?" — deleting removes the video and its files from the server for good.
Dialog {
    id: dialog
    objectName: "deleteVideoDialog"

    property string videoId: ""
    property string videoTitle: ""

    function openFor(id: string, title: string) {
        videoId = id
        videoTitle = title
        open()
        cancelButton.forceActiveFocus() // Enter must not delete by accident
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 48 : 460, 460)
    modal: true
    title: qsTr("Delete video?")

    ColumnLayout {
        anchors.fill: parent
        Label {
            objectName: "deleteVideoMessage"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("“%1” and all its files will be deleted from the server. This cannot be undone.").arg(dialog.videoTitle)
        }
    }

    footer: DialogButtonBox {
        Button {
            id: cancelButton
            objectName: "cancelDeleteButton"
            text: qsTr("Cancel")
            flat: true
            onClicked: dialog.close()
        }
        Button {
            objectName: "confirmDeleteButton"
            text: qsTr("Delete")
            onClicked: {
                App.studio.deleteVideo(dialog.videoId)
                dialog.close()
            }
        }
    }
}
