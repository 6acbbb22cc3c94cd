import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Sign in or create an account (tabs), with the server's readable errors.
ColumnLayout {
    id: form

    property bool allowSignUp: true
    property string presetUsername: ""

    spacing: 12

    TabBar {
        id: tabs
        Layout.fillWidth: true
        visible: form.allowSignUp
        TabButton { text: qsTr("Sign in"); objectName: "signInTab" }
        TabButton { text: qsTr("Create account"); objectName: "signUpTab" }
    }
    readonly property bool signingUp: form.allowSignUp && tabs.currentIndex === 1

    TextField {
        id: nameField
        objectName: "usernameField"
        Layout.fillWidth: true
        text: form.presetUsername
        placeholderText: form.signingUp ? qsTr("Username") : qsTr("Username or email")
        focus: true
        KeyNavigation.tab: emailField.visible ? emailField : passwordField
    }
    TextField {
        id: emailField
        objectName: "emailField"
        Layout.fillWidth: true
        visible: form.signingUp
        placeholderText: qsTr("Email")
        KeyNavigation.tab: passwordField
    }
    TextField {
        id: passwordField
        objectName: "passwordField"
        Layout.fillWidth: true
        placeholderText: form.signingUp ? qsTr("Password (8 characters or more)") : qsTr("Password")
        echoMode: TextInput.Password
        onAccepted: submit.clicked()
    }
    ErrorBanner {
        objectName: "signInError"
        Layout.fillWidth: true
        text: App.session.errorMessage
        onDismissed: App.session.clearError()
    }
    Button {
        id: submit
        objectName: "submitButton"
        Layout.fillWidth: true
        highlighted: true
        enabled: !App.session.busy && nameField.text.length > 0 && passwordField.text.length > 0
        text: form.signingUp ? qsTr("Create account") : qsTr("Sign in")
        onClicked: form.signingUp ? App.session.signUp(nameField.text, emailField.text, passwordField.text)
                                  : App.session.signIn(nameField.text, passwordField.text)
    }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        running: App.session.busy
        visible: running
    }
}
