import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Framecast.Ui
import Framecast.Components
import Framecast.Pages
import Framecast.Preview

// The window: the start-up flow (first run → connecting → sign in) and then the shell.
ApplicationWindow {
    id: window
    objectName: "mainWindow"

    width: 1280
    height: 800
    minimumWidth: 900
    minimumHeight: 600
    visible: true
    title: qsTr("Framecast")
    color: Theme.window

    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent

    Loader {
        id: stageLoader
        anchors.fill: parent
        sourceComponent: {
            switch (App.stage) {
            case App.FirstRun: return firstRun
            case App.Connecting:
            case App.ConnectFailed: return connecting
            case App.SignIn: return signIn
            default: return shell
            }
        }
    }

    Component { id: firstRun; FirstRunPage {} }
    Component { id: connecting; ConnectingPage {} }
    Component { id: signIn; SignInPage {} }
    Component { id: shell; Shell {} }

    SessionExpiredDialog {
        parent: Overlay.overlay
    }

    // The transcode preview opens over everything (App.preview.active).
    PreviewPage {}
}
