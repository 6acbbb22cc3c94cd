import QtQuick
import QtQuick.Controls
import Framecast.Ui
import Framecast.Components

// Wrap a page (the Shell wraps the whole app) in it to accept video files dropped anywhere on it: they join
// the upload queue (other files and links are refused), and filesDropped tells the page to show it. Children
// declared inside it are the page's content.
DropArea {
    id: area
    objectName: "uploadDropArea"

    default property alias content: container.data

    signal filesDropped()

    // Only video files: a dragged link, image or document is refused (no overlay, no drop).
    onEntered: (drag) => {
        drag.accepted = drag.hasUrls && App.uploads.videoFiles(drag.urls).length > 0
    }
    onDropped: (drop) => {
        const videos = drop.hasUrls ? App.uploads.videoFiles(drop.urls) : []
        if (videos.length > 0) {
            App.uploads.addFiles(videos)
            drop.acceptProposedAction()
            area.filesDropped()
        }
    }

    Item {
        id: container
        anchors.fill: parent
    }

    Rectangle {
        anchors.fill: parent
        visible: area.containsDrag
        color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10)
        border.color: Theme.accent
        border.width: 2
        radius: Theme.radius

        Label {
            anchors.centerIn: parent
            text: qsTr("Drop videos to upload them")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
    }
}
