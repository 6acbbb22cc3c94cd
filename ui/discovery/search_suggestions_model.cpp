#include "ui/discovery/search_suggestions_model.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

#include "ui/discovery/search_text.h"

namespace fc::ui {
namespace {
constexpr int kMaxQueryChars = 100; // the server's limit for q
} // namespace

SearchSuggestionsModel::SearchSuggestionsModel(ApiClient& api, QObject* parent)
    : QAbstractListModel(parent), m_api(api) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchSuggestionsModel::requestNow);
}

int SearchSuggestionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant SearchSuggestionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Suggestion& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return row.text;
    case KindRole:
        return row.kind;
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchSuggestionsModel::roleNames() const {
    return {{TextRole, "text"}, {KindRole, "kind"}};
}

void SearchSuggestionsModel::setDebounceMs(int debounce_ms) {
    debounce_ms = std::max(0, debounce_ms);
    if (debounce_ms == m_debounce.interval())
        return;
    m_debounce.setInterval(debounce_ms);
    emit debounceMsChanged();
}

void SearchSuggestionsModel::setQuery(const QString& text) {
    if (text == m_query)
        return;
    m_query = text;
    ++m_serial; // whatever is on its way answers another text now
    emit queryChanged();
    if (text.trimmed().isEmpty() || text.size() > kMaxQueryChars) {
        m_debounce.stop();
        setLoading(false);
        setRows({}, text);
        return;
    }
    setLoading(true);
    m_debounce.start();
}

void SearchSuggestionsModel::requestNow() {
    m_debounce.stop();
    if (m_query.trimmed().isEmpty() || m_query.size() > kMaxQueryChars)
        return;
    const quint64 serial = m_serial;
    const QString text = m_query;
    setLoading(true);
    ApiRequest request;
    request.path = suggestPath(text, kLimit);
    ++m_inFlight;
    m_api.call(request, this, [this, serial, text](const ApiResult& result) {
        --m_inFlight;
        if (serial != m_serial)
            return; // the text changed since: a stale answer
        setLoading(false);
        QList<Suggestion> rows;
        // A failed answer shows no suggestions: they are a convenience, searching still works.
        if (result.ok())
            for (const QJsonValue& value : result.object().value(QStringLiteral("suggestions")).toArray()) {
                const QJsonObject suggestion = value.toObject();
                const QString suggested = suggestion.value(QStringLiteral("text")).toString();
                if (!suggested.isEmpty())
                    rows.append({suggested, suggestion.value(QStringLiteral("kind")).toString()});
            }
        setRows(std::move(rows), text);
    });
}

QString SearchSuggestionsModel::textAt(int row) const {
    return row >= 0 && row < count() ? m_rows.at(row).text : QString();
}

void SearchSuggestionsModel::clear() {
    m_debounce.stop();
    ++m_serial;
    if (!m_query.isEmpty()) {
        m_query.clear();
        emit queryChanged();
    }
    setLoading(false);
    setRows({}, {});
}

void SearchSuggestionsModel::setRows(QList<Suggestion> rows, const QString& answered_query) {
    const int before = count();
    if (!rows.isEmpty() || before > 0) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    m_answeredQuery = answered_query;
    if (count() != before)
        emit countChanged();
    emit answered();
}

void SearchSuggestionsModel::setLoading(bool loading) {
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

} // namespace fc::ui
