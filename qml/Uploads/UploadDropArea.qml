import QtQuick
import QtQuick.Controls
import Framecast.Ui
import Framecast.Components

// Wrap a page (the Shell wraps the whole app) in it to accept video files dropped anywhere on it: they join the
// upload queue, and filesDropped tells the page to show it. Children declared inside it are the page's content.
DropArea {
    id: area
    objectName: "uploadDropArea"

    default property alias content: container.data

    signal filesDropped()

    onDropped: (drop) => {
        if (drop.hasUrls) {
            App.uploads.addFiles(drop.urls)
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
