#include "ui/models/json_list_model.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

namespace fc::ui {
namespace {
constexpr int kMaxPageSize = 100; // the server clamps to this
} // namespace

JsonListModel::JsonListModel(ApiClient& api, QObject* parent) : QAbstractListModel(parent), m_api(api) {}

int JsonListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

bool JsonListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_nextCursor.isEmpty() && !m_loading;
}

void JsonListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(m_nextCursor);
}

void JsonListModel::setPageSize(int page_size) {
    m_pageSize = std::clamp(page_size, 1, kMaxPageSize);
}

void JsonListModel::refresh() {
    ++m_generation;
    if (listPath().isEmpty()) {
        removeAll();
        setLoading(false);
        return;
    }
    requestPage({});
}

void JsonListModel::clearError() {
    setError({});
}

void JsonListModel::clear() {
    ++m_generation;
    ++m_epoch;
    removeAll();
    m_loaded = false;
    m_loading = false;
    emit loadingChanged();
    setError({});
    forgotten();
}

int JsonListModel::rowOfKey(const QString& key) const {
    if (key.isEmpty())
        return -1;
    for (int row = 0; row < m_items.size(); ++row)
        if (itemKey(m_items.at(row)) == key)
            return row;
    return -1;
}

void JsonListModel::requestPage(const QString& cursor) {
    // listPath() may carry its own query (a search's q and filters).
    QString path = listPath();
    path += (path.contains(QLatin1Char('?')) ? QStringLiteral("&limit=%1") : QStringLiteral("?limit=%1"))
                .arg(m_pageSize);
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
    const bool first_page = cursor.isEmpty();
    const int generation = m_generation;
    setLoading(true);
    m_api.get(path, this, [this, generation, first_page](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setLoading(false);
            setError(loadErrorText(ApiClient::describe(result.error)));
            return;
        }
        setError({});
        onPage(result.object(), first_page);
        setLoading(false);
    });
}

void JsonListModel::onPage(const QJsonObject& body, bool first_page) {
    QList<QJsonObject> page;
    for (const QJsonValue& value : body.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        // A key listed twice (an item moved up between two page reads) keeps its first row.
        const QString key = itemKey(item);
        const bool seen = std::any_of(page.cbegin(), page.cend(),
                                      [&](const QJsonObject& other) { return itemKey(other) == key; });
        if (!seen && (first_page || rowOfKey(key) < 0))
            page.append(item);
    }
    m_nextCursor = body.value(QStringLiteral("next_cursor")).toString();
    pageArrived(body, first_page);
    const int before = count();
    if (first_page) {
        beginResetModel();
        m_items = page;
        endResetModel();
    } else if (!page.isEmpty()) {
        beginInsertRows({}, before, before + static_cast<int>(page.size()) - 1);
        m_items.append(page);
        endInsertRows();
    }
    m_loaded = true;
    if (count() != before)
        emit countChanged();
    if (!page.isEmpty())
        itemsArrived(page);
}

void JsonListModel::callAction(const ApiRequest& request, const QString& failure,
                               std::function<void(const ApiResult&)> done,
                               std::function<void(const ApiResult&)> failed) {
    const int epoch = m_epoch;
    setError({});
    m_api.call(
        request, this,
        [this, epoch, failure, done = std::move(done), failed = std::move(failed)](const ApiResult& result) {
            if (epoch != m_epoch)
                return;
            if (!result.ok()) {
                if (failed)
                    failed(result);
                setError(QStringLiteral("%1: %2").arg(failure, ApiClient::describe(result.error)));
                return;
            }
            if (done)
                done(result);
        });
}

void JsonListModel::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

void JsonListModel::insertItem(int row, const QJsonObject& item) {
    row = std::clamp(row, 0, count());
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    endInsertRows();
    emit countChanged();
    itemsArrived({item});
}

void JsonListModel::replaceItem(int row, const QJsonObject& item) {
    if (row < 0 || row >= count())
        return;
    m_items[row] = item;
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed);
    itemsArrived({item});
}

bool JsonListModel::removeKey(const QString& key) {
    const int row = rowOfKey(key);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    emit countChanged();
    return true;
}

bool JsonListModel::moveItem(int from, int to) {
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return false;
    // beginMoveRows names the row the item goes before, counted before the move.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return false;
    m_items.move(from, to);
    endMoveRows();
    return true;
}

void JsonListModel::removeAll() {
    m_nextCursor.clear();
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    endResetModel();
    emit countChanged();
}

void JsonListModel::itemsChanged(const std::function<bool(const QJsonObject&)>& matches) {
    for (int row = 0; row < m_items.size(); ++row)
        if (matches(m_items.at(row))) {
            const QModelIndex changed = index(row);
            emit dataChanged(changed, changed);
        }
}

void JsonListModel::setLoading(bool loading) {
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

} // namespace fc::ui
