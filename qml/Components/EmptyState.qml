import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a page shows when it has nothing yet: a title and one helpful sentence.
ColumnLayout {
    id: empty

    property string title: ""
    property string detail: ""

    spacing: Theme.spacing
    Label {
        Layout.alignment: Qt.AlignHCenter
        text: empty.title
        font.pixelSize: Theme.fontLarge
        color: Theme.text
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: 520
        text: empty.detail
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        color: Theme.textMuted
    }
}
