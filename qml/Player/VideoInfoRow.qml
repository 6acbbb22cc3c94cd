import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import Framecast.Ui
import Framecast.Components

// Under the picture: the title, the channel with its subscriber count and Subscribe (not on your own
// channel), like / dislike with the like count (pressing the lit one again takes it back), and Share, which
// copies a link to this moment of the video and says so; Save adds the video to Watch later or a playlist.
// The channel's name opens its page (channelRequested).
ColumnLayout {
    id: info
    objectName: "videoInfoRow"

    required property PlayerController controller
    readonly property SocialController social: App.social

    signal channelRequested(string channelId)

    spacing: 8

    Label {
        objectName: "videoTitleText"
        Layout.fillWidth: true
        text: info.controller.title
        font.pixelSize: Theme.fontLarge + 2
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 12

        Rectangle {
            Layout.preferredWidth: 40
            Layout.preferredHeight: 40
            radius: 20
            color: Theme.surfaceRaised
            Label {
                anchors.centerIn: parent
                text: info.social.channelName.slice(0, 1).toUpperCase()
                font.bold: true
                color: Theme.text
            }
        }
        ColumnLayout {
            spacing: 0
            Label {
                objectName: "channelNameLabel"
                text: info.social.channelName
                font.bold: true
                font.underline: channelLink.hovered || activeFocus
                color: Theme.text
                activeFocusOnTab: info.social.channelId.length > 0
                Accessible.role: Accessible.Link
                Accessible.name: qsTr("Open the channel %1").arg(text)
                Keys.onReturnPressed: info.channelRequested(info.social.channelId)
                Keys.onEnterPressed: info.channelRequested(info.social.channelId)
                HoverHandler {
                    id: channelLink
                    cursorShape: Qt.PointingHandCursor
                }
                TapHandler {
                    onTapped: if (info.social.channelId.length > 0) info.channelRequested(info.social.channelId)
                }
            }
            Label {
                objectName: "subscriberCountLabel"
                text: info.social.subscriberText
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
        Button {
            objectName: "subscribeButton"
            visible: info.social.canSubscribe
            enabled: !info.social.busy
            highlighted: !info.social.subscribed
            font.capitalization: Font.MixedCase
            text: info.social.subscribed ? qsTr("Subscribed") : qsTr("Subscribe")
            Accessible.name: info.social.subscribed ? qsTr("Unsubscribe") : qsTr("Subscribe")
            ToolTip.visible: hovered && info.social.subscribed
            ToolTip.text: qsTr("Click to unsubscribe")
            onClicked: info.social.toggleSubscription()
        }

        Item { Layout.fillWidth: true }

        Button {
            objectName: "likeButton"
            enabled: info.social.videoLoaded && !info.social.busy
            flat: info.social.myRating !== "like"
            highlighted: info.social.myRating === "like"
            font.capitalization: Font.MixedCase
            text: "▲ " + info.social.likeText
            Accessible.name: info.social.myRating === "like" ? qsTr("Remove your like") : qsTr("I like this")
            ToolTip.visible: hovered && visible
            ToolTip.text: Accessible.name
            onClicked: info.social.like()
        }
        Button {
            objectName: "dislikeButton"
            enabled: info.social.videoLoaded && !info.social.busy
            flat: info.social.myRating !== "dislike"
            highlighted: info.social.myRating === "dislike"
            text: "▼"
            Accessible.name: info.social.myRating === "dislike" ? qsTr("Remove your dislike")
                                                                 : qsTr("I dislike this")
            ToolTip.visible: hovered && visible
            ToolTip.text: Accessible.name
            onClicked: info.social.dislike()
        }
        Button {
            id: saveButton
            objectName: "saveButton"
            enabled: info.controller.active
            flat: true
            font.capitalization: Font.MixedCase
            text: "+ " + qsTr("Save")
            Accessible.name: qsTr("Save to Watch later or a playlist")
            ToolTip.visible: hovered && visible && !savePopup.visible
            ToolTip.text: Accessible.name
            onClicked: {
                App.library.playlists.refresh()
                savePopup.open()
            }

            // Watch later first, then the user's playlists (App.library's list, read again on opening).
            Popup {
                id: savePopup
                objectName: "savePopup"
                y: saveButton.height
                width: 280
                padding: 8
                // Back to the page's keys (space, f, j/l…) once the choice is made.
                onClosed: saveButton.forceActiveFocus()
                contentItem: ColumnLayout {
                    spacing: 4
                    Label {
                        text: qsTr("Save to…")
                        font.bold: true
                        color: Theme.text
                    }
                    ListView {
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.min(contentHeight, 280)
                        clip: true
                        model: App.library.playlists
                        delegate: ItemDelegate {
                            required property int index
                            required property string playlistId
                            required property string title
                            required property bool isWatchLater
                            objectName: "savePlaylist_" + index
                            width: ListView.view.width
                            text: title
                            onClicked: {
                                if (isWatchLater)
                                    App.library.addToWatchLater(info.controller.videoId)
                                else
                                    App.library.addToPlaylist(playlistId, info.controller.videoId)
                                savePopup.close()
                            }
                        }
                    }
                }
            }
        }
        Button {
            objectName: "shareButton"
            enabled: info.controller.active
            flat: true
            font.capitalization: Font.MixedCase
            text: "↗ " + qsTr("Share")
            Accessible.name: qsTr("Copy a link to this moment")
            ToolTip.visible: hovered && visible
            ToolTip.text: Accessible.name
            onClicked: info.social.share(info.controller.position_s)
        }
    }

    ErrorBanner {
        objectName: "shareMessage"
        Layout.fillWidth: true
        text: info.social.shareMessage
        tone: Theme.success
        onDismissed: info.social.clearShareMessage()
    }
    ErrorBanner {
        objectName: "saveMessage"
        Layout.fillWidth: true
        text: App.library.statusMessage
        tone: Theme.success
        onDismissed: App.library.clearStatus()
    }
    ErrorBanner {
        objectName: "saveError"
        Layout.fillWidth: true
        text: App.library.errorMessage
        onDismissed: App.library.clearError()
    }
    ErrorBanner {
        objectName: "socialError"
        Layout.fillWidth: true
        text: info.social.errorMessage
        onDismissed: info.social.clearError()
    }
}
