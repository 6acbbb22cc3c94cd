#pragma once
// The base of the library's lists: one of the server's paged lists (docs/API.md §1, "Lists and pagination")
// held as its JSON items, read page by page with fetchMore() and the server's cursor, with loading and error
// state for QML. Subclasses name the route, an item's key, and what each role shows; write actions go through
// callAction(), whose refusal becomes errorMessage. Subclasses name this base fully qualified
// (fc::ui::JsonListModel): Qt 6.4's qmltyperegistrar resolves a base class only by its qualified name, and
// without it QML tooling does not see the inherited properties.
#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>

#include "ui/api/api_client.h"

namespace fc::ui {

class JsonListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    JsonListModel(ApiClient& api, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    int count() const { return static_cast<int>(m_items.size()); }
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    QString errorMessage() const { return m_error; }
    void setPageSize(int page_size); // 1..100, from the next request

    // Reads the first page again (rows fetched beyond it are dropped until fetched again).
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void clearError();
    // The next page, if there is one and none is on its way (fetchMore() for QML: see FeedFiller.qml).
    Q_INVOKABLE void loadMore() { fetchMore({}); }
    // Forgets everything, and drops answers still on their way (signed out).
    void clear();

    int rowOfKey(const QString& key) const; // -1 when not listed
    QJsonObject item(int row) const { return m_items.value(row); }
    QString keyAt(int row) const { return itemKey(m_items.value(row)); }

signals:
    void countChanged();
    void loadingChanged();
    void errorMessageChanged();

protected:
    // The list's route ("/api/v1/users/me/history"), which may carry its own query ("/api/v1/search?q=…":
    // limit and cursor are appended); empty when there is nothing to list.
    virtual QString listPath() const = 0;
    virtual QString itemKey(const QJsonObject& item) const = 0;
    // "Could not load your history: <reason>".
    virtual QString loadErrorText(const QString& reason) const = 0;
    // A page's whole answer, before its items become rows: fields of the envelope beside items (a search's
    // corrected_query).
    virtual void pageArrived(const QJsonObject& body, bool first_page) {
        (void)body;
        (void)first_page;
    }
    // Each page's new items once they are rows (e.g. to look up channel names).
    virtual void itemsArrived(const QList<QJsonObject>& items) { (void)items; }
    // clear() ran: drop whatever else belonged to the signed-in user.
    virtual void forgotten() {}

    ApiClient& api() { return m_api; }
    // Runs request; on success done(result), else errorMessage = "<failure>: <reason>" and failed(result).
    // Neither runs when clear() came first.
    void callAction(const ApiRequest& request, const QString& failure,
                    std::function<void(const ApiResult&)> done,
                    std::function<void(const ApiResult&)> failed = {});
    void setError(const QString& message);

    void insertItem(int row, const QJsonObject& item);
    void replaceItem(int row, const QJsonObject& item);
    bool removeKey(const QString& key); // false when not listed
    bool moveItem(int from, int to);    // to: the row the item ends up at
    void removeAll();
    // dataChanged for every row whose item matches.
    void itemsChanged(const std::function<bool(const QJsonObject&)>& matches);

private:
    void requestPage(const QString& cursor);
    void onPage(const QJsonObject& body, bool first_page);
    void setLoading(bool loading);

    ApiClient& m_api;
    QList<QJsonObject> m_items;
    QString m_nextCursor;
    bool m_loading = false;
    bool m_loaded = false;
    int m_pageSize = 20;
    int m_generation = 0; // page answers from before the last refresh()/clear() are dropped
    int m_epoch = 0;      // action answers from before the last clear() are dropped
    QString m_error;
};

} // namespace fc::ui
