import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

Rectangle {
    color: Theme.window

    EmptyState {
        anchors.centerIn: parent
        title: qsTr("Subscriptions")
        detail: qsTr("New videos from the channels you subscribe to appear here.")
    }
}
