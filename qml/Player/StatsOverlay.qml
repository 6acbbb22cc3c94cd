import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// "Stats for nerds": what the engine is doing right now.
Rectangle {
    id: overlay
    objectName: "statsOverlay"

    required property PlayerController controller
    readonly property var stats: controller.stats

    signal closeRequested()

    implicitWidth: grid.implicitWidth + 24
    implicitHeight: grid.implicitHeight + 24
    radius: 6
    color: "#d0000000"

    component Key: Label { color: "#b0ffffff"; font.pixelSize: Theme.fontSmall }
    component Value: Label { color: "white"; font.pixelSize: Theme.fontSmall; font.family: "monospace" }

    GridLayout {
        id: grid
        anchors.centerIn: parent
        columns: 2
        columnSpacing: 12
        rowSpacing: 2

        Key { text: qsTr("Rung") }
        Value { objectName: "statsRung"; text: overlay.stats.rung + " · " + overlay.stats.resolution }
        Key { text: qsTr("Bitrate") }
        Value { objectName: "statsBitrate"; text: Math.round(overlay.stats.bitrateKbps) + " kb/s" }
        Key { text: qsTr("Throughput estimate") }
        Value { objectName: "statsThroughput"; text: Math.round(overlay.stats.throughputKbps) + " kb/s" }
        Key { text: qsTr("Buffer") }
        Value { objectName: "statsBuffer"; text: Number(overlay.stats.bufferS).toFixed(1) + " s" }
        Key { text: qsTr("Dropped frames") }
        Value {
            objectName: "statsDropped"
            text: overlay.stats.droppedFrames + " / " + overlay.stats.presentedFrames
        }
        Key { text: qsTr("Codecs") }
        Value { objectName: "statsCodecs"; text: overlay.stats.videoCodec + " · " + overlay.stats.audioCodec }
        Key { text: qsTr("Start-up") }
        Value { text: overlay.stats.startupMs >= 0 ? overlay.stats.startupMs + " ms" : "–" }
        Key { text: qsTr("Stalls") }
        Value { text: overlay.stats.stalls + " (" + overlay.stats.stallMs + " ms)" }
        Key { text: qsTr("Rung switches") }
        Value { text: String(overlay.stats.switches) }
    }
    ToolButton {
        objectName: "closeStatsButton"
        anchors.top: parent.top
        anchors.right: parent.right
        text: "✕"
        font.pixelSize: Theme.fontSmall
        focusPolicy: Qt.TabFocus
        Accessible.name: qsTr("Close stats")
        onClicked: overlay.closeRequested()
    }
}
