// SKELETON: replaced by the studio feature's owner. Shell.qml sets searchText from the top search field.
import QtQuick

Item {
    property string searchText: ""
}
