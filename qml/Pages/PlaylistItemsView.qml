pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Framecast.Ui
import Framecast.Components

// The videos of a playlist (or Watch later) in order. Reorder with Move up / Move down, Ctrl+↑ / Ctrl+↓, or by
// dragging a row's ≡ handle onto another row; remove with ✕ or Delete. A move shows at once; if the server
// refuses it the row goes back and the error banner says why.
FocusScope {
    id: view

    required property PlaylistItemsModel items
    property string rowPrefix: "playlistItem_" // delegates are named rowPrefix + index
    property string emptyTitle: qsTr("No videos yet")
    property string emptyDetail: ""
    property int dropIndex: -1 // the row a dragged row would land on, while dragging

    signal watchRequested(string videoId)

    function moveCurrent(delta: int) {
        const from = list.currentIndex
        const to = from + delta
        if (from < 0 || to < 0 || to >= list.count)
            return
        view.items.move(from, to)
        list.currentIndex = to
    }

    ListView {
        id: list
        objectName: view.rowPrefix + "list"
        anchors.fill: parent
        clip: true
        focus: true
        model: view.items
        FeedFiller { target: view.items; flickable: list }
        keyNavigationEnabled: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        Keys.onPressed: event => {
            if (event.modifiers & Qt.ControlModifier && (event.key === Qt.Key_Up || event.key === Qt.Key_Down)) {
                view.moveCurrent(event.key === Qt.Key_Up ? -1 : 1)
                event.accepted = true
            }
        }

        delegate: LibraryVideoRow {
            id: itemRow
            objectName: view.rowPrefix + index
            width: ListView.view.width
            focus: ListView.isCurrentItem
            onWatchRequested: view.watchRequested(itemRow.videoId)
            Keys.onDeletePressed: view.items.remove(itemRow.videoId)

            Label {
                objectName: "dragHandle"
                text: "≡"
                font.pixelSize: 22
                color: Theme.textMuted
                Accessible.name: qsTr("Drag to reorder")
                MouseArea {
                    anchors.fill: parent
                    anchors.margins: -6
                    cursorShape: Qt.SizeVerCursor
                    preventStealing: true
                    function rowUnder(mouse: point): int {
                        const inList = mapToItem(list.contentItem, mouse.x, mouse.y)
                        return list.indexAt(inList.x, inList.y)
                    }
                    onPositionChanged: mouse => view.dropIndex = rowUnder(Qt.point(mouse.x, mouse.y))
                    onReleased: mouse => {
                        const target = rowUnder(Qt.point(mouse.x, mouse.y))
                        view.dropIndex = -1
                        if (target >= 0 && target !== itemRow.index) {
                            view.items.move(itemRow.index, target)
                            list.currentIndex = target
                        }
                    }
                    onCanceled: view.dropIndex = -1
                }
            }
            ToolButton {
                objectName: "moveUpButton"
                text: "↑"
                enabled: itemRow.index > 0
                Accessible.name: qsTr("Move up")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: view.items.move(itemRow.index, itemRow.index - 1)
            }
            ToolButton {
                objectName: "moveDownButton"
                text: "↓"
                enabled: itemRow.index < list.count - 1
                Accessible.name: qsTr("Move down")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: view.items.move(itemRow.index, itemRow.index + 1)
            }
            ToolButton {
                objectName: "removeFromPlaylistButton"
                text: "✕"
                Accessible.name: qsTr("Remove from the playlist")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: view.items.remove(itemRow.videoId)
            }
        }

        Rectangle { // where a dragged row would land
            parent: list.contentItem
            readonly property Item target: view.dropIndex >= 0 ? list.itemAtIndex(view.dropIndex) : null
            visible: target !== null
            y: target ? target.y : 0
            z: 2
            width: list.width
            height: 3
            color: Theme.accent
        }

        EmptyState {
            anchors.centerIn: parent
            visible: view.items.loaded && view.items.count === 0
            title: view.emptyTitle
            detail: view.emptyDetail
        }
    }
}
