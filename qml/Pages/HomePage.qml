pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Home: videos recommended for you (App.browse.home), an infinite grid — the view asks the model for the next
// page as its last cards come into reach. Each card says why it is there; its channel's name opens the
// channel. Refresh (or F5) asks for a new feed; App.browse reloads it after sign-in and after watching.
Rectangle {
    id: home
    objectName: "homePage"
    color: Theme.window

    signal watchRequested(string videoId)
    signal channelRequested(string channelId)

    readonly property RecommendationsModel feed: App.browse.home

    Keys.onPressed: event => {
        if (event.key === Qt.Key_F5) {
            App.browse.refreshHome()
            event.accepted = true
        }
    }
    // Shown again (another page was current): the feed may have changed meanwhile.
    onVisibleChanged: if (visible) App.browse.refreshHome()
    onActiveFocusChanged: if (activeFocus) grid.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Recommended")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                Layout.fillWidth: true
            }
            BusyIndicator {
                objectName: "homeBusy"
                running: home.feed.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshHomeButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: App.browse.refreshHome()
            }
        }

        ErrorBanner {
            objectName: "homeErrorBanner"
            Layout.fillWidth: true
            text: home.feed.errorMessage || App.library.errorMessage
            actionText: home.feed.errorMessage.length > 0 ? qsTr("Retry") : ""
            onActionTriggered: App.browse.refreshHome()
            onDismissed: {
                home.feed.clearError()
                App.library.clearError()
            }
        }
        ErrorBanner {
            objectName: "homeStatusBanner"
            Layout.fillWidth: true
            tone: Theme.success
            text: App.library.statusMessage
            onDismissed: App.library.clearStatus()
        }

        GridView {
            id: grid
            objectName: "homeGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: home.feed
            FeedFiller { target: home.feed; flickable: grid }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            // As many 240-pixel columns as fit, sharing the spare width; room for the reason line.
            cellWidth: width / Math.max(1, Math.floor(width / 240))
            cellHeight: cellWidth * 9 / 16 + 130
            ScrollBar.vertical: ScrollBar {}

            delegate: VideoCard {
                id: card
                required property string reasonText
                objectName: "homeVideo_" + index
                width: grid.cellWidth
                height: grid.cellHeight
                topInset: 4; bottomInset: 4; leftInset: 4; rightInset: 4
                padding: 10
                focus: GridView.isCurrentItem
                reason: reasonText
                channelClickable: true
                onWatchRequested: home.watchRequested(card.videoId)
                onWatchLaterRequested: App.library.addToWatchLater(card.videoId)
                onChannelRequested: home.channelRequested(card.channelId)
            }

            BusyIndicator {
                anchors.centerIn: parent
                running: home.feed.loading && home.feed.count === 0
                visible: running
            }
            EmptyState {
                objectName: "homeEmptyState"
                anchors.centerIn: parent
                visible: home.feed.loaded && !home.feed.loading && home.feed.count === 0
                         && home.feed.errorMessage.length === 0
                title: qsTr("Nothing to recommend yet")
                detail: qsTr("Videos recommended for you appear here once people publish on this server.")
            }
        }
    }
}
