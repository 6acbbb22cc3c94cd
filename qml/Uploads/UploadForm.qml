import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Framecast.Ui
import Framecast.Components

// The details of one upload. Every edit goes to App.uploads at once; the controller checks it and saves it to
// the video when the video exists (tags and category after the upload has started).
GridLayout {
    id: form

    property int row: -1
    property string title: ""
    property string description: ""
    property string tags: ""
    property string category: ""
    property string visibility: "private"
    property string formError: ""

    columns: 2
    columnSpacing: 12
    rowSpacing: 6

    Label { text: qsTr("Title"); color: Theme.text }
    TextField {
        objectName: "uploadTitleField"
        Layout.fillWidth: true
        text: form.title
        maximumLength: 100
        selectByMouse: true
        placeholderText: qsTr("Add a title that describes your video")
        onTextEdited: App.uploads.setTitle(form.row, text)
    }

    Label { text: qsTr("Description"); color: Theme.text; Layout.alignment: Qt.AlignTop }
    TextArea {
        objectName: "uploadDescriptionField"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(64, implicitHeight)
        text: form.description
        wrapMode: TextEdit.Wrap
        selectByMouse: true
        placeholderText: qsTr("Tell viewers about your video")
        onTextChanged: if (text !== form.description) App.uploads.setDescription(form.row, text)
        KeyNavigation.priority: KeyNavigation.BeforeItem
        KeyNavigation.tab: tagsField
    }

    Label { text: qsTr("Tags"); color: Theme.text }
    TextField {
        id: tagsField
        objectName: "uploadTagsField"
        Layout.fillWidth: true
        text: form.tags
        selectByMouse: true
        placeholderText: qsTr("Separate tags with commas")
        // Committed when the field is left, so a comma being typed is not tidied away.
        onEditingFinished: App.uploads.setTags(form.row, text)
    }

    Label { text: qsTr("Category"); color: Theme.text }
    ComboBox {
        id: categoryBox
        objectName: "uploadCategoryBox"
        Layout.fillWidth: true
        model: App.uploads.categories // the first, "", is no category
        // A Binding: a plain one ran before the model was set (find() gave -1, nothing re-ran it), so a
        // card built for an item with a category (a restored queue) showed "(none)".
        Binding on currentIndex {
            value: categoryBox.count >= 0 ? Math.max(0, categoryBox.find(form.category)) : 0
        }
        displayText: currentText.length > 0 ? currentText : qsTr("(none)")
        delegate: ItemDelegate {
            required property string modelData
            width: ListView.view ? ListView.view.width : implicitWidth
            text: modelData.length > 0 ? modelData : qsTr("(none)")
            highlighted: ListView.isCurrentItem
        }
        onActivated: App.uploads.setCategory(form.row, currentText)
    }

    Label { text: qsTr("Visibility"); color: Theme.text }
    ComboBox {
        objectName: "uploadVisibilityBox"
        Layout.fillWidth: true
        textRole: "text"
        valueRole: "value"
        model: [
            { value: "private", text: qsTr("Private — only you") },
            { value: "unlisted", text: qsTr("Unlisted — anyone with the link") },
            { value: "public", text: qsTr("Public — everyone") }
        ]
        currentIndex: indexOfValue(form.visibility)
        Component.onCompleted: currentIndex = indexOfValue(form.visibility)
        onActivated: App.uploads.setVisibility(form.row, currentValue)
    }

    Label {
        objectName: "uploadFormError"
        Layout.columnSpan: 2
        Layout.fillWidth: true
        visible: form.formError.length > 0
        text: form.formError
        wrapMode: Text.Wrap
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
    }
}
