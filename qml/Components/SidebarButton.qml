import QtQuick
import QtQuick.Controls

// One navigation entry of the sidebar; the current one is highlighted.
ItemDelegate {
    id: entry

    property string glyph: ""
    property bool current: false

    width: parent ? parent.width : implicitWidth
    height: 44
    highlighted: current
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.PageTab

    background: Rectangle {
        radius: Theme.radius
        color: entry.current ? Theme.selection : (entry.hovered || entry.visualFocus ? Theme.surfaceRaised : "transparent")
        border.color: entry.visualFocus ? Theme.accent : "transparent"
    }
    contentItem: Row {
        spacing: 14
        leftPadding: 8
        Label {
            text: entry.glyph
            font.pixelSize: 18
            color: entry.current ? Theme.accent : Theme.text
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            text: entry.text
            font.pixelSize: Theme.fontNormal
            font.bold: entry.current
            color: Theme.text
            anchors.verticalCenter: parent.verticalCenter
        }
    }
}
