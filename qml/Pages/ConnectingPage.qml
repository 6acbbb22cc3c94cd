import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Starting the bundled server or reaching the chosen one; on failure, why and what to do.
Rectangle {
    color: Theme.window
    readonly property bool failed: App.stage === App.ConnectFailed

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 16
        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: !failed
            visible: !failed
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: failed ? qsTr("Cannot connect") : (App.settings.serverMode === AppSettings.Bundled
                                                      ? qsTr("Starting the server on this computer…")
                                                      : qsTr("Connecting to %1…").arg(App.settings.serverUrl))
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        ErrorBanner {
            objectName: "connectionError"
            Layout.fillWidth: true
            text: App.connectionError
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            visible: failed
            Button {
                objectName: "retryButton"
                text: qsTr("Try again")
                highlighted: true
                onClicked: App.retryConnection()
            }
            Button {
                text: qsTr("Choose another server")
                onClicked: App.chooseAnotherServer()
            }
        }
    }
}
