pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// A channel's page (App.browse.channel and .channelVideos): banner, avatar, name, handle, subscribers,
// Subscribe (through App.social, as under the player), the description, and its videos as a grid with
// Latest / Popular / Oldest tabs, read page by page as the grid scrolls. The header stays above the grid, not
// in it: Qt 6.4 cannot create a view's header under ComponentBehavior: Bound.
Rectangle {
    id: channelPage
    objectName: "channelPage"
    color: Theme.window

    property string channelId: ""

    signal watchRequested(string videoId)

    readonly property ChannelDetails channel: App.browse.channel
    readonly property ChannelVideosModel videos: App.browse.channelVideos
    readonly property SocialController social: App.social
    // App.social holds this channel's subscription (not another video's channel).
    readonly property bool subscriptionShown: channelId.length > 0 && social.channelId === channelId
    // The subscriber count follows App.social once it read it (it changes with Subscribe).
    readonly property string subscribersText: subscriptionShown && social.channelName.length > 0
                                              ? social.subscriberText : channel.subscribersText

    function joined(first: string, second: string): string {
        return first.length === 0 ? second : second.length === 0 ? first : first + " · " + second
    }
    function openChannel(id: string) {
        channelPage.channelId = id
        App.browse.openChannel(id)
        grid.positionViewAtBeginning()
    }

    Keys.onPressed: event => {
        if (event.key === Qt.Key_F5) {
            App.browse.refreshChannel()
            event.accepted = true
        }
    }
    onActiveFocusChanged: if (activeFocus) grid.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: 24
        anchors.rightMargin: 24
        anchors.topMargin: 16
        spacing: 12

        // A strip, not a hero image: the videos below keep most of the height.
        Rectangle {
            objectName: "channelBanner"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(120, width / 8)
            visible: banner.status !== Image.Null && banner.status !== Image.Error // none set, or unreadable
            radius: Theme.radius
            color: Theme.surfaceRaised
            clip: true
            Image {
                id: banner
                anchors.fill: parent
                source: channelPage.channel.bannerUrl
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 16

            Rectangle {
                Layout.preferredWidth: 64
                Layout.preferredHeight: 64
                radius: 32
                color: Theme.surfaceRaised
                clip: true
                Label {
                    anchors.centerIn: parent
                    visible: avatar.status !== Image.Ready
                    text: channelPage.channel.name.slice(0, 1).toUpperCase()
                    font.pixelSize: 26
                    font.bold: true
                    color: Theme.text
                }
                Image {
                    id: avatar
                    anchors.fill: parent
                    source: channelPage.channel.avatarUrl
                    sourceSize.width: 128
                    sourceSize.height: 128
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    objectName: "channelNameText"
                    Layout.fillWidth: true
                    text: channelPage.channel.name
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "channelStatsText"
                    Layout.fillWidth: true
                    visible: channelPage.channel.loaded
                    text: channelPage.joined(channelPage.joined(channelPage.channel.handleText,
                                                                channelPage.subscribersText),
                                             channelPage.channel.videoCountText)
                    color: Theme.textMuted
                    elide: Text.ElideRight
                }
            }
            BusyIndicator {
                running: channelPage.channel.loading || channelPage.videos.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "channelSubscribeButton"
                visible: channelPage.subscriptionShown && channelPage.social.canSubscribe
                enabled: !channelPage.social.busy
                highlighted: !channelPage.social.subscribed
                font.capitalization: Font.MixedCase
                text: channelPage.social.subscribed ? qsTr("Subscribed") : qsTr("Subscribe")
                Accessible.name: channelPage.social.subscribed ? qsTr("Unsubscribe") : qsTr("Subscribe")
                ToolTip.visible: hovered && channelPage.social.subscribed
                ToolTip.text: qsTr("Click to unsubscribe")
                onClicked: channelPage.social.toggleSubscription()
            }
        }

        Label {
            objectName: "channelDescriptionText"
            Layout.fillWidth: true
            visible: text.length > 0
            text: channelPage.channel.description
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            color: Theme.text
        }

        ErrorBanner {
            objectName: "channelErrorBanner"
            Layout.fillWidth: true
            text: channelPage.channel.errorMessage || channelPage.videos.errorMessage
                  || channelPage.social.errorMessage || App.library.errorMessage
            actionText: qsTr("Retry")
            onActionTriggered: App.browse.refreshChannel()
            onDismissed: {
                channelPage.channel.clearError()
                channelPage.videos.clearError()
                channelPage.social.clearError()
                App.library.clearError()
            }
        }
        ErrorBanner {
            Layout.fillWidth: true
            tone: Theme.success
            text: App.library.statusMessage
            onDismissed: App.library.clearStatus()
        }

        TabBar {
            objectName: "channelSortTabs"
            Layout.preferredWidth: 420
            Layout.bottomMargin: 8
            currentIndex: channelPage.videos.sort === "popular" ? 1 : channelPage.videos.sort === "oldest" ? 2 : 0
            TabButton {
                objectName: "channelSort_newest"
                text: qsTr("Latest")
                onClicked: channelPage.videos.sort = "newest"
            }
            TabButton {
                objectName: "channelSort_popular"
                text: qsTr("Popular")
                onClicked: channelPage.videos.sort = "popular"
            }
            TabButton {
                objectName: "channelSort_oldest"
                text: qsTr("Oldest")
                onClicked: channelPage.videos.sort = "oldest"
            }
        }

        GridView {
            id: grid
            objectName: "channelVideosGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: channelPage.videos
            FeedFiller { target: channelPage.videos; flickable: grid }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            cellWidth: width / Math.max(1, Math.floor(width / 240))
            cellHeight: cellWidth * 9 / 16 + 110
            ScrollBar.vertical: ScrollBar {}

            delegate: VideoCard {
                id: card
                objectName: "channelVideo_" + index
                width: grid.cellWidth
                height: grid.cellHeight
                topInset: 4; bottomInset: 4; leftInset: 4; rightInset: 4
                padding: 10
                focus: GridView.isCurrentItem
                onWatchRequested: channelPage.watchRequested(card.videoId)
                onWatchLaterRequested: App.library.addToWatchLater(card.videoId)
            }

            EmptyState {
                objectName: "channelEmptyState"
                anchors.centerIn: parent
                visible: channelPage.videos.loaded && !channelPage.videos.loading
                         && channelPage.videos.count === 0 && channelPage.videos.errorMessage.length === 0
                title: qsTr("No videos yet")
                detail: qsTr("Videos this channel publishes appear here.")
            }
        }
    }
}
