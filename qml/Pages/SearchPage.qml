import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// Search results (App.search) with filters; search(query) runs a new search.
Rectangle {
    id: searchPage
    color: Theme.window

    property string query: ""

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    function search(text: string) {
        searchPage.query = text
    }

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Search")
        detail: searchPage.query
    }
}
