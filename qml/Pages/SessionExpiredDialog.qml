import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Shown over the shell when the session expires: sign in again, nothing else is lost.
Dialog {
    id: dialog
    objectName: "sessionExpiredDialog"

    modal: true
    closePolicy: Popup.NoAutoClose
    title: qsTr("Sign in again")
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 48 : 420, 420)
    visible: App.session.state === SessionController.Expired

    SignInForm {
        width: parent.width
        allowSignUp: false
        presetUsername: App.session.username
    }
    footer: DialogButtonBox {
        Button {
            text: qsTr("Sign out")
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: App.session.signOut()
        }
    }
}
