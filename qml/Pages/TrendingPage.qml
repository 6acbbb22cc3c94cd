pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Trending (App.browse.trending): what is gaining views, likes, comments and shares, ranked, for Today / This
// week / This month and one category at a time (chips from App.browse.categories, "All" first). A card plays
// its video; its channel's name opens the channel. Refresh (or F5) reads the ranking again.
Rectangle {
    id: trending
    objectName: "trendingPage"
    color: Theme.window

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    readonly property TrendingModel list: App.browse.trending
    readonly property CategoriesModel categories: App.browse.categories

    Keys.onPressed: event => {
        if (event.key === Qt.Key_F5) {
            App.browse.refreshTrending()
            event.accepted = true
        }
    }
    onVisibleChanged: if (visible) App.browse.refreshTrending()
    onActiveFocusChanged: if (activeFocus) grid.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Trending")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: trending.list.loading || trending.categories.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshTrendingButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: App.browse.refreshTrending()
            }
        }

        TabBar {
            objectName: "trendingRangeTabs"
            Layout.preferredWidth: 420
            currentIndex: trending.list.timeRange === "day" ? 0 : trending.list.timeRange === "month" ? 2 : 1
            TabButton {
                objectName: "trendingRange_day"
                text: qsTr("Today")
                onClicked: trending.list.timeRange = "day"
            }
            TabButton {
                objectName: "trendingRange_week"
                text: qsTr("This week")
                onClicked: trending.list.timeRange = "week"
            }
            TabButton {
                objectName: "trendingRange_month"
                text: qsTr("This month")
                onClicked: trending.list.timeRange = "month"
            }
        }

        // "All" first, then the server's categories. ("All" is not the list's header: Qt 6.4 cannot create a
        // view's header under ComponentBehavior: Bound.)
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            CategoryChip {
                objectName: "categoryChip_all"
                category: ""
                text: qsTr("All")
                selected: trending.list.category === category
                onClicked: trending.list.category = category
            }
            ListView {
                id: chips
                objectName: "categoryChips"
                Layout.fillWidth: true
                Layout.preferredHeight: 48
                orientation: ListView.Horizontal
                spacing: Theme.spacing
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                model: trending.categories
                delegate: CategoryChip {
                    required property int index
                    required property string name
                    required property int videoCount
                    objectName: "categoryChip_" + index
                    category: name
                    text: name
                    selected: trending.list.category === category
                    onClicked: trending.list.category = category
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("%n listed video(s)", "", videoCount)
                }
            }
        }

        ErrorBanner {
            objectName: "trendingErrorBanner"
            Layout.fillWidth: true
            text: trending.list.errorMessage || trending.categories.errorMessage || App.library.errorMessage
            actionText: qsTr("Retry")
            onActionTriggered: App.browse.refreshTrending()
            onDismissed: {
                trending.list.clearError()
                trending.categories.clearError()
                App.library.clearError()
            }
        }
        ErrorBanner {
            Layout.fillWidth: true
            tone: Theme.success
            text: App.library.statusMessage
            onDismissed: App.library.clearStatus()
        }

        GridView {
            id: grid
            objectName: "trendingGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: trending.list
            FeedFiller { target: trending.list; flickable: grid }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            cellWidth: width / Math.max(1, Math.floor(width / 240))
            cellHeight: cellWidth * 9 / 16 + 110
            ScrollBar.vertical: ScrollBar {}

            delegate: VideoCard {
                id: card
                objectName: "trendingVideo_" + index
                width: grid.cellWidth
                height: grid.cellHeight
                topInset: 4; bottomInset: 4; leftInset: 4; rightInset: 4
                padding: 10
                focus: GridView.isCurrentItem
                rank: index + 1
                channelClickable: true
                onWatchRequested: trending.watchRequested(card.videoId)
                onWatchLaterRequested: App.library.addToWatchLater(card.videoId)
                onChannelRequested: trending.channelRequested(card.channelId)
            }

            BusyIndicator {
                anchors.centerIn: parent
                running: trending.list.loading && trending.list.count === 0
                visible: running
            }
            EmptyState {
                objectName: "trendingEmptyState"
                anchors.centerIn: parent
                visible: trending.list.loaded && !trending.list.loading && trending.list.count === 0
                         && trending.list.errorMessage.length === 0
                title: qsTr("Nothing is trending")
                detail: trending.list.category.length > 0
                        ? qsTr("No video in %1 was watched, liked, commented on or shared in this time.")
                              .arg(trending.list.category)
                        : qsTr("Videos that people watch, like, comment on and share in this time appear here.")
            }
        }
    }
}
