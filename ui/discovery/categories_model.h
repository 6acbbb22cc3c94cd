#pragma once
// The categories of listed videos (GET /api/v1/categories, docs/API.md §17), most videos first: the chips
// above Trending (the page puts "All" before them).
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include "ui/models/json_list_model.h"

namespace fc::ui {

class CategoriesModel : public fc::ui::JsonListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CategoriesModel belongs to App.browse")
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        VideoCountRole,
    };
    Q_ENUM(Role)

    explicit CategoriesModel(ApiClient& api, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList names() const;

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/categories"); }
    QString itemKey(const QJsonObject& item) const override;
    QString loadErrorText(const QString& reason) const override;
};

} // namespace fc::ui
