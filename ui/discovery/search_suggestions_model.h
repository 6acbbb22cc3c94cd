#pragma once
// Suggestions as the user types (GET /api/v1/search/suggest, docs/API.md §17): setQuery() with each edit;
// the request goes once the text has rested for debounceMs (150 ms), and only the answer for the latest
// text is shown — an answer that comes back after the text changed again is dropped, whatever order the
// answers arrive in. The rows stay as they are until the next answer replaces them (no flicker while
// typing). Empty text has no suggestions.
#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include "ui/api/api_client.h"

namespace fc::ui {

class SearchSuggestionsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SearchSuggestionsModel belongs to App.search")
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    // The text the rows answer (the query itself once its answer arrived).
    Q_PROPERTY(QString answeredQuery READ answeredQuery NOTIFY answered)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged) // the latest text's answer is awaited
    Q_PROPERTY(int debounceMs READ debounceMs WRITE setDebounceMs NOTIFY debounceMsChanged)
public:
    enum Role { TextRole = Qt::UserRole + 1, KindRole };
    Q_ENUM(Role)

    static constexpr int kDefaultDebounceMs = 150;
    static constexpr int kLimit = 8;

    SearchSuggestionsModel(ApiClient& api, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString query() const { return m_query; }
    QString answeredQuery() const { return m_answeredQuery; }
    int count() const { return static_cast<int>(m_rows.size()); }
    bool loading() const { return m_loading; }
    int debounceMs() const { return m_debounce.interval(); }
    void setDebounceMs(int debounce_ms);

    // The text typed so far; asks the server once it rests.
    Q_INVOKABLE void setQuery(const QString& text);
    // Answers still on their way, stale ones included.
    int requestsInFlight() const { return m_inFlight; }
    // Asks now for the current text, without waiting for it to rest.
    Q_INVOKABLE void requestNow();
    // The text at row, or "" when there is no such row.
    Q_INVOKABLE QString textAt(int row) const;
    // No suggestions, no request waiting, answers on their way dropped (the field was cleared or left).
    Q_INVOKABLE void clear();

signals:
    void queryChanged();
    void countChanged();
    void loadingChanged();
    void debounceMsChanged();
    void answered(); // rows now answer answeredQuery

private:
    struct Suggestion {
        QString text;
        QString kind; // "query" or "title"
    };
    void setRows(QList<Suggestion> rows, const QString& answered_query);
    void setLoading(bool loading);

    ApiClient& m_api;
    QTimer m_debounce;
    QString m_query;
    QString m_answeredQuery;
    QList<Suggestion> m_rows;
    bool m_loading = false;
    int m_inFlight = 0;
    quint64 m_serial = 0; // bumped by every change of text: an answer carrying an older serial is stale
};

} // namespace fc::ui
