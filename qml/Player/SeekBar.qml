import QtQuick
import QtQuick.Controls
import Framecast.Ui
import Framecast.Components

// The timeline: played and buffered ranges, a handle, and on hover the storyboard tile under the pointer
// with its time. Click or drag to seek (the seek is sent on release; the handle follows the drag).
Item {
    id: bar
    objectName: "seekBar"

    required property PlayerController controller
    readonly property double duration: controller.duration_s
    readonly property bool dragging: area.pressed
    property double dragSeconds: 0
    property double hoverSeconds: 0
    property url tileSource: ""
    property rect tileRect: Qt.rect(0, 0, 0, 0)

    implicitHeight: 24
    activeFocusOnTab: true
    Accessible.role: Accessible.Slider
    Accessible.name: qsTr("Seek")

    function secondsAt(x: real): double {
        return duration > 0 ? Math.max(0, Math.min(1, x / width)) * duration : 0
    }
    function fraction(seconds: double): real {
        return duration > 0 ? Math.max(0, Math.min(1, seconds / duration)) : 0
    }
    function updateHover(x: real) {
        hoverSeconds = secondsAt(x)
        const tile = controller.storyboardTileAt(hoverSeconds)
        tileSource = tile.source ?? ""
        tileRect = tile.source ? Qt.rect(tile.x, tile.y, tile.width, tile.height) : Qt.rect(0, 0, 0, 0)
    }

    Rectangle {
        id: track
        anchors.verticalCenter: parent.verticalCenter
        width: parent.width
        height: area.containsMouse || bar.dragging ? 6 : 4
        radius: height / 2
        color: "#50ffffff"

        Rectangle {
            objectName: "seekBuffered"
            height: parent.height
            radius: parent.radius
            width: parent.width * bar.fraction(bar.controller.buffered_until_s)
            color: "#90ffffff"
        }
        Rectangle {
            objectName: "seekPlayed"
            height: parent.height
            radius: parent.radius
            width: parent.width * bar.fraction(bar.dragging ? bar.dragSeconds : bar.controller.position_s)
            color: Theme.accent
        }
    }
    Rectangle {
        id: handle
        width: 14
        height: 14
        radius: 7
        color: Theme.accent
        anchors.verticalCenter: parent.verticalCenter
        x: bar.width * bar.fraction(bar.dragging ? bar.dragSeconds : bar.controller.position_s) - width / 2
        visible: area.containsMouse || bar.dragging || bar.activeFocus
    }

    MouseArea {
        id: area
        objectName: "seekArea"
        anchors.fill: parent
        anchors.topMargin: -6
        anchors.bottomMargin: -6
        hoverEnabled: true
        onPositionChanged: mouse => {
            bar.updateHover(mouse.x)
            if (pressed)
                bar.dragSeconds = bar.hoverSeconds
        }
        onPressed: mouse => {
            bar.updateHover(mouse.x)
            bar.dragSeconds = bar.hoverSeconds
        }
        onReleased: bar.controller.seek(bar.dragSeconds)
    }

    // The preview above the pointer: the storyboard tile (when the video has one) and the time.
    Rectangle {
        id: preview
        objectName: "seekPreview"
        visible: area.containsMouse || bar.dragging
        readonly property real tileWidth: bar.tileRect.width > 0 ? bar.tileRect.width : 0
        width: Math.max(tileWidth, timeLabel.implicitWidth + 12) + 4
        height: (tileWidth > 0 ? bar.tileRect.height + 4 : 0) + timeLabel.implicitHeight + 6
        x: Math.max(0, Math.min(bar.width - width, area.mouseX - width / 2))
        y: -height - 10
        radius: 4
        color: "#e0000000"
        border.color: "#60ffffff"

        Image {
            objectName: "seekPreviewTile"
            x: 2
            y: 2
            visible: preview.tileWidth > 0
            width: bar.tileRect.width
            height: bar.tileRect.height
            source: bar.tileSource
            sourceClipRect: bar.tileRect
            asynchronous: true
            cache: true
        }
        Label {
            id: timeLabel
            objectName: "seekPreviewTime"
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.bottom: parent.bottom
            anchors.bottomMargin: 3
            text: bar.controller.formatTime(bar.dragging ? bar.dragSeconds : bar.hoverSeconds)
            color: "white"
            font.pixelSize: Theme.fontSmall
        }
    }
}
