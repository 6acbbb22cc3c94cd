import QtQuick
import QtQuick.Controls
import Framecast.Components

// One sampled instant of the preview: the original and the encoded frame scaled to the same box, so the
// viewer sees what the rung looks like at this size on their screen. Side by side, or one box with a
// draggable divider (split wipe): original left of it, encoded right of it.
Item {
    id: view

    property url originalSource
    property url encodedSource
    property string encodedLabel: ""
    property bool splitWipe: false
    // Where the split's divider sits, 0..1 of the box's width.
    property real dividerPosition: 0.5

    component FrameBox: Rectangle {
        property alias source: image.source
        property string caption: ""
        color: "black"
        radius: 4
        clip: true
        Image {
            id: image
            anchors.fill: parent
            fillMode: Image.PreserveAspectFit
            smooth: true
            cache: false
            asynchronous: true
        }
        Label {
            visible: parent.caption.length > 0
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.margins: 6
            padding: 4
            text: parent.caption
            color: "white"
            background: Rectangle { color: "#80000000"; radius: 4 }
        }
    }

    Row {
        visible: !view.splitWipe
        anchors.fill: parent
        spacing: Theme.spacing
        FrameBox {
            objectName: "originalFrame"
            width: (view.width - Theme.spacing) / 2
            height: view.height
            source: view.originalSource
            caption: qsTr("Original")
        }
        FrameBox {
            objectName: "encodedFrame"
            width: (view.width - Theme.spacing) / 2
            height: view.height
            source: view.encodedSource
            caption: view.encodedLabel
        }
    }

    Item {
        id: splitBox
        visible: view.splitWipe
        anchors.fill: parent

        FrameBox {
            anchors.fill: parent
            source: view.encodedSource
        }
        // The original, cropped to the left of the divider; same geometry as the box so both line up.
        Item {
            width: handle.x + handle.width / 2
            height: parent.height
            clip: true
            FrameBox {
                width: splitBox.width
                height: splitBox.height
                source: view.originalSource
            }
        }
        Label {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.margins: 6
            padding: 4
            text: qsTr("Original")
            color: "white"
            background: Rectangle { color: "#80000000"; radius: 4 }
        }
        Label {
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: 6
            padding: 4
            text: view.encodedLabel
            color: "white"
            background: Rectangle { color: "#80000000"; radius: 4 }
        }

        Rectangle {
            id: handle
            objectName: "splitDivider"
            width: 12
            height: parent.height
            x: view.dividerPosition * splitBox.width - width / 2
            color: "transparent"
            activeFocusOnTab: true
            Accessible.role: Accessible.Slider
            Accessible.name: qsTr("Split position")
            Keys.onLeftPressed: view.dividerPosition = Math.max(0, view.dividerPosition - 0.05)
            Keys.onRightPressed: view.dividerPosition = Math.min(1, view.dividerPosition + 0.05)

            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                width: handle.activeFocus ? 4 : 2
                height: parent.height
                color: handle.activeFocus ? Theme.accent : "white"
            }
            MouseArea {
                anchors.fill: parent
                anchors.margins: -8
                cursorShape: Qt.SplitHCursor
                onPressed: handle.forceActiveFocus()
                onPositionChanged: (mouse) => {
                    const x = mapToItem(splitBox, mouse.x, mouse.y).x
                    view.dividerPosition = Math.max(0, Math.min(1, x / splitBox.width))
                }
            }
        }
    }
}
