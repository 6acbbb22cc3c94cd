#pragma once
// The user's playlists (GET /api/v1/users/me/playlists, docs/API.md §16): Watch later first, then by last
// update; creating, renaming, changing visibility and deleting. Rows change when the server confirms; a
// refusal (e.g. renaming Watch later) becomes errorMessage.
#include <QtQml/qqmlregistration.h>

#include "ui/models/json_list_model.h"

namespace fc::ui {

class PlaylistsModel : public fc::ui::JsonListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PlaylistsModel belongs to App.library")
public:
    enum Role {
        PlaylistIdRole = Qt::UserRole + 1,
        KindRole, // "playlist" or "watch_later"
        IsWatchLaterRole,
        TitleRole,
        DescriptionRole,
        VisibilityRole,
        ItemCountRole,
        ItemCountTextRole, // "3 videos"
        ThumbnailUrlRole,  // the first visible item's, through the image provider; empty when none
        UpdatedAtRole,
    };
    Q_ENUM(Role)

    explicit PlaylistsModel(ApiClient& api, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // visibility: "private" (the default), "unlisted" or "public". The new one is listed after Watch later.
    Q_INVOKABLE void create(const QString& title, const QString& visibility = QStringLiteral("private"));
    Q_INVOKABLE void rename(const QString& playlist_id, const QString& title);
    Q_INVOKABLE void setVisibility(const QString& playlist_id, const QString& visibility);
    Q_INVOKABLE void remove(const QString& playlist_id);
    // A playlist object from the server (an answer elsewhere, e.g. after adding an item): updates its row.
    void applyPlaylist(const QJsonObject& playlist);
    QString titleOf(const QString& playlist_id) const;

signals:
    void playlistCreated(const QString& playlist_id);
    void playlistRemoved(const QString& playlist_id);
    void playlistUpdated(const QJsonObject& playlist); // renamed, visibility changed

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/users/me/playlists"); }
    QString itemKey(const QJsonObject& item) const override;
    QString loadErrorText(const QString& reason) const override;

private:
    void patch(const QString& playlist_id, const QJsonObject& fields, const QString& failure);
};

} // namespace fc::ui
