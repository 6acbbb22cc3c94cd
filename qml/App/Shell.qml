import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components
import Framecast.Pages
import Framecast.Studio
import Framecast.Player
import Framecast.Comments
import Framecast.Uploads

// The signed-in app: sidebar (Home, Trending, Subscriptions, Library, Studio, Settings), a top bar with search,
// and the current page; search results and channel pages are pages too, reached from the search field and from
// channel names. Ctrl+1…6 switch pages, Ctrl+F (or /) focuses search; video files dropped anywhere go to the
// upload queue.
Rectangle {
    id: shell
    objectName: "shell"
    color: Theme.window

    property int currentPage: 0
    readonly property var pageNames: [qsTr("Home"), qsTr("Trending"), qsTr("Subscriptions"), qsTr("Library"),
                                      qsTr("Studio"), qsTr("Settings")]
    // In DejaVu Sans: no emoji font is assumed (test_qml_glyphs).
    readonly property var pageGlyphs: ["⌂", "↗", "▤", "▶", "✎", "⚙"]
    // Pages past the sidebar's: reached from the search field and from channel names.
    readonly property int studioPage: 4
    readonly property int searchPage: 6
    readonly property int channelPage: 7
    readonly property string currentTitle: currentPage === searchPage ? qsTr("Search")
                                         : currentPage === channelPage ? qsTr("Channel")
                                         : pageNames[currentPage]

    function showPage(index: int) {
        currentPage = index
        const page = pages.children[index]
        // A LazyPage holds its page as `item` (loaded by now: setting currentPage made it active).
        const item = page.item !== undefined ? page.item : page
        if (item)
            item.forceActiveFocus()
    }
    // A suggestion was picked (click, or Up/Down then Enter): it becomes the query.
    function searchSuggestion(text: string) {
        searchField.text = text
        searchField.suggesting = false
        shell.showSearch(text)
    }
    function showSearch(query: string) {
        searchPageLoader.visited = true
        searchPageLoader.item.search(query)
        showPage(searchPage)
    }
    function showChannel(channelId: string) {
        if (playerPage.active)
            playerPage.leave()
        channelPageLoader.visited = true
        channelPageLoader.item.openChannel(channelId)
        showPage(channelPage)
    }

    Shortcut { sequence: "Ctrl+1"; onActivated: shell.showPage(0) }
    Shortcut { sequence: "Ctrl+2"; onActivated: shell.showPage(1) }
    Shortcut { sequence: "Ctrl+3"; onActivated: shell.showPage(2) }
    Shortcut { sequence: "Ctrl+4"; onActivated: shell.showPage(3) }
    Shortcut { sequence: "Ctrl+5"; onActivated: shell.showPage(4) }
    Shortcut { sequence: "Ctrl+6"; onActivated: shell.showPage(5) }
    Shortcut { sequences: [StandardKey.Find, "/"]; onActivated: searchField.forceActiveFocus() }

    // Video files dropped anywhere on the app join the upload queue, shown on the Studio page (a drop on the
    // Studio's own uploads panel stays there).
    UploadDropArea {
        anchors.fill: parent
        onFilesDropped: {
            if (playerPage.active)
                playerPage.leave()
            shell.showPage(shell.studioPage)
        }

        RowLayout {
            anchors.fill: parent
            spacing: 0

            Rectangle {
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.sidebarWidth
                color: Theme.sidebar

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 4

                    Label {
                        text: "Framecast"
                        font.pixelSize: 22
                        font.bold: true
                        color: Theme.accent
                        Layout.bottomMargin: 16
                        Layout.leftMargin: 8
                    }
                    Repeater {
                        model: shell.pageNames.length
                        delegate: SidebarButton {
                            required property int index
                            objectName: "nav" + shell.pageNames[index]
                            Layout.fillWidth: true
                            text: shell.pageNames[index]
                            glyph: shell.pageGlyphs[index]
                            current: shell.currentPage === index
                            onClicked: shell.showPage(index)
                        }
                    }
                    Item { Layout.fillHeight: true }
                    Label {
                        Layout.fillWidth: true
                        Layout.leftMargin: 8
                        text: App.realtime.connected ? qsTr("● Live updates on") : qsTr("○ Reconnecting…")
                        color: App.realtime.connected ? Theme.success : Theme.warning
                        font.pixelSize: Theme.fontSmall
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.leftMargin: 8
                        text: App.serverDescription
                        elide: Text.ElideMiddle
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 0

                Rectangle {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 60
                    color: Theme.surface

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 24
                        anchors.rightMargin: 24
                        spacing: 16

                        Label {
                            text: shell.currentTitle
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            Layout.preferredWidth: 160
                        }
                        Item { Layout.fillWidth: true }
                        TextField {
                            id: searchField
                            objectName: "searchField"
                            Layout.preferredWidth: Math.min(520, shell.width * 0.4)
                            placeholderText: shell.currentPage === shell.studioPage ? qsTr("Search your videos")
                                                                                    : qsTr("Search")
                            selectByMouse: true
                            // Suggestions (App.search.suggestions) as you type, in a list under the field: Up/Down
                            // choose, Enter or a click searches the chosen one, Esc closes the list. Not in the
                            // Studio, where the field filters your own videos.
                            property bool suggesting: false
                            onTextEdited: {
                                if (shell.currentPage === shell.studioPage)
                                    return
                                suggestionList.currentIndex = -1
                                searchField.suggesting = true
                                App.search.suggestions.setQuery(text)
                            }
                            onActiveFocusChanged: if (!activeFocus) searchField.suggesting = false
                            Keys.onDownPressed: event => {
                                if (suggestionsPopup.visible)
                                    suggestionList.currentIndex = Math.min(suggestionList.count - 1,
                                                                           suggestionList.currentIndex + 1)
                                else
                                    event.accepted = false
                            }
                            Keys.onUpPressed: event => {
                                if (suggestionsPopup.visible)
                                    suggestionList.currentIndex = Math.max(-1, suggestionList.currentIndex - 1)
                                else
                                    event.accepted = false
                            }
                            Keys.onReturnPressed: event => searchField.pickSuggestion(event)
                            Keys.onEnterPressed: event => searchField.pickSuggestion(event)
                            function pickSuggestion(event: KeyEvent) {
                                if (suggestionsPopup.visible && suggestionList.currentIndex >= 0)
                                    shell.searchSuggestion(App.search.suggestions.textAt(suggestionList.currentIndex))
                                else
                                    event.accepted = false // the field's own Enter (onAccepted)
                            }
                            Keys.onEscapePressed: {
                                if (suggestionsPopup.visible) {
                                    searchField.suggesting = false
                                    return
                                }
                                text = ""
                                pages.children[shell.currentPage].forceActiveFocus()
                            }
                            // A share link opens the player at its time; in the Studio the field filters your own
                            // videos as you type; anywhere else Enter searches the server.
                            onAccepted: {
                                searchField.suggesting = false
                                if (App.social.openLink(text))
                                    text = ""
                                else if (shell.currentPage !== shell.studioPage && text.trim().length > 0)
                                    shell.showSearch(text)
                            }

                            Popup {
                                id: suggestionsPopup
                                objectName: "searchSuggestions"
                                y: searchField.height + 2
                                width: searchField.width
                                padding: 4
                                focus: false // the field keeps the keyboard
                                closePolicy: Popup.NoAutoClose
                                visible: searchField.suggesting && searchField.activeFocus
                                         && shell.currentPage !== shell.studioPage
                                         && searchField.text.trim().length > 0 && App.search.suggestions.count > 0
                                ListView {
                                    id: suggestionList
                                    objectName: "searchSuggestionList"
                                    width: suggestionsPopup.availableWidth
                                    implicitHeight: contentHeight
                                    interactive: false
                                    currentIndex: -1
                                    model: App.search.suggestions
                                    delegate: Rectangle {
                                        id: suggestion
                                        required property int index
                                        required property string text
                                        required property string kind
                                        objectName: "searchSuggestion_" + index
                                        width: ListView.view.width
                                        height: 36
                                        radius: 4
                                        color: ListView.isCurrentItem || suggestionHover.hovered ? Theme.surfaceRaised
                                                                                                 : "transparent"
                                        Accessible.role: Accessible.ListItem
                                        Accessible.name: text
                                        HoverHandler { id: suggestionHover }
                                        TapHandler { onTapped: shell.searchSuggestion(suggestion.text) }
                                        RowLayout {
                                            anchors.fill: parent
                                            anchors.leftMargin: 10
                                            anchors.rightMargin: 10
                                            spacing: 10
                                            Label {
                                                text: suggestion.kind === "query" ? "⌕" : "▶"
                                                color: Theme.textMuted
                                            }
                                            Label {
                                                objectName: "searchSuggestionText"
                                                Layout.fillWidth: true
                                                text: suggestion.text
                                                textFormat: Text.PlainText
                                                color: Theme.text
                                                elide: Text.ElideRight
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        Item { Layout.fillWidth: true }
                        NotificationsBell {}
                        Label {
                            objectName: "signedInUser"
                            text: App.session.displayName
                            color: Theme.text
                        }
                    }
                    Rectangle {
                        anchors.bottom: parent.bottom
                        width: parent.width
                        height: 1
                        color: Theme.divider
                    }
                }

                // Session trouble while signed in (the session file could not be saved); expiry has its dialog.
                ErrorBanner {
                    objectName: "sessionErrorBanner"
                    Layout.fillWidth: true
                    Layout.margins: 8
                    text: App.session.state === SessionController.SignedIn ? App.session.errorMessage : ""
                    onDismissed: App.session.clearError()
                }

                StackLayout {
                    id: pages
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: shell.currentPage

                    HomePage {
                        onWatchRequested: videoId => playerPage.openVideo(videoId)
                        onChannelRequested: channelId => shell.showChannel(channelId)
                    }
                    // The other pages are created on their first visit (LazyPage).
                    LazyPage {
                        current: shell.currentPage === 1
                        sourceComponent: TrendingPage {
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                            onChannelRequested: channelId => shell.showChannel(channelId)
                        }
                    }
                    LazyPage {
                        current: shell.currentPage === 2
                        sourceComponent: SubscriptionsPage {
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                        }
                    }
                    LazyPage {
                        current: shell.currentPage === 3
                        sourceComponent: LibraryPage {
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                        }
                    }
                    LazyPage {
                        current: shell.currentPage === shell.studioPage
                        sourceComponent: StudioPage {
                            searchText: shell.currentPage === shell.studioPage ? searchField.text : ""
                            onCompareRequested: videoId => App.preview.openForVideo(videoId)
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                        }
                    }
                    LazyPage {
                        current: shell.currentPage === 5
                        sourceComponent: SettingsPage {}
                    }
                    LazyPage {
                        id: searchPageLoader
                        current: shell.currentPage === shell.searchPage
                        sourceComponent: SearchPage {
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                            onChannelRequested: channelId => shell.showChannel(channelId)
                        }
                    }
                    LazyPage {
                        id: channelPageLoader
                        current: shell.currentPage === shell.channelPage
                        sourceComponent: ChannelPage {
                            onWatchRequested: videoId => playerPage.openVideo(videoId)
                        }
                    }
                }
            }
        }

        // The player covers the whole shell while a video is open (under the drop hint); Back returns to the
        // page it came from.
        PlayerPage {
            id: playerPage
            anchors.fill: parent
            onBackRequested: shell.showPage(shell.currentPage)
            onChannelRequested: channelId => shell.showChannel(channelId)
        }
    }

    // Share links and notifications ask to watch a video (at a time).
    Connections {
        target: App.social
        function onWatchRequested(videoId: string, startS: real) {
            playerPage.openVideoAt(videoId, startS)
        }
    }
}
