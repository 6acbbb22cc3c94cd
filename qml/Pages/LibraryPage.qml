import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

Rectangle {
    color: Theme.window

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Library")
        detail: qsTr("Your history, Watch later and playlists appear here.")
    }
}
