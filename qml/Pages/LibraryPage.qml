pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// What the user keeps: History, Watch later and Playlists as tabs (Ctrl+Tab / Ctrl+Shift+Tab switch them,
// F5 reloads). Clicking a video (or Enter on it) asks the shell to play it.
Rectangle {
    id: page
    objectName: "libraryPage"
    color: Theme.window

    signal watchRequested(string videoId)

    function showTab(index: int) {
        tabs.currentIndex = (index + tabs.count) % tabs.count
        stack.children[tabs.currentIndex].forceActiveFocus()
    }

    Keys.onPressed: event => {
        if (event.key === Qt.Key_F5) {
            App.library.refreshLibrary()
            event.accepted = true
        } else if (event.key === Qt.Key_Tab && event.modifiers & Qt.ControlModifier) {
            page.showTab(tabs.currentIndex + 1)
            event.accepted = true
        } else if (event.key === Qt.Key_Backtab && event.modifiers & Qt.ControlModifier) {
            page.showTab(tabs.currentIndex - 1)
            event.accepted = true
        }
    }
    // Shown again (another page was current): what was watched or published meanwhile shows up.
    onVisibleChanged: if (visible) App.library.refreshLibrary()
    onActiveFocusChanged: if (activeFocus) stack.children[tabs.currentIndex].forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Library")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: App.library.history.loading || App.library.watchLater.loading
                         || App.library.playlists.loading || App.library.playlist.loading
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "refreshLibraryButton"
                text: qsTr("Refresh")
                flat: true
                onClicked: App.library.refreshLibrary()
            }
        }

        TabBar {
            id: tabs
            objectName: "libraryTabs"
            Layout.fillWidth: true
            TabButton { objectName: "historyTab"; text: qsTr("History") }
            TabButton { objectName: "watchLaterTab"; text: qsTr("Watch later") }
            TabButton { objectName: "playlistsTab"; text: qsTr("Playlists") }
        }

        ErrorBanner {
            objectName: "libraryErrorBanner"
            Layout.fillWidth: true
            // The first error of the library's lists, then the controller's own (adding to a playlist).
            text: App.library.history.errorMessage || App.library.watchLater.errorMessage
                  || App.library.playlists.errorMessage || App.library.playlist.errorMessage
                  || App.library.errorMessage
            onDismissed: {
                App.library.history.clearError()
                App.library.watchLater.clearError()
                App.library.playlists.clearError()
                App.library.playlist.clearError()
                App.library.clearError()
            }
        }

        StackLayout {
            id: stack
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            HistoryView {
                objectName: "historyView"
                onWatchRequested: videoId => page.watchRequested(videoId)
            }
            PlaylistItemsView {
                objectName: "watchLaterView"
                items: App.library.watchLater
                rowPrefix: "watchLaterItem_"
                emptyTitle: qsTr("Nothing saved for later")
                emptyDetail: qsTr("Use “Watch later” on a video to keep it here.")
                onWatchRequested: videoId => page.watchRequested(videoId)
            }
            PlaylistsView {
                objectName: "playlistsView"
                onWatchRequested: videoId => page.watchRequested(videoId)
            }
        }
    }
}
