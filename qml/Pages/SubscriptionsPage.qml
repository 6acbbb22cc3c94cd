pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// New videos from the channels the user subscribes to, newest first, under a row of those channels (each with
// Unsubscribe). Clicking a video (or Enter on it) asks the shell to play it; F5 reloads.
Rectangle {
    id: page
    objectName: "subscriptionsPage"
    color: Theme.window

    signal watchRequested(string videoId)

    readonly property SubscriptionsFeedModel feed: App.library.feed
    readonly property SubscribedChannelsModel channels: App.library.channels

    Keys.onPressed: event => {
        if (event.key === Qt.Key_F5) {
            App.library.refreshSubscriptions()
            event.accepted = true
        }
    }
    // Shown again (another page was current): what was watched or published meanwhile shows up.
    onVisibleChanged: if (visible) App.library.refreshSubscriptions()
    onActiveFocusChanged: if (activeFocus) grid.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Subscriptions")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: page.feed.loading || page.channels.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshSubscriptionsButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: App.library.refreshSubscriptions()
            }
        }

        ErrorBanner {
            objectName: "subscriptionsErrorBanner"
            Layout.fillWidth: true
            text: page.feed.errorMessage || page.channels.errorMessage || App.library.errorMessage
            actionText: page.feed.errorMessage.length > 0 ? qsTr("Retry") : ""
            onActionTriggered: App.library.refreshSubscriptions()
            onDismissed: {
                page.feed.clearError()
                page.channels.clearError()
                App.library.clearError()
            }
        }
        ErrorBanner {
            objectName: "subscriptionsStatusBanner"
            Layout.fillWidth: true
            tone: Theme.success
            text: App.library.statusMessage
            onDismissed: App.library.clearStatus()
        }

        ListView {
            id: channelRow
            objectName: "subscribedChannelsList"
            Layout.fillWidth: true
            Layout.preferredHeight: 60
            visible: page.channels.count > 0
            orientation: ListView.Horizontal
            spacing: Theme.spacing
            clip: true
            model: page.channels
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.horizontal: ScrollBar {}
            delegate: ChannelChip {
                id: chip
                objectName: "subscribedChannel_" + index
                onUnsubscribeRequested: page.channels.unsubscribe(chip.channelId)
            }
        }

        GridView {
            id: grid
            objectName: "subscriptionsFeedGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: page.feed
            FeedFiller { target: page.feed; flickable: grid }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            // As many 240-pixel columns as fit, sharing the spare width.
            cellWidth: width / Math.max(1, Math.floor(width / 240))
            cellHeight: cellWidth * 9 / 16 + 110
            ScrollBar.vertical: ScrollBar {}

            delegate: VideoCard {
                id: card
                objectName: "feedVideo_" + index
                width: grid.cellWidth
                height: grid.cellHeight
                // Room between cards (the background stays inside it).
                topInset: 4; bottomInset: 4; leftInset: 4; rightInset: 4
                padding: 10
                focus: GridView.isCurrentItem
                onWatchRequested: page.watchRequested(card.videoId)
                onWatchLaterRequested: App.library.addToWatchLater(card.videoId)
            }

            EmptyState {
                anchors.centerIn: parent
                visible: page.feed.loaded && page.feed.count === 0
                title: page.channels.count > 0 ? qsTr("No new videos") : qsTr("No subscriptions yet")
                detail: page.channels.count > 0
                        ? qsTr("Videos the channels you subscribe to publish will appear here.")
                        : qsTr("Subscribe to channels from their videos; their new videos appear here.")
            }
        }
    }
}
