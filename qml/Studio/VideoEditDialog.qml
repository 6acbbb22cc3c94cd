import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// Edit a video's details. The server checks the fields; its answer (e.g. an empty title) is shown here and
// the dialog stays open until a save succeeds.
Dialog {
    id: dialog
    objectName: "videoEditDialog"

    property string videoId: ""

    function openFor(id: string, title: string, description: string, tags: list<string>, category: string,
                     visibility: string) {
        videoId = id
        titleField.text = title
        descriptionArea.text = description
        tagsField.text = tags.join(", ")
        categoryField.text = category
        visibilityBox.currentIndex = Math.max(0, visibilityBox.indexOfValue(visibility))
        App.studio.clearEditError()
        App.library.commentsMode.load(id)
        open()
        titleField.forceActiveFocus()
    }

    function save() {
        App.studio.saveVideo(videoId, titleField.text, descriptionArea.text, tagsField.text, categoryField.text,
                             visibilityBox.currentValue)
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 48 : 560, 560)
    modal: true
    title: qsTr("Edit video")

    Connections {
        target: App.studio
        function onVideoSaved(id: string) {
            if (id === dialog.videoId)
                dialog.close()
        }
    }

    // The comments setting is saved as soon as it is chosen; the server's answer puts the box right.
    Connections {
        target: App.library.commentsMode
        function onChanged() {
            commentsModeBox.currentIndex = Math.max(0, commentsModeBox.indexOfValue(App.library.commentsMode.mode))
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ErrorBanner {
            objectName: "editErrorBanner"
            Layout.fillWidth: true
            text: App.studio.editError
            onDismissed: App.studio.clearEditError()
        }
        Label { text: qsTr("Title"); color: Theme.textMuted }
        TextField {
            id: titleField
            objectName: "editTitleField"
            Layout.fillWidth: true
            maximumLength: 100
            selectByMouse: true
            onAccepted: dialog.save()
        }
        Label { text: qsTr("Description"); color: Theme.textMuted }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            TextArea {
                id: descriptionArea
                objectName: "editDescriptionField"
                wrapMode: TextArea.Wrap
                selectByMouse: true
                KeyNavigation.priority: KeyNavigation.BeforeItem
                KeyNavigation.tab: tagsField
            }
        }
        Label { text: qsTr("Tags (separated by commas)"); color: Theme.textMuted }
        TextField {
            id: tagsField
            objectName: "editTagsField"
            Layout.fillWidth: true
            selectByMouse: true
            placeholderText: qsTr("animation, short film")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing * 2
            ColumnLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Category"); color: Theme.textMuted }
                TextField {
                    id: categoryField
                    objectName: "editCategoryField"
                    Layout.fillWidth: true
                    maximumLength: 50
                    selectByMouse: true
                    placeholderText: qsTr("e.g. Film & Animation")
                }
            }
            ColumnLayout {
                Label { text: qsTr("Visibility"); color: Theme.textMuted }
                ComboBox {
                    id: visibilityBox
                    objectName: "editVisibilityBox"
                    Layout.preferredWidth: 160
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "public", text: qsTr("Public") },
                            { value: "unlisted", text: qsTr("Unlisted") },
                            { value: "private", text: qsTr("Private") }]
                }
            }
        }
        Label { text: qsTr("Comments (saved at once)"); color: Theme.textMuted }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            ComboBox {
                id: commentsModeBox
                objectName: "editCommentsModeBox"
                Layout.preferredWidth: 240
                enabled: !App.library.commentsMode.busy && App.library.commentsMode.mode.length > 0
                textRole: "text"
                valueRole: "value"
                model: [{ value: "on", text: qsTr("On") },
                        { value: "held", text: qsTr("Hold all for review") },
                        { value: "off", text: qsTr("Off") }]
                onActivated: App.library.commentsMode.save(currentValue)
            }
            Label {
                objectName: "commentsModeStatus"
                Layout.fillWidth: true
                text: App.library.commentsMode.errorMessage.length > 0 ? App.library.commentsMode.errorMessage
                      : App.library.commentsMode.busy ? qsTr("Saving…") : ""
                color: App.library.commentsMode.errorMessage.length > 0 ? Theme.danger : Theme.textMuted
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontSmall
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Cancel")
            flat: true
            onClicked: dialog.close()
        }
        Button {
            objectName: "saveButton"
            text: App.studio.saving ? qsTr("Saving…") : qsTr("Save")
            enabled: !App.studio.saving
            highlighted: true
            onClicked: dialog.save()
        }
    }
}
