import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The upload queue: "Upload videos…" (a file picker, several files at once) or files dropped on the panel
// join the queue and start uploading at once, while each card's form is filled in. The Studio page embeds it;
// UploadDropArea lets a whole page accept drops too.
Rectangle {
    id: panel
    objectName: "uploadsPanel"

    // The list grows with its cards up to this height, then scrolls.
    property int maxListHeight: 460

    function openFilePicker() {
        fileDialog.open()
    }

    implicitHeight: column.implicitHeight + 24
    color: dropArea.containsDrag ? Theme.selection : Theme.surface
    radius: Theme.radius
    border.color: dropArea.containsDrag ? Theme.accent : Theme.divider

    FileDialog {
        id: fileDialog
        objectName: "uploadFileDialog"
        parentWindow: panel.Window.window // found late otherwise when the panel is a view's root
        title: qsTr("Choose videos to upload")
        fileMode: FileDialog.OpenFiles
        nameFilters: [App.uploads.videoNameFilter, qsTr("All files (*)")]
        onAccepted: App.uploads.addFiles(selectedFiles)
    }

    DropArea {
        id: dropArea
        anchors.fill: parent
        onDropped: (drop) => {
            if (drop.hasUrls) {
                App.uploads.addFiles(drop.urls)
                drop.acceptProposedAction()
            }
        }
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 12
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                text: qsTr("Uploads")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "uploadsSummary"
                Layout.fillWidth: true
                text: App.uploads.summary
                elide: Text.ElideRight
                color: Theme.textMuted
            }
            Button {
                objectName: "clearFinishedButton"
                visible: App.uploads.queue.count > App.uploads.unfinishedCount
                text: qsTr("Clear finished")
                flat: true
                onClicked: App.uploads.clearFinished()
            }
            Button {
                objectName: "addFilesButton"
                text: qsTr("Upload videos…")
                highlighted: true
                Accessible.description: qsTr("Choose video files to upload")
                onClicked: panel.openFilePicker()
            }
        }

        Label {
            objectName: "uploadsEmptyHint"
            Layout.fillWidth: true
            visible: App.uploads.queue.count === 0
            text: qsTr("Drag video files here, or choose “Upload videos…”. They start uploading right away while "
                       + "you add the title and details; closing the app pauses them until next time.")
            wrapMode: Text.Wrap
            color: Theme.textMuted
        }

        ListView {
            id: list
            objectName: "uploadsList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, panel.maxListHeight)
            visible: count > 0
            clip: true
            spacing: Theme.spacing
            boundsBehavior: Flickable.StopAtBounds
            model: App.uploads.queue
            ScrollBar.vertical: ScrollBar {}

            delegate: UploadCard {
                width: ListView.view.width
            }
        }
    }
}
