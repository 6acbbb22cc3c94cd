import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// Trending (App.browse): what is gaining views, likes, comments and shares, by window and category.
Rectangle {
    id: trending
    color: Theme.window

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Trending")
        detail: qsTr("Trending videos appear here.")
    }
}
