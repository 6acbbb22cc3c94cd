import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// Home: videos recommended for you (App.browse), an infinite grid.
Rectangle {
    id: home
    color: Theme.window

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Home")
        detail: qsTr("Videos recommended for you appear here once people publish on this server.")
    }
}
