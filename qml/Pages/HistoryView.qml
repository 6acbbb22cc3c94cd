pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Watch history, most recent first, each with a resume bar: remove one (✕ or Delete), clear all (after a
// confirmation), pause or resume recording.
FocusScope {
    id: view

    signal watchRequested(string videoId)

    readonly property HistoryModel history: App.library.history

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: view.history.paused ? qsTr("History is paused: what you watch is not recorded.")
                                          : qsTr("Videos you watched, most recent first.")
                color: view.history.paused ? Theme.warning : Theme.textMuted
            }
            Button {
                objectName: "pauseHistoryButton"
                text: view.history.paused ? qsTr("Resume history") : qsTr("Pause history")
                flat: true
                onClicked: view.history.setPaused(!view.history.paused)
            }
            Button {
                objectName: "clearHistoryButton"
                text: qsTr("Clear all")
                flat: true
                enabled: view.history.count > 0
                onClicked: confirmClear.open()
            }
        }

        ListView {
            id: list
            objectName: "historyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: view.history
            FeedFiller { target: view.history; flickable: list }
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: LibraryVideoRow {
                id: historyRow
                required property real progress
                required property string watchedAgoText
                objectName: "historyRow_" + index
                width: ListView.view.width
                focus: ListView.isCurrentItem
                detail: qsTr("%1 · watched %2").arg(viewsText).arg(watchedAgoText)
                resumeProgress: historyRow.progress
                onWatchRequested: view.watchRequested(historyRow.videoId)
                Keys.onDeletePressed: view.history.remove(historyRow.videoId)

                ToolButton {
                    objectName: "removeFromHistoryButton"
                    text: "✕"
                    Accessible.name: qsTr("Remove from history")
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: view.history.remove(historyRow.videoId)
                }
            }

            EmptyState {
                anchors.centerIn: parent
                visible: view.history.loaded && view.history.count === 0
                title: qsTr("No history")
                detail: view.history.paused ? qsTr("History is paused.")
                                            : qsTr("Videos you watch appear here, so you can pick up where you left off.")
            }
        }
    }

    Dialog {
        id: confirmClear
        objectName: "clearHistoryDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Clear watch history?")
        onOpened: cancelClear.forceActiveFocus()
        Label {
            text: qsTr("Every video and its resume position will be removed from your history.")
            color: Theme.text
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                id: cancelClear
                text: qsTr("Cancel")
                flat: true
                onClicked: confirmClear.close()
            }
            Button {
                objectName: "confirmClearHistoryButton"
                text: qsTr("Clear history")
                onClicked: {
                    view.history.clearAll()
                    confirmClear.close()
                }
            }
        }
    }
}
