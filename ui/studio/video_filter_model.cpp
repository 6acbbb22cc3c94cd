#include "ui/studio/video_filter_model.h"

#include "ui/studio/my_videos_model.h"

namespace fc::ui {

VideoFilterModel::VideoFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setFilterRole(MyVideosModel::TitleRole);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &VideoFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &VideoFilterModel::countChanged);
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, [this] {
        disconnect(m_sourceRowsInserted);
        disconnect(m_sourceReset);
        if (!sourceModel())
            return;
        // Each page that arrives (and a refresh) may bring the next one while a search is on. Queued: the
        // source is still "loading" while it inserts.
        m_sourceRowsInserted = connect(sourceModel(), &QAbstractItemModel::rowsInserted, this,
                                       &VideoFilterModel::fetchRestWhileSearching, Qt::QueuedConnection);
        m_sourceReset = connect(sourceModel(), &QAbstractItemModel::modelReset, this,
                                &VideoFilterModel::fetchRestWhileSearching, Qt::QueuedConnection);
        fetchRestWhileSearching();
    });
}

void VideoFilterModel::setSearchText(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateRowsFilter();
    emit searchTextChanged();
    emit countChanged();
    fetchRestWhileSearching();
}

bool VideoFilterModel::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
    if (m_searchText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(source_row, 0, source_parent);
    return index.data(MyVideosModel::TitleRole).toString().contains(m_searchText, Qt::CaseInsensitive);
}

void VideoFilterModel::fetchRestWhileSearching() {
    // canFetchMore is false while a page is on its way; its arrival (rowsInserted) calls this again.
    if (!m_searchText.isEmpty() && sourceModel() && sourceModel()->canFetchMore({}))
        sourceModel()->fetchMore({});
}

} // namespace fc::ui
