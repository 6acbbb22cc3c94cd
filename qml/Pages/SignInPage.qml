import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

Rectangle {
    color: Theme.window

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 16
        Label {
            text: qsTr("Sign in to Framecast")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Label {
            text: App.serverDescription
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
            elide: Text.ElideMiddle
        }
        SignInForm {
            Layout.fillWidth: true
        }
        Button {
            flat: true
            text: qsTr("Use another server")
            onClicked: App.chooseAnotherServer()
        }
    }
}
