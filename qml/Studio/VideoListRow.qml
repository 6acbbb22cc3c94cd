import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Components

// One row of "My videos": thumbnail, title, live status, visibility, date, views, duration, and actions.
Rectangle {
    id: row
    objectName: "videoRow_" + index

    required property int index
    required property string videoId
    required property string title
    required property string description
    required property list<string> tags
    required property string category
    required property string visibility
    required property string status
    required property string statusText
    required property real progress
    required property string failureMessage
    required property bool playable
    required property int views
    required property date createdAt
    required property string durationText
    required property url thumbnailUrl

    signal editRequested()
    signal thumbnailRequested()
    signal deleteRequested()
    signal compareRequested()
    signal watchRequested()

    readonly property bool current: ListView.isCurrentItem

    height: 112
    color: current ? Theme.selection : (hover.hovered ? Theme.surfaceRaised : Theme.surface)

    HoverHandler { id: hover }
    TapHandler {
        onTapped: row.ListView.view.currentIndex = row.index
        onDoubleTapped: row.playable ? row.watchRequested() : row.editRequested()
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.divider
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 16

        Rectangle {
            Layout.preferredWidth: 160
            Layout.preferredHeight: 90
            radius: 4
            color: Theme.surfaceRaised
            clip: true
            Image {
                id: thumbnail
                objectName: "videoThumbnail"
                anchors.fill: parent
                source: row.thumbnailUrl
                sourceSize.width: 320
                sourceSize.height: 180
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
            }
            Label {
                anchors.centerIn: parent
                visible: thumbnail.status !== Image.Ready
                text: row.status === "failed" ? "⚠" : "▶"
                font.pixelSize: 28
                color: Theme.textMuted
            }
            Label {
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 4
                visible: row.durationText.length > 0
                text: row.durationText
                color: "white"
                font.pixelSize: Theme.fontSmall
                background: Rectangle { color: "#c0000000"; radius: 2 }
                padding: 2
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.minimumWidth: 160
            spacing: 4
            Label {
                objectName: "videoTitleLabel"
                Layout.fillWidth: true
                text: row.title
                font.pixelSize: Theme.fontNormal
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.description
                visible: text.length > 0
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                maximumLineCount: 1
            }
            RowLayout {
                spacing: Theme.spacing
                Label {
                    objectName: "videoStatusLabel"
                    text: row.statusText
                    color: row.status === "failed" ? Theme.danger
                                                   : row.status === "ready" ? Theme.success : Theme.warning
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                    Layout.maximumWidth: 360
                    ToolTip.visible: row.status === "failed" && statusHover.hovered
                    ToolTip.text: row.failureMessage
                    HoverHandler { id: statusHover }
                }
                ProgressBar {
                    visible: row.status === "uploading" || row.status === "processing"
                    value: row.progress
                    Layout.preferredWidth: 100
                }
            }
        }

        Label {
            objectName: "videoVisibilityLabel"
            Layout.preferredWidth: 80
            text: row.visibility === "public" ? qsTr("Public")
                  : row.visibility === "unlisted" ? qsTr("Unlisted") : qsTr("Private")
            color: Theme.text
        }
        Label {
            Layout.preferredWidth: 100
            text: Qt.formatDate(row.createdAt, Locale.ShortFormat)
            color: Theme.textMuted
        }
        Label {
            Layout.preferredWidth: 60
            horizontalAlignment: Text.AlignRight
            text: Number(row.views).toLocaleString(Qt.locale(), "f", 0)
            color: Theme.textMuted
        }

        RowLayout {
            Layout.preferredWidth: 350 // VideoListHeader leaves the same room
            spacing: 0
            ToolButton {
                objectName: "watchButton"
                text: qsTr("Watch")
                font.pixelSize: Theme.fontSmall
                enabled: row.playable
                Accessible.name: qsTr("Watch")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: row.watchRequested()
            }
            ToolButton {
                objectName: "editButton"
                text: qsTr("Edit")
                font.pixelSize: Theme.fontSmall
                Accessible.name: qsTr("Edit details")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: row.editRequested()
            }
            ToolButton {
                objectName: "thumbnailButton"
                text: qsTr("Thumbnail")
                font.pixelSize: Theme.fontSmall
                Accessible.name: qsTr("Change thumbnail")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: row.thumbnailRequested()
            }
            ToolButton {
                objectName: "compareButton"
                text: qsTr("Compare")
                font.pixelSize: Theme.fontSmall
                enabled: row.status !== "failed" && row.status !== "uploading"
                Accessible.name: qsTr("Compare qualities")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: row.compareRequested()
            }
            ToolButton {
                objectName: "deleteButton"
                text: qsTr("Delete")
                font.pixelSize: Theme.fontSmall
                Accessible.name: qsTr("Delete")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: row.deleteRequested()
            }
        }
    }
}
