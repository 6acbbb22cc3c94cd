pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The bell of the top bar: a badge with the unread count (live), and a popup list of notifications. Clicking
// one marks it read and opens its video (App.social.watchRequested); "Mark all read" clears the badge.
ToolButton {
    id: bell
    objectName: "notificationsBell"

    readonly property NotificationsModel notifications: App.social.notifications

    Accessible.name: bell.notifications.unreadCount > 0
                     ? qsTr("Notifications, %1 unread").arg(bell.notifications.unreadCount)
                     : qsTr("Notifications")
    ToolTip.visible: hovered && !popup.visible
    ToolTip.text: Accessible.name
    onClicked: popup.visible ? popup.close() : popup.open()

    contentItem: Item {
        implicitWidth: 28
        implicitHeight: 28
        BellIcon {
            anchors.centerIn: parent
            color: Theme.text
        }
        Label {
            objectName: "notificationsBadge"
            visible: bell.notifications.unreadCount > 0
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.rightMargin: -6
            anchors.topMargin: -4
            width: Math.max(18, implicitWidth)
            height: 18
            leftPadding: 5
            rightPadding: 5
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: bell.notifications.unreadCount > 99 ? "99+" : bell.notifications.unreadCount
            color: Theme.accentText
            font.pixelSize: 11
            font.bold: true
            background: Rectangle {
                radius: 9
                color: Theme.accent
            }
        }
    }

    Popup {
        id: popup
        objectName: "notificationsPopup"
        y: bell.height + 4
        x: Math.min(0, bell.width - width)
        width: 400
        height: Math.min(520, header.implicitHeight + list.contentHeight + 32)
        padding: 8
        background: Rectangle {
            color: Theme.surface
            border.color: Theme.divider
            radius: Theme.radius
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: 4
            RowLayout {
                id: header
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    leftPadding: 8
                    text: qsTr("Notifications")
                    font.bold: true
                    color: Theme.text
                }
                Button {
                    objectName: "markAllReadButton"
                    flat: true
                    font.capitalization: Font.MixedCase
                    enabled: bell.notifications.unreadCount > 0
                    text: qsTr("Mark all read")
                    onClicked: bell.notifications.markAllRead()
                }
            }
            ErrorBanner {
                Layout.fillWidth: true
                text: bell.notifications.errorMessage
                onDismissed: bell.notifications.refresh()
            }
            Label {
                visible: bell.notifications.count === 0
                Layout.fillWidth: true
                Layout.margins: 16
                text: qsTr("Nothing yet. Comments on your videos, replies to you and new videos from your subscriptions show up here.")
                wrapMode: Text.Wrap
                color: Theme.textMuted
            }
            ListView {
                id: list
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: bell.notifications
                ScrollBar.vertical: ScrollBar {}
                delegate: ItemDelegate {
                    id: item
                    required property int index
                    required property string notificationId
                    required property string summary
                    required property string ageText
                    required property bool read
                    required property string videoId
                    objectName: "notificationRow_" + index
                    width: ListView.view.width
                    highlighted: !read
                    contentItem: ColumnLayout {
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: item.summary
                            wrapMode: Text.Wrap
                            maximumLineCount: 3
                            elide: Text.ElideRight
                            font.bold: !item.read
                            color: Theme.text
                        }
                        Label {
                            text: item.ageText
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                    onClicked: {
                        popup.close()
                        App.social.openNotification(item.notificationId)
                    }
                }
            }
        }
    }
}
