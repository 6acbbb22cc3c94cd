import QtQuick
import QtQuick.Controls
import Framecast.Components

// A video's thumbnail (through the image provider) with its duration, and optionally how far it was watched.
Rectangle {
    id: thumb

    property url source
    property string durationText: ""
    property real progress: -1 // 0..1 draws a resume bar; negative: none

    radius: 4
    color: Theme.surfaceRaised
    clip: true

    Image {
        id: image
        objectName: "videoThumbnailImage"
        anchors.fill: parent
        source: thumb.source
        sourceSize.width: 320
        sourceSize.height: 180
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
    }
    Label {
        anchors.centerIn: parent
        visible: image.status !== Image.Ready
        text: "▶"
        font.pixelSize: 28
        color: Theme.textMuted
    }
    Label {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 4
        anchors.bottomMargin: thumb.progress >= 0 ? 8 : 4
        visible: thumb.durationText.length > 0
        text: thumb.durationText
        color: "white"
        font.pixelSize: Theme.fontSmall
        background: Rectangle { color: "#c0000000"; radius: 2 }
        padding: 2
    }
    Rectangle {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        visible: thumb.progress >= 0
        width: parent.width
        height: 4
        color: "#80ffffff"
        Rectangle {
            objectName: "resumeProgressBar"
            width: parent.width * Math.max(0, Math.min(1, thumb.progress))
            height: parent.height
            color: Theme.accent
        }
    }
}
