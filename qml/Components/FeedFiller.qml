import QtQuick

// Keeps an infinite list loading while its rows do not fill the view. Qt's delegate model asks the model
// canFetchMore() once, when it makes the last row's delegate; when that happens while the page is still
// arriving (a model reset lays the view out at once, and a delegate may be made there and then) the model is
// still loading and says no, and with every row on screen nothing asks again: the list stopped after one
// page. Put one beside the view, with the view's model as target.
Connections {
    property Flickable flickable

    function onLoadingChanged() {
        if (target && !target.loading && flickable && flickable.atYEnd)
            target.loadMore()
    }
}
