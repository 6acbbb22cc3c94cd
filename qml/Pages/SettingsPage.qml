import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

Rectangle {
    color: Theme.window

    ScrollView {
        anchors.fill: parent
        anchors.margins: 24
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(parent.width, 640)
            spacing: 14

            Label { text: qsTr("Settings"); font.pixelSize: Theme.fontTitle; font.bold: true; color: Theme.text }

            Label { text: qsTr("Appearance"); font.pixelSize: Theme.fontLarge; color: Theme.text }
            RowLayout {
                RadioButton {
                    objectName: "themeSystem"
                    text: qsTr("Follow the system")
                    checked: App.settings.themeMode === AppSettings.System
                    onClicked: App.settings.themeMode = AppSettings.System
                }
                RadioButton {
                    objectName: "themeLight"
                    text: qsTr("Light")
                    checked: App.settings.themeMode === AppSettings.Light
                    onClicked: App.settings.themeMode = AppSettings.Light
                }
                RadioButton {
                    objectName: "themeDark"
                    text: qsTr("Dark")
                    checked: App.settings.themeMode === AppSettings.Dark
                    onClicked: App.settings.themeMode = AppSettings.Dark
                }
            }

            Label { text: qsTr("Uploads"); font.pixelSize: Theme.fontLarge; color: Theme.text }
            RowLayout {
                Label { text: qsTr("Limit upload speed to"); color: Theme.text }
                SpinBox {
                    objectName: "uploadLimitSpin"
                    from: 0
                    to: 1000000
                    stepSize: 100
                    editable: true
                    value: App.settings.uploadLimitKbps
                    onValueModified: App.settings.uploadLimitKbps = value
                }
                Label { text: qsTr("kB/s (0 = no limit)"); color: Theme.textMuted }
            }

            Label { text: qsTr("Server"); font.pixelSize: Theme.fontLarge; color: Theme.text }
            Label { text: App.serverDescription; color: Theme.textMuted; Layout.fillWidth: true; elide: Text.ElideMiddle }
            Button {
                text: qsTr("Change server…")
                onClicked: App.chooseAnotherServer()
            }

            Label { text: qsTr("Account"); font.pixelSize: Theme.fontLarge; color: Theme.text }
            Label {
                text: qsTr("Signed in as %1 (@%2)").arg(App.session.displayName).arg(App.session.username)
                color: Theme.text
            }
            Button {
                objectName: "signOutButton"
                text: qsTr("Sign out")
                onClicked: App.session.signOut()
            }
        }
    }
}
