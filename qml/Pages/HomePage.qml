import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

Rectangle {
    color: Theme.window

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Home")
        detail: qsTr("Videos recommended for you appear here once people publish on this server. Upload yours from the Studio.")
    }
}
