import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import QtQuick.Window
import QtMultimedia
import Framecast.Ui
import Framecast.Components
import Framecast.Comments

// The watch page, scrolled as a whole: the picture (the controls float over its bottom edge and hide while
// playing, a spinner shows while buffering, errors are said in words), then the title with the channel,
// Subscribe, like / dislike and Share, then the comments; related videos beside all that when the window is
// wide, under the comments when it is narrow. Full screen shows the picture alone.
// openVideo(id) starts playback where the user left off, openVideoAt(id, s) at s seconds; Back (or closing
// the page) stops it. Shortcuts: space/k play-pause, j/l ±10 s, ←/→ ±5 s, f full screen, m mute, Esc leaves
// full screen. A text box with the focus (a comment being written) keeps its keys.
FocusScope {
    id: page
    objectName: "playerPage"

    readonly property bool active: controller.active
    readonly property PlayerController player: controller
    readonly property bool fullScreen: Window.window !== null && Window.window.visibility === Window.FullScreen
    property bool statsVisible: false
    property bool controlsShown: true
    property int windowVisibilityBeforeFullScreen: Window.Windowed
    // Related videos go beside the picture from this width on, else under the comments.
    readonly property bool wideLayout: width >= 1100 && !fullScreen

    signal backRequested()
    signal channelRequested(string channelId) // the channel's name was clicked: open its page

    function openVideo(videoId: string) {
        page.openVideoAt(videoId, -1)
    }
    function openVideoAt(videoId: string, startS: real) {
        controller.open(videoId, startS)
        scroller.contentY = 0
        page.forceActiveFocus()
        page.revealControls()
    }
    function leave() {
        if (page.fullScreen)
            page.toggleFullScreen()
        controller.close()
        page.backRequested()
    }
    function toggleFullScreen() {
        const window = Window.window
        if (!window)
            return
        if (window.visibility === Window.FullScreen) {
            window.visibility = page.windowVisibilityBeforeFullScreen
        } else {
            page.windowVisibilityBeforeFullScreen = window.visibility
            window.visibility = Window.FullScreen
        }
    }
    function revealControls() {
        page.controlsShown = true
        hideTimer.restart()
    }

    visible: active
    Component.onDestruction: controller.close()
    onFullScreenChanged: scroller.contentY = 0

    PlayerController {
        id: controller
        videoSink: output.videoSink
    }
    // The social side (rating, subscription, comments) follows the video on screen.
    Binding {
        target: App.social
        property: "videoId"
        value: controller.videoId
    }

    // Auto-hide: the controls stay while paused, while the pointer is over them or a menu is open.
    Timer {
        id: hideTimer
        interval: 3000
        onTriggered: if (controller.state === "playing" && !controlBar.menuOpen && !controlsHover.hovered)
                         page.controlsShown = false
    }

    // Window shortcuts while the page is shown: they work wherever the keyboard focus is (a menu that just
    // closed, a button clicked); a focused text box takes its keys first (ShortcutOverride).
    Shortcut {
        sequences: ["Space", "K"]
        enabled: page.visible
        onActivated: { controller.togglePlay(); page.revealControls() }
    }
    Shortcut {
        sequence: "J"
        enabled: page.visible
        onActivated: { controller.seekBy(-10); page.revealControls() }
    }
    Shortcut {
        sequence: "L"
        enabled: page.visible
        onActivated: { controller.seekBy(10); page.revealControls() }
    }
    Shortcut {
        sequence: "Left"
        enabled: page.visible
        onActivated: { controller.seekBy(-5); page.revealControls() }
    }
    Shortcut {
        sequence: "Right"
        enabled: page.visible
        onActivated: { controller.seekBy(5); page.revealControls() }
    }
    Shortcut {
        sequence: "F"
        enabled: page.visible
        onActivated: page.toggleFullScreen()
    }
    Shortcut {
        sequence: "M"
        enabled: page.visible
        onActivated: { controller.toggleMute(); page.revealControls() }
    }
    Shortcut {
        sequence: "Escape"
        enabled: page.visible && page.fullScreen
        onActivated: page.toggleFullScreen()
    }

    Rectangle {
        anchors.fill: parent
        color: page.fullScreen ? "black" : Theme.window
    }

    Flickable {
        id: scroller
        objectName: "playerScroller"
        anchors.fill: parent
        contentWidth: width
        contentHeight: page.fullScreen ? content.height
                                       : Math.max(content.height, relatedPanel.y + relatedPanel.height + 24)
        interactive: !page.fullScreen
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.vertical: ScrollBar { visible: !page.fullScreen }
        // Near the end of the page: the next page of comments.
        onAtYEndChanged: if (atYEnd && contentY > 0 && !page.fullScreen) commentsPanel.loadMore()

        Column {
            id: content
            width: page.wideLayout ? scroller.width - relatedPanel.width - 24 : scroller.width

            Item {
                id: picture
                objectName: "playerPicture"
                width: parent.width
                height: page.fullScreen ? page.height
                                        : Math.max(240, Math.min(width * 9 / 16, page.height * 0.72))
                clip: true

                Rectangle {
                    anchors.fill: parent
                    color: "black"
                }

                VideoOutput {
                    id: output
                    objectName: "videoOutput"
                    anchors.fill: parent
                    fillMode: VideoOutput.PreserveAspectFit
                }

                MouseArea {
                    anchors.fill: parent
                    hoverEnabled: true
                    acceptedButtons: Qt.LeftButton
                    cursorShape: page.controlsShown ? Qt.ArrowCursor : Qt.BlankCursor
                    onPositionChanged: page.revealControls()
                    onClicked: { page.forceActiveFocus(); controller.togglePlay(); page.revealControls() }
                    onDoubleClicked: page.toggleFullScreen()
                }

                BusyIndicator {
                    objectName: "playerSpinner"
                    anchors.centerIn: parent
                    running: controller.state === "loading" || controller.state === "buffering"
                    visible: running
                }

                // Top: Back and the title.
                Rectangle {
                    anchors.top: parent.top
                    width: parent.width
                    height: 56
                    visible: page.controlsShown || controller.state !== "playing"
                    gradient: Gradient {
                        GradientStop { position: 0.0; color: "#c0000000" }
                        GradientStop { position: 1.0; color: "#00000000" }
                    }
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 8
                        anchors.rightMargin: 16
                        ToolButton {
                            objectName: "playerBackButton"
                            focusPolicy: Qt.TabFocus
                            text: "← " + qsTr("Back")
                            font.capitalization: Font.MixedCase
                            Material.foreground: "white"
                            Accessible.name: qsTr("Back")
                            onClicked: page.leave()
                        }
                        Label {
                            objectName: "playerTitle"
                            Layout.fillWidth: true
                            text: controller.title
                            color: "white"
                            font.pixelSize: Theme.fontLarge
                            elide: Text.ElideRight
                        }
                    }
                }

                StatsOverlay {
                    objectName: "statsOverlay"
                    anchors.top: parent.top
                    anchors.left: parent.left
                    anchors.topMargin: 64
                    anchors.leftMargin: 16
                    visible: page.statsVisible
                    controller: controller
                    onCloseRequested: page.statsVisible = false
                }

                ControlBar {
                    id: controlBar
                    anchors.bottom: parent.bottom
                    width: parent.width
                    controller: controller
                    fullScreen: page.fullScreen
                    statsVisible: page.statsVisible
                    visible: page.controlsShown || controller.state !== "playing" || menuOpen
                    onFullScreenToggled: page.toggleFullScreen()
                    onStatsToggled: page.statsVisible = !page.statsVisible
                    onMenuClosed: Qt.callLater(page.forceActiveFocus) // after the popup handed focus back
                    HoverHandler { id: controlsHover }
                }

                // The readable error state.
                Rectangle {
                    objectName: "playerError"
                    anchors.centerIn: parent
                    visible: controller.errorMessage.length > 0
                    width: Math.min(parent.width - 48, 520)
                    height: errorColumn.implicitHeight + 32
                    radius: Theme.radius
                    color: "#e0202024"
                    ColumnLayout {
                        id: errorColumn
                        anchors.fill: parent
                        anchors.margins: 16
                        spacing: 12
                        Label {
                            objectName: "playerErrorText"
                            Layout.fillWidth: true
                            text: controller.errorMessage
                            color: "white"
                            wrapMode: Text.Wrap
                        }
                        RowLayout {
                            Layout.alignment: Qt.AlignRight
                            Button {
                                objectName: "playerRetryButton"
                                text: qsTr("Try again")
                                onClicked: page.openVideo(controller.videoId)
                            }
                            Button {
                                objectName: "playerErrorBackButton"
                                text: qsTr("Back")
                                onClicked: page.leave()
                            }
                        }
                    }
                }
            } // picture

            Item {
                width: parent.width
                height: details.implicitHeight + 48
                visible: !page.fullScreen

                ColumnLayout {
                    id: details
                    x: 24
                    y: 20
                    width: Math.min(parent.width - 48, 1100)
                    spacing: 20

                    VideoInfoRow {
                        Layout.fillWidth: true
                        controller: controller
                        onChannelRequested: channelId => page.channelRequested(channelId)
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        Layout.preferredHeight: 1
                        color: Theme.divider
                    }
                    CommentsPanel {
                        id: commentsPanel
                        Layout.fillWidth: true
                        comments: App.social.comments
                        myInitial: App.session.displayName.slice(0, 1).toUpperCase()
                    }
                }
            }
        }

        // Beside the picture and comments when wide, under the comments when narrow.
        RelatedVideos {
            id: relatedPanel
            visible: !page.fullScreen
            x: page.wideLayout ? content.width + 12 : 24
            y: page.wideLayout ? 20 : content.height
            width: page.wideLayout ? 400 : Math.min(scroller.width - 48, 1100)
            videoId: controller.videoId
            onWatchRequested: videoId => page.openVideo(videoId)
            onChannelRequested: channelId => page.channelRequested(channelId)
        }
    }
}
