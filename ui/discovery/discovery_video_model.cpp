#include "ui/discovery/discovery_video_model.h"

#include "ui/discovery/discovery_text.h"

namespace fc::ui {

DiscoveryVideoModel::DiscoveryVideoModel(ApiClient& api, ItemShape shape, QObject* parent)
    : VideoListModel(api, parent), m_shape(shape) {}

QVariant DiscoveryVideoModel::data(const QModelIndex& index, int role) const {
    if (role == ViewsTextRole &&
        checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return compactViewsText(videoAt(index.row()).value(QStringLiteral("view_count")).toInteger());
    return VideoListModel::data(index, role);
}

QJsonObject DiscoveryVideoModel::videoOf(const QJsonObject& item) const {
    return m_shape == ItemShape::Wrapped ? item.value(QStringLiteral("video")).toObject() : item;
}

QVariant DiscoveryVideoModel::extraData(const QJsonObject& item, int role) const {
    const QJsonObject reason = item.value(QStringLiteral("reason")).toObject();
    switch (role) {
    case ScoreRole:
        return item.value(QStringLiteral("score")).toDouble();
    case ReasonKindRole:
        return reason.value(QStringLiteral("kind")).toString();
    case ReasonTextRole:
        return reason.value(QStringLiteral("text")).toString();
    case ReasonVideoIdRole:
        return reason.value(QStringLiteral("video_id")).toString();
    case ReasonChannelIdRole:
        return reason.value(QStringLiteral("channel_id")).toString();
    default:
        return {};
    }
}

QHash<int, QByteArray> DiscoveryVideoModel::extraRoleNames() const {
    return {{ScoreRole, "score"},
            {ReasonKindRole, "reasonKind"},
            {ReasonTextRole, "reasonText"},
            {ReasonVideoIdRole, "reasonVideoId"},
            {ReasonChannelIdRole, "reasonChannelId"}};
}

} // namespace fc::ui
