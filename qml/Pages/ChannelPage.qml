import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// A channel's page (App.browse): banner, avatar, name, subscribers, Subscribe, and its videos by sort.
Rectangle {
    id: channelPage
    color: Theme.window

    property string channelId: ""

    signal watchRequested(string videoId)

    function openChannel(id: string) {
        channelPage.channelId = id
    }

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Channel")
        detail: channelPage.channelId
    }
}
