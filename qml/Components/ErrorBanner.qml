import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A readable error (or warning) line with an optional action; hidden when the text is empty.
Rectangle {
    id: banner

    property string text: ""
    property string actionText: ""
    property color tone: Theme.danger
    signal actionTriggered()
    signal dismissed()

    visible: text.length > 0
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    radius: Theme.radius
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.14)
    border.color: tone

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: banner.text
            wrapMode: Text.Wrap
            color: Theme.text
            objectName: "errorBannerText"
        }
        Button {
            visible: banner.actionText.length > 0
            text: banner.actionText
            flat: true
            onClicked: banner.actionTriggered()
        }
        ToolButton {
            text: "✕"
            Accessible.name: qsTr("Dismiss")
            onClicked: banner.dismissed()
        }
    }
}
