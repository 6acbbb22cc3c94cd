pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Choose one of the generated thumbnails, or upload an image as a custom thumbnail.
Dialog {
    id: dialog
    objectName: "thumbnailDialog"

    property string videoTitle: ""

    function openFor(id: string, title: string) {
        videoTitle = title
        App.studio.thumbnails.load(id)
        open()
        candidates.forceActiveFocus()
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 48 : 640, 640)
    modal: true
    title: qsTr("Thumbnail for “%1”").arg(videoTitle)

    FileDialog {
        id: fileDialog
        title: qsTr("Choose a thumbnail image")
        nameFilters: [qsTr("Images (*.jpg *.jpeg *.png *.webp)")]
        onAccepted: App.studio.thumbnails.uploadFile(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ErrorBanner {
            objectName: "thumbnailErrorBanner"
            Layout.fillWidth: true
            text: App.studio.thumbnails.errorMessage
            onDismissed: App.studio.thumbnails.clearError()
        }

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            text: candidates.count > 0 ? qsTr("Pick a frame from the video, or upload your own image.")
                                       : qsTr("Frames to choose from appear when processing is finished. You can upload your own image now.")
        }

        GridView {
            id: candidates
            objectName: "thumbnailCandidates"
            Layout.fillWidth: true
            Layout.preferredHeight: count > 0 ? Math.ceil(count / 3) * cellHeight : 0
            cellWidth: Math.floor(width / 3)
            cellHeight: cellWidth * 9 / 16 + 8
            interactive: false
            keyNavigationEnabled: true
            model: App.studio.thumbnails
            delegate: ItemDelegate {
                id: candidate
                required property int index
                required property int position
                required property url imageUrl
                required property bool selected
                required property bool black
                objectName: "thumbnailCandidate_" + index
                width: candidates.cellWidth
                height: candidates.cellHeight
                padding: 4
                Accessible.name: qsTr("Frame %1").arg(position)
                contentItem: Image {
                    source: candidate.imageUrl
                    sourceSize.width: 320
                    sourceSize.height: 180
                    fillMode: Image.PreserveAspectFit
                    asynchronous: true
                    opacity: candidate.black ? 0.6 : 1
                }
                background: Rectangle {
                    radius: 4
                    color: "transparent"
                    border.width: candidate.selected || candidate.visualFocus ? 3 : 0
                    border.color: candidate.selected ? Theme.accent : Theme.textMuted
                }
                onClicked: App.studio.thumbnails.choose(position)
                Keys.onReturnPressed: App.studio.thumbnails.choose(position)
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: customThumbnail.status !== Image.Null // no custom image: no source
            Image {
                id: customThumbnail
                objectName: "customThumbnail"
                source: App.studio.thumbnails.customImageUrl
                sourceSize.width: 160
                sourceSize.height: 90
                Layout.preferredWidth: 160
                Layout.preferredHeight: 90
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
            Label { text: qsTr("Your own image is the thumbnail."); color: Theme.text; Layout.fillWidth: true }
        }
    }

    footer: DialogButtonBox {
        BusyIndicator {
            running: App.studio.thumbnails.busy
            visible: running
            implicitWidth: 32
            implicitHeight: 32
        }
        Button {
            objectName: "uploadThumbnailButton"
            text: qsTr("Upload image…")
            enabled: !App.studio.thumbnails.busy
            onClicked: fileDialog.open()
        }
        Button {
            objectName: "closeThumbnailButton"
            text: qsTr("Done")
            highlighted: true
            onClicked: dialog.close()
        }
    }
}
