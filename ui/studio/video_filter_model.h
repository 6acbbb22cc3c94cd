#pragma once
// The Studio's search: the rows of a MyVideosModel whose title contains searchText (case-insensitive). The
// list is paged, so while a search is active the remaining pages are fetched; the search covers every video.
#include <QMetaObject>
#include <QSortFilterProxyModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class VideoFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit VideoFilterModel(QObject* parent = nullptr);

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString& text);
    int count() const { return rowCount(); }

signals:
    void searchTextChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

private:
    void fetchRestWhileSearching();

    QString m_searchText;
    QMetaObject::Connection m_sourceRowsInserted;
    QMetaObject::Connection m_sourceReset;
};

} // namespace fc::ui
