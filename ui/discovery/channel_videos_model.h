#pragma once
// A channel's listed videos (GET /api/v1/channels/<id>/videos, docs/API.md §5 and §17) as cards, by sort:
// "newest" (the default), "popular" (most viewed first) or "oldest". Changing the channel or the sort reads
// the list again.
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/discovery_video_model.h"

namespace fc::ui {

class ChannelVideosModel : public fc::ui::DiscoveryVideoModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChannelVideosModel belongs to App.browse")
    Q_PROPERTY(QString channelId READ channelId NOTIFY channelIdChanged)
    Q_PROPERTY(QString sort READ sort WRITE setSort NOTIFY sortChanged)
public:
    explicit ChannelVideosModel(ApiClient& api, QObject* parent = nullptr);

    QString channelId() const { return m_channelId; }
    // Another channel starts at its newest videos (the previous one's rows go at once); "" empties the list.
    void setChannel(const QString& channel_id);
    QString sort() const { return m_sort; }
    // "newest", "popular" or "oldest"; anything else is ignored.
    void setSort(const QString& sort);

    // The route with its query, as the next request sends it (before limit and cursor); "" for no channel.
    QString requestPath() const { return listPath(); }

signals:
    void channelIdChanged();
    void sortChanged();

protected:
    QString listPath() const override;
    QString loadErrorText(const QString& reason) const override;

private:
    QString m_channelId;
    QString m_sort = QStringLiteral("newest");
};

} // namespace fc::ui
