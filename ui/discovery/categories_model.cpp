#include "ui/discovery/categories_model.h"

namespace fc::ui {
namespace {
constexpr int kMaxCategories = 50; // the server lists at most this many, in one answer
} // namespace

CategoriesModel::CategoriesModel(ApiClient& api, QObject* parent) : JsonListModel(api, parent) {
    setPageSize(kMaxCategories);
}

QVariant CategoriesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject category = item(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return category.value(QStringLiteral("name")).toString();
    case VideoCountRole:
        return category.value(QStringLiteral("video_count")).toInteger();
    default:
        return {};
    }
}

QHash<int, QByteArray> CategoriesModel::roleNames() const {
    return {{NameRole, "name"}, {VideoCountRole, "videoCount"}};
}

QStringList CategoriesModel::names() const {
    QStringList names;
    for (int row = 0; row < count(); ++row)
        names.append(keyAt(row));
    return names;
}

QString CategoriesModel::itemKey(const QJsonObject& item) const {
    return item.value(QStringLiteral("name")).toString();
}

QString CategoriesModel::loadErrorText(const QString& reason) const {
    return tr("Could not load the categories: %1").arg(reason);
}

} // namespace fc::ui
