import QtQuick
import QtQuick.Controls
import Framecast.Ui
import Framecast.Components

// The search page's filters: Type, Sort, Duration, Upload date, Category, each a drop-down over the choices
// App.search offers ([{value, label}]); picking one searches again. Duration, upload date and category do
// not apply to channels and are disabled then. "Clear filters" goes back to the defaults.
Flow {
    id: bar

    required property SearchController searching
    required property SearchResultsModel results

    spacing: Theme.spacing

    // A drop-down whose model is [{value, label}] and whose current entry follows `selected`.
    component FilterCombo: ComboBox {
        id: combo
        property string selected: ""
        property string caption: ""
        signal picked(string value)

        textRole: "label"
        valueRole: "value"
        implicitWidth: 184 // Qt 6.4's ComboBox does not size to its longest entry
        Accessible.name: caption
        ToolTip.visible: hovered && caption.length > 0
        ToolTip.text: caption
        // A Binding (not a plain binding) keeps following `selected` after the user picked an entry.
        Binding on currentIndex {
            value: combo.count >= 0 ? combo.indexOfValue(combo.selected) : -1
        }
        onActivated: index => combo.picked(combo.valueAt(index))
    }

    FilterCombo {
        objectName: "searchTypeFilter"
        caption: qsTr("Type")
        model: bar.searching.typeOptions
        selected: bar.results.type
        onPicked: value => bar.results.type = value
    }
    FilterCombo {
        objectName: "searchSortFilter"
        caption: qsTr("Sort by")
        model: bar.searching.sortOptions
        selected: bar.results.sort
        onPicked: value => bar.results.sort = value
    }
    FilterCombo {
        objectName: "searchDurationFilter"
        caption: qsTr("Duration")
        enabled: bar.results.type !== "channel"
        model: bar.searching.durationOptions
        selected: bar.results.duration
        onPicked: value => bar.results.duration = value
    }
    FilterCombo {
        objectName: "searchUploadedFilter"
        caption: qsTr("Upload date")
        enabled: bar.results.type !== "channel"
        model: bar.searching.uploadedOptions
        selected: bar.results.uploaded
        onPicked: value => bar.results.uploaded = value
    }
    FilterCombo {
        objectName: "searchCategoryFilter"
        caption: qsTr("Category")
        enabled: bar.results.type !== "channel"
        model: bar.searching.categoryOptions
        selected: bar.results.category
        onPicked: value => bar.results.category = value
    }
    Button {
        objectName: "clearFiltersButton"
        visible: bar.results.filtered
        flat: true
        text: qsTr("Clear filters")
        onClicked: bar.results.resetFilters()
    }
}
