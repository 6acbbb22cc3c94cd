#include "ui/discovery/channel_videos_model.h"

#include "ui/library/library_text.h"

namespace fc::ui {

ChannelVideosModel::ChannelVideosModel(ApiClient& api, QObject* parent)
    : DiscoveryVideoModel(api, ItemShape::Video, parent) {}

void ChannelVideosModel::setChannel(const QString& channel_id) {
    if (channel_id != m_channelId) {
        m_channelId = channel_id;
        removeAll(); // another channel's videos never show under this one, even if its list fails
        emit channelIdChanged();
        if (m_sort != QLatin1String("newest")) {
            m_sort = QStringLiteral("newest");
            emit sortChanged();
        }
    }
    refresh(); // also when it is the same channel: opening it again shows what is new
}

void ChannelVideosModel::setSort(const QString& sort) {
    const bool known = sort == QLatin1String("newest") || sort == QLatin1String("popular") ||
                       sort == QLatin1String("oldest");
    if (!known || sort == m_sort)
        return;
    m_sort = sort;
    emit sortChanged();
    refresh();
}

QString ChannelVideosModel::listPath() const {
    if (m_channelId.isEmpty())
        return {};
    return apiPath(QStringLiteral("/api/v1/channels/%1/videos"), m_channelId) + QStringLiteral("?sort=") +
           m_sort;
}

QString ChannelVideosModel::loadErrorText(const QString& reason) const {
    return tr("Could not load the channel's videos: %1").arg(reason);
}

} // namespace fc::ui
