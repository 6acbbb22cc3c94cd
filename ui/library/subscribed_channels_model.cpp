#include "ui/library/subscribed_channels_model.h"

#include "ui/library/library_text.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {

SubscribedChannelsModel::SubscribedChannelsModel(ApiClient& api, QObject* parent)
    : JsonListModel(api, parent) {}

QVariant SubscribedChannelsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject channel = item(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return channel.value(QStringLiteral("name")).toString();
    case ChannelIdRole:
        return channel.value(QStringLiteral("id")).toString();
    case HandleRole:
        return channel.value(QStringLiteral("handle")).toString();
    case AvatarUrlRole:
        return apiImageUrl(channel.value(QStringLiteral("avatar_url")).toString());
    case SubscriberCountRole:
        return channel.value(QStringLiteral("subscriber_count")).toInteger();
    case SubscribersTextRole:
        return subscribersText(channel.value(QStringLiteral("subscriber_count")).toInteger());
    case VideoCountRole:
        return channel.value(QStringLiteral("video_count")).toInteger();
    case VideoCountTextRole:
        return videoCountText(channel.value(QStringLiteral("video_count")).toInteger());
    default:
        return {};
    }
}

QHash<int, QByteArray> SubscribedChannelsModel::roleNames() const {
    return {{ChannelIdRole, "channelId"},
            {NameRole, "name"},
            {HandleRole, "handle"},
            {AvatarUrlRole, "avatarUrl"},
            {SubscriberCountRole, "subscriberCount"},
            {SubscribersTextRole, "subscribersText"},
            {VideoCountRole, "videoCount"},
            {VideoCountTextRole, "videoCountText"}};
}

void SubscribedChannelsModel::unsubscribe(const QString& channel_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = apiPath(QStringLiteral("/api/v1/channels/%1/subscription"), channel_id);
    callAction(request, tr("Could not unsubscribe"), [this, channel_id](const ApiResult&) {
        removeKey(channel_id);
        emit unsubscribed(channel_id);
    });
}

QString SubscribedChannelsModel::itemKey(const QJsonObject& item) const {
    return item.value(QStringLiteral("id")).toString();
}

QString SubscribedChannelsModel::loadErrorText(const QString& reason) const {
    return tr("Could not load your subscriptions: %1").arg(reason);
}

} // namespace fc::ui
