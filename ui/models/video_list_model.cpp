#include "ui/models/video_list_model.h"

#include "ui/library/library_text.h"
#include "ui/models/relative_age.h"
#include "ui/studio/api_image_provider.h"
#include "ui/studio/video_row.h"

namespace fc::ui {
namespace {

QString channelOf(const QJsonObject& video) {
    return video.value(QStringLiteral("channel_id")).toString();
}

QDateTime publishedAt(const QJsonObject& video) {
    QString text = video.value(QStringLiteral("published_at")).toString();
    if (text.isEmpty())
        text = video.value(QStringLiteral("created_at")).toString();
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

qint64 durationMs(const QJsonObject& video) {
    const QJsonValue duration = video.value(QStringLiteral("duration_ms"));
    return duration.isDouble() ? duration.toInteger() : -1;
}

} // namespace

VideoListModel::VideoListModel(ApiClient& api, QObject* parent) : JsonListModel(api, parent) {
    refreshAgesPeriodically(this, {AgeTextRole});
}

QVariant VideoListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject entry = item(index.row());
    const QJsonObject video = videoOf(entry);
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return video.value(QStringLiteral("title")).toString();
    case VideoIdRole:
        return video.value(QStringLiteral("id")).toString();
    case ChannelIdRole:
        return channelOf(video);
    case ChannelNameRole:
        return video.value(QStringLiteral("channel_name")).toString();
    case ViewsRole:
        return video.value(QStringLiteral("view_count")).toInteger();
    case ViewsTextRole:
        return viewsText(video.value(QStringLiteral("view_count")).toInteger());
    case PublishedAtRole:
        return publishedAt(video);
    case AgeTextRole:
        return ageText(publishedAt(video), QDateTime::currentDateTimeUtc());
    case DurationMsRole:
        return durationMs(video);
    case DurationTextRole:
        return durationText(durationMs(video));
    case ThumbnailUrlRole:
        return apiImageUrl(video.value(QStringLiteral("thumbnail_url")).toString());
    case VisibilityRole:
        return video.value(QStringLiteral("visibility")).toString();
    case PlayableRole:
        return video.value(QStringLiteral("playable")).toBool();
    default:
        return role >= FirstExtraRole ? extraData(entry, role) : QVariant();
    }
}

QHash<int, QByteArray> VideoListModel::roleNames() const {
    QHash<int, QByteArray> names{{VideoIdRole, "videoId"},
                                 {TitleRole, "title"},
                                 {ChannelIdRole, "channelId"},
                                 {ChannelNameRole, "channelName"},
                                 {ViewsRole, "views"},
                                 {ViewsTextRole, "viewsText"},
                                 {PublishedAtRole, "publishedAt"},
                                 {AgeTextRole, "ageText"},
                                 {DurationMsRole, "durationMs"},
                                 {DurationTextRole, "durationText"},
                                 {ThumbnailUrlRole, "thumbnailUrl"},
                                 {VisibilityRole, "visibility"},
                                 {PlayableRole, "playable"}};
    names.insert(extraRoleNames());
    return names;
}

QStringList VideoListModel::videoIds() const {
    QStringList ids;
    for (int row = 0; row < count(); ++row)
        ids.append(keyAt(row));
    return ids;
}

QVariant VideoListModel::extraData(const QJsonObject& item, int role) const {
    (void)item;
    (void)role;
    return {};
}

QString VideoListModel::itemKey(const QJsonObject& item) const {
    return videoOf(item).value(QStringLiteral("id")).toString();
}

} // namespace fc::ui
