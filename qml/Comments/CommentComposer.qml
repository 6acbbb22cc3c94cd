import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A text box with a Cancel and a post button: the "Add a comment…" box, and the reply and edit boxes of a
// comment. Ctrl+Enter posts; Escape cancels. The owner clears it (clear()) once the post went through.
RowLayout {
    id: composer

    property string initial: ""          // the writer's initial in the avatar; none when empty
    property alias text: field.text
    property alias placeholderText: field.placeholderText
    property string actionText: qsTr("Comment")
    property string fieldName: ""        // objectNames for the end-to-end tests
    property string buttonName: ""
    property bool busy: false
    property bool alwaysShowButtons: false // the top composer shows its buttons only while in use

    signal submitted(string text)
    signal cancelled()

    function clear() { field.text = "" }
    function focusField() { field.forceActiveFocus() }

    spacing: 12

    Rectangle {
        visible: composer.initial.length > 0
        Layout.alignment: Qt.AlignTop
        Layout.preferredWidth: 36
        Layout.preferredHeight: 36
        radius: 18
        color: Theme.accent
        Label {
            anchors.centerIn: parent
            text: composer.initial
            color: Theme.accentText
            font.bold: true
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 4

        TextArea {
            id: field
            objectName: composer.fieldName
            Layout.fillWidth: true
            wrapMode: TextEdit.Wrap
            selectByMouse: true
            enabled: !composer.busy
            Accessible.name: placeholderText
            Keys.onPressed: event => {
                if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                        && (event.modifiers & Qt.ControlModifier)) {
                    event.accepted = true
                    if (field.text.trim().length > 0)
                        composer.submitted(field.text)
                } else if (event.key === Qt.Key_Escape) {
                    event.accepted = true
                    composer.cancelled()
                }
            }
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            visible: composer.alwaysShowButtons || field.activeFocus || field.text.length > 0
            spacing: 4
            BusyIndicator {
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                running: composer.busy
                visible: running
            }
            Button {
                text: qsTr("Cancel")
                flat: true
                onClicked: { composer.clear(); composer.cancelled() }
            }
            Button {
                objectName: composer.buttonName
                text: composer.actionText
                highlighted: true
                enabled: !composer.busy && field.text.trim().length > 0
                onClicked: composer.submitted(field.text)
            }
        }
    }
}
