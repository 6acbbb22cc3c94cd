#pragma once
// A list of videos shown as cards (the subscriptions feed, history, a playlist's items, discovery lists): the
// roles of a card from the server's video object (docs/API.md §6), which carries its channel's name.
// Subclasses say where an item's video object is (the item itself, or its "video" field) and add their own
// roles.
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QtQml/qqmlregistration.h>

#include "ui/models/json_list_model.h"

namespace fc::ui {

class VideoListModel : public fc::ui::JsonListModel {
    Q_OBJECT
    QML_ANONYMOUS
public:
    enum Role {
        VideoIdRole = Qt::UserRole + 1,
        TitleRole,
        ChannelIdRole,
        ChannelNameRole,
        ViewsRole,
        ViewsTextRole,   // "1,234 views"
        PublishedAtRole, // published_at, or created_at for a video never published
        AgeTextRole,     // "3 days ago"
        DurationMsRole,  // -1 when unknown
        DurationTextRole,
        ThumbnailUrlRole, // image://framecast/api/v1/... (api_image_provider.h), empty when none
        VisibilityRole,
        PlayableRole,
        FirstExtraRole // subclasses' roles start here
    };
    Q_ENUM(Role)

    VideoListModel(ApiClient& api, QObject* parent);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The video object of a row.
    QJsonObject videoAt(int row) const { return videoOf(item(row)); }
    int rowOfVideo(const QString& video_id) const { return rowOfKey(video_id); }
    QStringList videoIds() const;

protected:
    // The item's video object: the item itself unless the list wraps it.
    virtual QJsonObject videoOf(const QJsonObject& item) const { return item; }
    virtual QVariant extraData(const QJsonObject& item, int role) const;
    virtual QHash<int, QByteArray> extraRoleNames() const { return {}; }

    QString itemKey(const QJsonObject& item) const override;
};

} // namespace fc::ui
