import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// Column titles above "My videos", laid out like VideoListRow.
RowLayout {
    spacing: 16

    Label { text: qsTr("Video"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.leftMargin: 12; Layout.preferredWidth: 160 }
    Item { Layout.fillWidth: true; Layout.minimumWidth: 160 }
    Label { text: qsTr("Visibility"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.preferredWidth: 80 }
    Label { text: qsTr("Date"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.preferredWidth: 100 }
    Label { text: qsTr("Views"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.preferredWidth: 60; horizontalAlignment: Text.AlignRight }
    Item { Layout.preferredWidth: 350; Layout.rightMargin: 12 }
}
