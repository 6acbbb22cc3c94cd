import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// One upload: title and file, progress ("12.3 MB of 40 MB · 2.1 MB/s · 15 s left"), what it is doing, the
// actions that apply now, and the form (open while the upload is under way).
Rectangle {
    id: card
    objectName: "uploadRow_" + index

    required property int index
    required property string itemId
    required property string title
    required property string fileName
    required property string filePath
    required property string description
    required property string tags
    required property string category
    required property string visibility
    required property int uploadState
    required property string stateText
    required property string notice
    required property string formError
    required property real progress
    required property string progressText
    required property real processingProgress
    required property bool canPause
    required property bool canResume
    required property bool canCancel
    required property bool canRetry
    required property bool canRemove

    readonly property bool processing: uploadState === UploadState.Processing
    readonly property bool finished: uploadState === UploadState.Ready || uploadState === UploadState.Failed
                                     || uploadState === UploadState.Cancelled
    readonly property color stateColor: {
        switch (uploadState) {
        case UploadState.Failed: return Theme.danger
        case UploadState.Retrying:
        case UploadState.NeedsSignIn: return Theme.warning
        case UploadState.Ready: return Theme.success
        default: return Theme.textMuted
        }
    }
    property bool expanded: !finished

    implicitHeight: content.implicitHeight + 20
    radius: Theme.radius
    color: Theme.surfaceRaised
    border.color: activeFocus ? Theme.accent : "transparent"
    activeFocusOnTab: true
    Accessible.role: Accessible.ListItem
    Accessible.name: title + ", " + stateText

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.margins: 10
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    objectName: "uploadTitleLabel"
                    Layout.fillWidth: true
                    text: card.title.length > 0 ? card.title : qsTr("(no title)")
                    font.bold: true
                    elide: Text.ElideRight
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    text: card.fileName
                    elide: Text.ElideMiddle
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                }
            }
            Button {
                objectName: "previewQualitiesButton"
                visible: card.uploadState !== UploadState.Cancelled && card.uploadState !== UploadState.Failed
                text: qsTr("Preview qualities")
                flat: true
                Accessible.description: qsTr("Encode a few seconds at each quality and compare them with the original")
                onClicked: App.preview.openForLocalPath(card.filePath)
            }
            Button {
                objectName: "pauseButton"
                visible: card.canPause
                text: qsTr("Pause")
                flat: true
                onClicked: App.uploads.pause(card.index)
            }
            Button {
                objectName: "resumeButton"
                visible: card.canResume
                text: qsTr("Resume")
                flat: true
                onClicked: App.uploads.resume(card.index)
            }
            Button {
                objectName: "retryButton"
                visible: card.canRetry
                text: qsTr("Retry")
                flat: true
                onClicked: App.uploads.retry(card.index)
            }
            Button {
                objectName: "cancelButton"
                visible: card.canCancel
                text: qsTr("Cancel")
                flat: true
                Accessible.description: qsTr("Stop this upload and delete it from the server")
                onClicked: App.uploads.cancel(card.index)
            }
            Button {
                objectName: "removeButton"
                visible: card.canRemove
                text: qsTr("Remove")
                flat: true
                Accessible.description: qsTr("Remove from this list (the video stays on the server)")
                onClicked: App.uploads.remove(card.index)
            }
            ToolButton {
                objectName: "detailsButton"
                visible: card.uploadState !== UploadState.Cancelled
                text: card.expanded ? "▴" : "▾"
                Accessible.name: card.expanded ? qsTr("Hide details") : qsTr("Edit details")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: card.expanded = !card.expanded
            }
        }

        ProgressBar {
            objectName: "uploadProgressBar"
            Layout.fillWidth: true
            visible: card.uploadState !== UploadState.Cancelled
            from: 0
            to: 1
            value: card.processing ? card.processingProgress : card.progress
            indeterminate: card.processing && card.processingProgress <= 0
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label {
                objectName: "uploadProgressText"
                visible: !card.processing && card.uploadState !== UploadState.Ready
                text: card.progressText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            Label {
                objectName: "uploadStateText"
                Layout.fillWidth: true
                text: card.stateText
                wrapMode: Text.Wrap
                horizontalAlignment: card.processing || card.uploadState === UploadState.Ready ? Text.AlignLeft
                                                                                               : Text.AlignRight
                color: card.stateColor
                font.pixelSize: Theme.fontSmall
            }
        }

        Label {
            objectName: "uploadNotice"
            Layout.fillWidth: true
            visible: card.notice.length > 0
            text: card.notice
            wrapMode: Text.Wrap
            color: Theme.warning
            font.pixelSize: Theme.fontSmall
        }

        UploadForm {
            Layout.fillWidth: true
            visible: card.expanded && card.uploadState !== UploadState.Cancelled
            row: card.index
            title: card.title
            description: card.description
            tags: card.tags
            category: card.category
            visibility: card.visibility
            formError: card.formError
        }
    }
}
