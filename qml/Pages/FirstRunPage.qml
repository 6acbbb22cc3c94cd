import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// First run: run the bundled server on this computer, or connect to a server URL.
Rectangle {
    color: Theme.window

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 16

        Label {
            text: qsTr("Welcome to Framecast")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Where should your videos live? You can change this later in Settings.")
            wrapMode: Text.Wrap
            color: Theme.textMuted
        }
        ErrorBanner {
            Layout.fillWidth: true
            text: App.connectionError
        }
        Button {
            id: bundledButton
            objectName: "useBundledServerButton"
            Layout.fillWidth: true
            enabled: App.bundledServerAvailable
            highlighted: true
            focus: true
            text: qsTr("Run the bundled server on this computer")
            onClicked: App.useBundledServer()
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            text: App.bundledServerAvailable
                  ? qsTr("Framecast starts its server when the app opens and stops it when you quit. Your videos are kept in %1.").arg(App.server.dataDir)
                  : qsTr("The bundled server (framecastd) is not installed next to the app.")
        }
        Label {
            text: qsTr("…or connect to a server")
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            Layout.topMargin: 12
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: urlField
                objectName: "serverUrlField"
                Layout.fillWidth: true
                placeholderText: qsTr("https://videos.example.org")
                onAccepted: App.useServerUrl(text)
            }
            Button {
                objectName: "connectButton"
                text: qsTr("Connect")
                enabled: urlField.text.trim().length > 0
                onClicked: App.useServerUrl(urlField.text)
            }
        }
    }
}
