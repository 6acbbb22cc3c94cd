#include "ui/library/playlist_items_model.h"

#include <QDateTime>

#include <algorithm>

#include "ui/library/library_text.h"

namespace fc::ui {
namespace {
const QString kPosition = QStringLiteral("position");
} // namespace

PlaylistItemsModel::PlaylistItemsModel(ApiClient& api, QObject* parent) : VideoListModel(api, parent) {}

bool PlaylistItemsModel::isWatchLater() const {
    return m_playlist.value(QStringLiteral("kind")).toString() == QLatin1String("watch_later");
}

void PlaylistItemsModel::open(const QString& playlist_id) {
    if (playlist_id.isEmpty()) {
        close();
        return;
    }
    ++m_serial;
    if (playlist_id != playlistId()) {
        clear(); // another playlist's rows and the answers still due for it go
        m_playlist = QJsonObject{{QStringLiteral("id"), playlist_id}};
        emit playlistChanged();
    }
    readPlaylist(apiPath(QStringLiteral("/api/v1/playlists/%1"), playlist_id));
    refresh();
}

void PlaylistItemsModel::openWatchLater() {
    if (isWatchLater()) {
        open(playlistId());
        return;
    }
    close();
    readPlaylist(QStringLiteral("/api/v1/playlists/watch-later")); // its id comes with the answer
}

void PlaylistItemsModel::close() {
    ++m_serial;
    clear();
    if (m_playlist.isEmpty())
        return;
    m_playlist = {};
    emit playlistChanged();
}

void PlaylistItemsModel::readPlaylist(const QString& path) {
    ApiRequest request;
    request.path = path;
    const int serial = m_serial;
    callAction(request, tr("Could not open the playlist"), [this, serial](const ApiResult& result) {
        const QJsonObject playlist = result.object();
        if (serial != m_serial || !playlist.value(QStringLiteral("id")).isString())
            return; // another playlist was opened meanwhile
        const bool first_read = playlistId().isEmpty();
        m_playlist = playlist;
        emit playlistChanged();
        if (first_read)
            refresh();
    });
}

void PlaylistItemsModel::applyPlaylist(const QJsonObject& playlist) {
    if (playlist.value(QStringLiteral("id")).toString() != playlistId() || playlistId().isEmpty())
        return;
    m_playlist = playlist;
    emit playlistChanged();
}

void PlaylistItemsModel::remove(const QString& video_id) {
    const QString playlist_id = playlistId();
    ApiRequest request;
    request.method = "DELETE";
    request.path = apiPath(QStringLiteral("/api/v1/playlists/%1/items/%2"), playlist_id, video_id);
    callAction(request, tr("Could not remove the video from the playlist"),
               [this, playlist_id, video_id](const ApiResult&) {
                   if (playlist_id == playlistId())
                       removeAndShift(video_id);
                   emit itemsEdited(playlist_id);
               });
}

void PlaylistItemsModel::removeAndShift(const QString& video_id) {
    const qint64 removed = item(rowOfKey(video_id)).value(kPosition).toInteger();
    if (!removeKey(video_id))
        return;
    // The items after it moved up one place on the server, and later moves name positions.
    for (int row = 0; row < count(); ++row) {
        QJsonObject entry = item(row);
        const qint64 position = entry.value(kPosition).toInteger();
        if (position > removed) {
            entry.insert(kPosition, position - 1);
            replaceItem(row, entry);
        }
    }
}

void PlaylistItemsModel::move(int from, int to) {
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    const QString playlist_id = playlistId();
    const QString video_id = keyAt(from);
    const QString title = videoAt(from).value(QStringLiteral("title")).toString();
    const int first = std::min(from, to);
    const int last = std::max(from, to);
    moveItem(from, to);
    renumber(first, last);
    const qint64 position = item(to).value(kPosition).toInteger();

    ApiRequest request;
    request.method = "PATCH";
    request.path = apiPath(QStringLiteral("/api/v1/playlists/%1/items/%2"), playlist_id, video_id);
    request.json = QJsonObject{{kPosition, position}};
    callAction(
        request, tr("Could not move “%1”").arg(title),
        [this, playlist_id](const ApiResult&) { emit itemsEdited(playlist_id); },
        [this, playlist_id, video_id, from, to, first, last](const ApiResult&) {
            if (playlist_id != playlistId())
                return;
            if (keyAt(to) == video_id) {
                moveItem(to, from);
                renumber(first, last);
            } else {
                refresh(); // other edits came in between: take the server's order
            }
        });
}

void PlaylistItemsModel::renumber(int first, int last) {
    QList<qint64> positions;
    for (int row = first; row <= last; ++row)
        positions.append(item(row).value(kPosition).toInteger());
    std::sort(positions.begin(), positions.end());
    for (int row = first; row <= last; ++row) {
        QJsonObject entry = item(row);
        const qint64 position = positions.at(row - first);
        if (entry.value(kPosition).toInteger() != position) {
            entry.insert(kPosition, position);
            replaceItem(row, entry);
        }
    }
}

QList<qint64> PlaylistItemsModel::positions() const {
    QList<qint64> result;
    for (int row = 0; row < count(); ++row)
        result.append(item(row).value(kPosition).toInteger());
    return result;
}

QString PlaylistItemsModel::listPath() const {
    return playlistId().isEmpty() ? QString()
                                  : apiPath(QStringLiteral("/api/v1/playlists/%1/items"), playlistId());
}

QString PlaylistItemsModel::loadErrorText(const QString& reason) const {
    return tr("Could not load the playlist: %1").arg(reason);
}

QJsonObject PlaylistItemsModel::videoOf(const QJsonObject& item) const {
    return item.value(QStringLiteral("video")).toObject();
}

QVariant PlaylistItemsModel::extraData(const QJsonObject& item, int role) const {
    switch (role) {
    case PositionRole:
        return item.value(kPosition).toInteger();
    case AddedAtRole:
        return QDateTime::fromString(item.value(QStringLiteral("added_at")).toString(), Qt::ISODateWithMs);
    default:
        return {};
    }
}

QHash<int, QByteArray> PlaylistItemsModel::extraRoleNames() const {
    return {{PositionRole, "position"}, {AddedAtRole, "addedAt"}};
}

} // namespace fc::ui
