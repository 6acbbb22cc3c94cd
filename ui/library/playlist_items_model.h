#pragma once
// The videos of one playlist (GET /api/v1/playlists/<id>/items, docs/API.md §16) in playlist order, as video
// cards: open a playlist (or Watch later), remove a video, and reorder. A move shows at once and is then sent
// (PATCH …/items/<video_id> {"position"}); if the server refuses it the row goes back and errorMessage says
// why.
#include <QJsonObject>
#include <QtQml/qqmlregistration.h>

#include "ui/models/video_list_model.h"

namespace fc::ui {

class PlaylistItemsModel : public fc::ui::VideoListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PlaylistItemsModel belongs to App.library")
    Q_PROPERTY(QString playlistId READ playlistId NOTIFY playlistChanged)
    Q_PROPERTY(QString title READ title NOTIFY playlistChanged)
    Q_PROPERTY(QString visibility READ visibility NOTIFY playlistChanged)
    Q_PROPERTY(bool isWatchLater READ isWatchLater NOTIFY playlistChanged)
public:
    enum ItemRole {
        PositionRole = FirstExtraRole, // the server's position of the item
        AddedAtRole,
    };
    Q_ENUM(ItemRole)

    PlaylistItemsModel(ApiClient& api, QObject* parent = nullptr);

    QString playlistId() const { return m_playlist.value(QStringLiteral("id")).toString(); }
    QString title() const { return m_playlist.value(QStringLiteral("title")).toString(); }
    QString visibility() const { return m_playlist.value(QStringLiteral("visibility")).toString(); }
    bool isWatchLater() const;

    // Shows this playlist: its details and its first page of items.
    Q_INVOKABLE void open(const QString& playlist_id);
    // The user's Watch later (GET /api/v1/playlists/watch-later, made by the server on first use).
    Q_INVOKABLE void openWatchLater();
    // Back to no playlist (rows cleared).
    Q_INVOKABLE void close();
    // The playlist object changed elsewhere (renamed in the playlists list): keep the header in step.
    void applyPlaylist(const QJsonObject& playlist);

    Q_INVOKABLE void remove(const QString& video_id);
    // Moves the row at from to row to (both rows of this list), optimistically.
    Q_INVOKABLE void move(int from, int to);

    QList<qint64> positions() const; // the rows' server positions, in row order

signals:
    void playlistChanged();
    // An item was removed or moved on the server (playlist counts and thumbnails may differ now).
    void itemsEdited(const QString& playlist_id);

protected:
    QString listPath() const override;
    QString loadErrorText(const QString& reason) const override;
    QJsonObject videoOf(const QJsonObject& item) const override;
    QVariant extraData(const QJsonObject& item, int role) const override;
    QHash<int, QByteArray> extraRoleNames() const override;

private:
    void readPlaylist(const QString& path);
    void removeAndShift(const QString& video_id);
    // Gives the rows first..last the positions they held before a move, in ascending order (the moved item
    // takes its target's place, the others shift by one).
    void renumber(int first, int last);

    QJsonObject m_playlist;
    int m_serial = 0; // playlist reads from before the last open()/close() are dropped
};

} // namespace fc::ui
