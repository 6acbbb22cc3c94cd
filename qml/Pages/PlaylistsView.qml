pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The user's playlists: create one (title + visibility), open one to see and reorder its videos, rename it,
// change its visibility or delete it. Watch later is listed first and has its own tab.
FocusScope {
    id: view

    signal watchRequested(string videoId)

    readonly property PlaylistsModel playlists: App.library.playlists
    readonly property PlaylistItemsModel opened: App.library.playlist
    readonly property bool showingPlaylist: opened.playlistId.length > 0

    function create() {
        if (newTitle.text.trim().length === 0)
            return
        view.playlists.create(newTitle.text, newVisibility.currentValue)
        newTitle.text = ""
    }

    // The list of playlists and the create form.
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        visible: !view.showingPlaylist

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: newTitle
                objectName: "newPlaylistTitleField"
                Layout.fillWidth: true
                placeholderText: qsTr("New playlist title")
                maximumLength: 150
                selectByMouse: true
                onAccepted: view.create()
            }
            ComboBox {
                id: newVisibility
                objectName: "newPlaylistVisibilityBox"
                Layout.preferredWidth: 140
                textRole: "text"
                valueRole: "value"
                model: [{ value: "private", text: qsTr("Private") },
                        { value: "unlisted", text: qsTr("Unlisted") },
                        { value: "public", text: qsTr("Public") }]
            }
            Button {
                objectName: "createPlaylistButton"
                text: qsTr("Create playlist")
                enabled: newTitle.text.trim().length > 0
                onClicked: view.create()
            }
        }

        ListView {
            id: playlistList
            objectName: "playlistsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: view.playlists
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: playlistRow
                required property int index
                required property string playlistId
                required property string title
                required property string itemCountText
                required property string visibility
                required property bool isWatchLater
                required property url thumbnailUrl

                objectName: "playlistRow_" + index
                width: ListView.view.width
                height: 72
                focus: ListView.isCurrentItem
                highlighted: ListView.isCurrentItem
                Accessible.name: title
                onClicked: App.library.openPlaylist(playlistId)
                Keys.onReturnPressed: App.library.openPlaylist(playlistId)
                Keys.onDeletePressed: if (!isWatchLater) deleteDialog.openFor(playlistId, title)

                contentItem: RowLayout {
                    spacing: 16
                    VideoThumbnail {
                        Layout.preferredWidth: 96
                        Layout.preferredHeight: 54
                        source: playlistRow.thumbnailUrl
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            objectName: "playlistTitleLabel"
                            Layout.fillWidth: true
                            text: playlistRow.isWatchLater ? qsTr("Watch later") : playlistRow.title
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            text: qsTr("%1 · %2").arg(playlistRow.itemCountText)
                                  .arg(playlistRow.visibility === "public" ? qsTr("Public")
                                       : playlistRow.visibility === "unlisted" ? qsTr("Unlisted") : qsTr("Private"))
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    ToolButton {
                        objectName: "openPlaylistButton"
                        text: qsTr("Open")
                        onClicked: App.library.openPlaylist(playlistRow.playlistId)
                    }
                    ToolButton {
                        objectName: "deletePlaylistButton"
                        text: qsTr("Delete")
                        visible: !playlistRow.isWatchLater
                        onClicked: deleteDialog.openFor(playlistRow.playlistId, playlistRow.title)
                    }
                }
            }

            EmptyState {
                anchors.centerIn: parent
                visible: view.playlists.loaded && view.playlists.count === 0
                title: qsTr("No playlists")
                detail: qsTr("Create one above, then add videos to it.")
            }
        }
    }

    // One playlist: its header (rename, visibility, delete) and its videos.
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        visible: view.showingPlaylist

        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "playlistBackButton"
                text: qsTr("← Playlists")
                flat: true
                onClicked: {
                    App.library.playlist.close()
                    playlistList.forceActiveFocus()
                }
            }
            TextField {
                id: titleField
                objectName: "playlistTitleField"
                Layout.fillWidth: true
                text: view.opened.isWatchLater ? qsTr("Watch later") : view.opened.title
                readOnly: view.opened.isWatchLater
                maximumLength: 150
                selectByMouse: true
                onAccepted: view.playlists.rename(view.opened.playlistId, text)
            }
            Button {
                objectName: "renamePlaylistButton"
                text: qsTr("Rename")
                visible: !view.opened.isWatchLater
                enabled: titleField.text.trim().length > 0 && titleField.text !== view.opened.title
                onClicked: view.playlists.rename(view.opened.playlistId, titleField.text)
            }
            ComboBox {
                objectName: "playlistVisibilityBox"
                Layout.preferredWidth: 140
                visible: !view.opened.isWatchLater
                textRole: "text"
                valueRole: "value"
                model: [{ value: "private", text: qsTr("Private") },
                        { value: "unlisted", text: qsTr("Unlisted") },
                        { value: "public", text: qsTr("Public") }]
                currentIndex: Math.max(0, indexOfValue(view.opened.visibility))
                onActivated: view.playlists.setVisibility(view.opened.playlistId, currentValue)
            }
            Button {
                objectName: "deleteOpenedPlaylistButton"
                text: qsTr("Delete")
                flat: true
                visible: !view.opened.isWatchLater
                onClicked: deleteDialog.openFor(view.opened.playlistId, view.opened.title)
            }
        }

        PlaylistItemsView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            focus: view.showingPlaylist
            items: view.opened
            rowPrefix: "playlistItem_"
            emptyTitle: qsTr("This playlist is empty")
            emptyDetail: qsTr("Add videos to it from their pages.")
            onWatchRequested: videoId => view.watchRequested(videoId)
        }
    }

    Dialog {
        id: deleteDialog
        objectName: "deletePlaylistDialog"
        property string playlistId: ""
        property string playlistTitle: ""
        function openFor(id: string, title: string) {
            playlistId = id
            playlistTitle = title
            open()
            cancelDelete.forceActiveFocus() // Enter must not delete by accident
        }
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete playlist?")
        Label {
            text: qsTr("“%1” will be deleted. The videos in it stay where they are.").arg(deleteDialog.playlistTitle)
            color: Theme.text
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                id: cancelDelete
                text: qsTr("Cancel")
                flat: true
                onClicked: deleteDialog.close()
            }
            Button {
                objectName: "confirmDeletePlaylistButton"
                text: qsTr("Delete")
                onClicked: {
                    view.playlists.remove(deleteDialog.playlistId)
                    deleteDialog.close()
                }
            }
        }
    }
}
