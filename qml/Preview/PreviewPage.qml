import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The transcode preview (App.preview): pick a rung and a window, encode it (before upload) or fetch the
// server's rendition of it (after processing), then compare it with the original side by side or with a
// split wipe, frame by frame, with its quality and size. Shows itself while App.preview.active.
Popup {
    id: page
    objectName: "previewPage"

    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent ? parent.width : 0
    height: parent ? parent.height : 0
    modal: true
    focus: true
    padding: 16
    closePolicy: Popup.CloseOnEscape
    onClosed: if (App.preview.active) App.preview.close()

    readonly property PreviewController preview: App.preview
    readonly property bool serverMode: preview.mode === PreviewController.Server

    function sync() {
        if (preview.active && !page.opened)
            page.open()
        else if (!preview.active && page.visible)
            page.close()
    }
    Component.onCompleted: sync()
    Connections {
        target: page.preview
        function onActiveChanged() { page.sync() }
    }

    background: Rectangle { color: Theme.window }

    FileDialog {
        id: sourceDialog
        title: qsTr("Choose the original file of this video")
        nameFilters: [qsTr("Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.wmv *.flv *.mpg *.mpeg *.ts *.3gp)"),
                      qsTr("All files (*)")]
        onAccepted: page.preview.chooseSourceFile(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing * 1.5

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    text: page.serverMode ? qsTr("Compare with the server's rendition")
                                          : qsTr("Transcode preview")
                    font.pixelSize: Theme.fontTitle
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    objectName: "previewSourceDescription"
                    text: page.preview.sourceDescription.length > 0
                          ? page.preview.sourceDescription + (page.preview.sourcePath.length > 0
                                                              ? " · " + page.preview.sourcePath : "")
                          : page.preview.sourcePath
                    elide: Text.ElideMiddle
                    color: Theme.textMuted
                }
            }
            Button {
                objectName: "closePreviewButton"
                text: qsTr("Close")
                onClicked: page.preview.close()
            }
        }

        ErrorBanner {
            Layout.fillWidth: true
            objectName: "previewError"
            text: page.preview.errorMessage
            onDismissed: page.preview.dismissError()
        }
        ErrorBanner {
            Layout.fillWidth: true
            objectName: "previewNotice"
            tone: Theme.warning
            text: page.preview.needsSourceFile ? page.preview.notice : ""
            actionText: qsTr("Choose the original…")
            onActionTriggered: sourceDialog.open()
        }

        // The choice: rung, window, run.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label { text: qsTr("Rung"); color: Theme.text }
            ComboBox {
                objectName: "rungCombo"
                Layout.preferredWidth: 260
                model: page.preview.rungs
                textRole: "label"
                currentIndex: page.preview.selectedRung
                enabled: !page.preview.busy && count > 0
                Accessible.name: qsTr("Rung")
                onActivated: (index) => page.preview.selectedRung = index
            }
            Label { text: qsTr("Start"); color: Theme.text; Layout.leftMargin: Theme.spacing }
            Slider {
                id: startSlider
                objectName: "windowStartSlider"
                Layout.fillWidth: true
                from: 0
                to: Math.max(0, page.preview.durationS - 1)
                stepSize: 0.5
                value: page.preview.windowStartS
                enabled: !page.preview.busy && page.preview.durationS > 0
                Accessible.name: qsTr("Window start")
                onMoved: page.preview.windowStartS = value
            }
            Label {
                text: Math.floor(startSlider.value / 60) + ":" + ("0" + Math.floor(startSlider.value % 60)).slice(-2)
                color: Theme.textMuted
            }
            Label { text: qsTr("Length"); color: Theme.text; Layout.leftMargin: Theme.spacing }
            SpinBox {
                objectName: "windowLengthSpin"
                from: 1
                to: 10
                value: page.preview.windowLengthS
                editable: true
                enabled: !page.preview.busy
                Accessible.name: qsTr("Window length in seconds")
                textFromValue: (value) => qsTr("%1 s").arg(value)
                valueFromText: (text) => parseInt(text)
                onValueModified: page.preview.windowLengthS = value
            }
            Button {
                objectName: "runPreviewButton"
                text: page.serverMode ? qsTr("Compare") : qsTr("Encode preview")
                highlighted: true
                enabled: page.preview.canRun
                onClicked: page.preview.run()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: page.preview.busy || page.preview.statusText.length > 0
            spacing: Theme.spacing
            ProgressBar {
                objectName: "previewProgress"
                Layout.fillWidth: true
                visible: page.preview.busy
                from: 0
                to: 1
                value: page.preview.progress
                indeterminate: page.preview.busy && page.preview.progress <= 0
            }
            Label {
                text: page.preview.statusText
                color: Theme.textMuted
            }
            Button {
                objectName: "cancelPreviewButton"
                visible: page.preview.busy
                text: qsTr("Cancel")
                onClicked: page.preview.cancel()
            }
        }

        // The comparison.
        ComparisonView {
            id: comparison
            objectName: "comparisonView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.preview.hasResult
            splitWipe: splitSwitch.checked
            originalSource: page.preview.hasResult ? page.preview.originalFrameUrls[scrubber.value] : ""
            encodedSource: page.preview.hasResult ? page.preview.encodedFrameUrls[scrubber.value] : ""
            encodedLabel: qsTr("%1 (%2×%3)").arg(page.preview.resultRung)
                          .arg(page.preview.resultWidth).arg(page.preview.resultHeight)
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !page.preview.hasResult
            Label {
                anchors.centerIn: parent
                width: Math.min(parent.width, 560)
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.textMuted
                text: page.serverMode
                      ? qsTr("Choose a rung and a few seconds of the video, then Compare: the server's rendition "
                             + "is downloaded and measured against your original.")
                      : qsTr("Choose a rung and a few seconds of the video, then Encode preview: they are "
                             + "encoded as the server will, and shown beside the original.")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: page.preview.hasResult
            spacing: Theme.spacing
            Label { text: qsTr("Frame"); color: Theme.text }
            Slider {
                id: scrubber
                objectName: "frameScrubber"
                Layout.fillWidth: true
                from: 0
                to: Math.max(0, page.preview.frameCount - 1)
                stepSize: 1
                snapMode: Slider.SnapAlways
                Accessible.name: qsTr("Sampled frame")
            }
            Label {
                readonly property real seconds: page.preview.frameCount > 0
                                                ? page.preview.frameTimes[scrubber.value] : 0
                text: qsTr("%1 of %2 · %3 s").arg(scrubber.value + 1).arg(page.preview.frameCount)
                                             .arg(seconds.toFixed(2))
                color: Theme.textMuted
            }
            Switch {
                id: splitSwitch
                objectName: "splitWipeSwitch"
                text: qsTr("Split wipe")
            }
        }
        Label {
            objectName: "previewStats"
            Layout.fillWidth: true
            visible: page.preview.hasResult
            text: page.preview.statsText
            font.pixelSize: Theme.fontLarge
            color: Theme.text
            wrapMode: Text.Wrap
            ToolTip.visible: statsHover.hovered
            ToolTip.text: qsTr("PSNR and SSIM compare the rung with the original at the original's size, over "
                               + "%1 s from %2 s.").arg(page.preview.resultWindowLengthS.toFixed(1))
                                                 .arg(page.preview.resultWindowStartS.toFixed(1))
            HoverHandler { id: statsHover }
        }
    }
}
