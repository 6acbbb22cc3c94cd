#include "ui/library/playlists_model.h"

#include <QDateTime>

#include "ui/library/library_text.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {
namespace {
const QString kWatchLater = QStringLiteral("watch_later");

bool isWatchLater(const QJsonObject& playlist) {
    return playlist.value(QStringLiteral("kind")).toString() == kWatchLater;
}
} // namespace

PlaylistsModel::PlaylistsModel(ApiClient& api, QObject* parent) : JsonListModel(api, parent) {}

QVariant PlaylistsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject playlist = item(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return playlist.value(QStringLiteral("title")).toString();
    case PlaylistIdRole:
        return playlist.value(QStringLiteral("id")).toString();
    case KindRole:
        return playlist.value(QStringLiteral("kind")).toString();
    case IsWatchLaterRole:
        return isWatchLater(playlist);
    case DescriptionRole:
        return playlist.value(QStringLiteral("description")).toString();
    case VisibilityRole:
        return playlist.value(QStringLiteral("visibility")).toString();
    case ItemCountRole:
        return playlist.value(QStringLiteral("item_count")).toInteger();
    case ItemCountTextRole:
        return playlistCountText(playlist.value(QStringLiteral("item_count")).toInteger(),
                                 playlist.value(QStringLiteral("hidden_count")).toInteger());
    case ThumbnailUrlRole:
        return apiImageUrl(playlist.value(QStringLiteral("thumbnail_url")).toString());
    case UpdatedAtRole:
        return QDateTime::fromString(playlist.value(QStringLiteral("updated_at")).toString(),
                                     Qt::ISODateWithMs);
    default:
        return {};
    }
}

QHash<int, QByteArray> PlaylistsModel::roleNames() const {
    return {{PlaylistIdRole, "playlistId"},     {KindRole, "kind"},
            {IsWatchLaterRole, "isWatchLater"}, {TitleRole, "title"},
            {DescriptionRole, "description"},   {VisibilityRole, "visibility"},
            {ItemCountRole, "itemCount"},       {ItemCountTextRole, "itemCountText"},
            {ThumbnailUrlRole, "thumbnailUrl"}, {UpdatedAtRole, "updatedAt"}};
}

void PlaylistsModel::create(const QString& title, const QString& visibility) {
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/api/v1/playlists");
    QJsonObject body{{QStringLiteral("title"), title.trimmed()}};
    if (!visibility.isEmpty())
        body.insert(QStringLiteral("visibility"), visibility);
    request.json = body;
    callAction(request, tr("Could not create the playlist"), [this](const ApiResult& result) {
        const QJsonObject playlist = result.object();
        const QString id = itemKey(playlist);
        if (rowOfKey(id) < 0) {
            // Watch later first, then by last update: a new playlist is the most recently updated.
            const int row = count() > 0 && isWatchLater(item(0)) ? 1 : 0;
            insertItem(row, playlist);
        }
        emit playlistCreated(id);
    });
}

void PlaylistsModel::rename(const QString& playlist_id, const QString& title) {
    patch(playlist_id, {{QStringLiteral("title"), title.trimmed()}}, tr("Could not rename the playlist"));
}

void PlaylistsModel::setVisibility(const QString& playlist_id, const QString& visibility) {
    patch(playlist_id, {{QStringLiteral("visibility"), visibility}},
          tr("Could not change the playlist's visibility"));
}

void PlaylistsModel::patch(const QString& playlist_id, const QJsonObject& fields, const QString& failure) {
    ApiRequest request;
    request.method = "PATCH";
    request.path = apiPath(QStringLiteral("/api/v1/playlists/%1"), playlist_id);
    request.json = fields;
    callAction(request, failure, [this](const ApiResult& result) { applyPlaylist(result.object()); });
}

void PlaylistsModel::remove(const QString& playlist_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = apiPath(QStringLiteral("/api/v1/playlists/%1"), playlist_id);
    callAction(request, tr("Could not delete the playlist"), [this, playlist_id](const ApiResult&) {
        removeKey(playlist_id);
        emit playlistRemoved(playlist_id);
    });
}

void PlaylistsModel::applyPlaylist(const QJsonObject& playlist) {
    const int row = rowOfKey(itemKey(playlist));
    if (row >= 0)
        replaceItem(row, playlist);
    emit playlistUpdated(playlist);
}

QString PlaylistsModel::titleOf(const QString& playlist_id) const {
    return item(rowOfKey(playlist_id)).value(QStringLiteral("title")).toString();
}

QString PlaylistsModel::itemKey(const QJsonObject& item) const {
    return item.value(QStringLiteral("id")).toString();
}

QString PlaylistsModel::loadErrorText(const QString& reason) const {
    return tr("Could not load your playlists: %1").arg(reason);
}

} // namespace fc::ui
