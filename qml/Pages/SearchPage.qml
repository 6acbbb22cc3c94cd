pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Search results (App.search.results): the query, a filter bar (type, sort, duration, upload date,
// category), "Showing results for …" when the server corrected a typo, then videos (thumbnail, highlighted
// title, channel, views · age, highlighted description) or channels, more as the list scrolls.
// search(query) runs a new search with the current filters.
FocusScope {
    id: searchPage
    objectName: "searchPage"

    property string query: ""
    readonly property SearchController searching: App.search
    readonly property SearchResultsModel results: App.search.results

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    function search(text: string) {
        searchPage.query = text.trim()
        searchPage.results.search(text)
        searchPage.searching.refreshCategories()
        list.currentIndex = 0
        list.positionViewAtBeginning()
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label {
                objectName: "searchQueryLabel"
                Layout.fillWidth: true
                text: searchPage.results.query.length > 0 ? qsTr("Results for “%1”").arg(searchPage.results.query)
                                                         : qsTr("Search")
                textFormat: Text.PlainText
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                objectName: "searchTotalLabel"
                visible: searchPage.results.loaded && searchPage.results.estimatedTotal > 0
                text: searchPage.results.estimatedTotal >= 500 ? qsTr("500+ results")
                      : searchPage.results.estimatedTotal === 1 ? qsTr("1 result")
                      : qsTr("%1 results").arg(searchPage.results.estimatedTotal)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        SearchFilterBar {
            Layout.fillWidth: true
            searching: searchPage.searching
            results: searchPage.results
        }

        RowLayout {
            objectName: "correctedQueryRow"
            Layout.fillWidth: true
            visible: searchPage.results.correctedQuery.length > 0
            spacing: 4
            Label {
                text: qsTr("Showing results for")
                color: Theme.textMuted
            }
            Label {
                objectName: "correctedQueryLabel"
                Layout.fillWidth: true
                text: searchPage.results.correctedQuery
                textFormat: Text.PlainText
                font.bold: true
                font.italic: true
                color: Theme.text
                elide: Text.ElideRight
            }
        }

        ErrorBanner {
            objectName: "searchError"
            Layout.fillWidth: true
            text: searchPage.results.errorMessage
            actionText: qsTr("Try again")
            onActionTriggered: searchPage.results.refresh()
            onDismissed: searchPage.results.clearError()
        }

        ListView {
            id: list
            objectName: "searchResultsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: searchPage.results
            FeedFiller { target: searchPage.results; flickable: list }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            // Rows are all videos or all channels (the type filter); switching type empties the list first.
            delegate: searchPage.results.type === "channel" ? channelRow : videoRow

            // More rows on their way (the first page, or the next as the list reaches its end).
            // Over the list's visible area, not its content (children of a Flickable go to its content).
            BusyIndicator {
                objectName: "searchBusy"
                parent: list
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: 12
                running: searchPage.results.loading
                visible: running
            }
            EmptyState {
                objectName: "searchEmptyState"
                parent: list
                anchors.centerIn: parent
                width: Math.min(parent.width, 520)
                visible: searchPage.results.query.length > 0 && searchPage.results.loaded
                         && !searchPage.results.loading && searchPage.results.count === 0
                         && searchPage.results.errorMessage.length === 0
                title: qsTr("No results")
                detail: searchPage.results.filtered ? qsTr("Nothing matches “%1” with these filters. Try fewer filters.").arg(searchPage.results.query)
                                                    : qsTr("Nothing matches “%1”. Try other or fewer words.").arg(searchPage.results.query)
            }
            EmptyState {
                parent: list
                anchors.centerIn: parent
                visible: searchPage.results.query.length === 0
                title: qsTr("Search Framecast")
                detail: qsTr("Type in the search field above: videos by title, tags, channel or description.")
            }
        }
    }

    Component {
        id: videoRow
        LibraryVideoRow {
            id: videoResult
            required property string channelId
            required property string ageText
            required property string highlightedTitle
            required property string highlightedDescription
            objectName: "searchResult_" + index
            width: ListView.view.width
            focus: ListView.isCurrentItem
            thumbnailWidth: 240
            titleLines: 2
            styledTitle: highlightedTitle
            styledDescription: highlightedDescription
            channelLinked: channelId.length > 0
            detail: qsTr("%1 · %2").arg(viewsText).arg(ageText)
            onWatchRequested: searchPage.watchRequested(videoResult.videoId)
            onChannelRequested: searchPage.channelRequested(videoResult.channelId)
        }
    }
    Component {
        id: channelRow
        SearchChannelRow {
            id: channelResult
            objectName: "searchChannel_" + index
            width: ListView.view.width
            focus: ListView.isCurrentItem
            onOpenRequested: searchPage.channelRequested(channelResult.channelId)
        }
    }
}
