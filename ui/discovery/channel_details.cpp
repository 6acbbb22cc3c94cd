#include "ui/discovery/channel_details.h"

#include "ui/api/api_client.h"
#include "ui/discovery/discovery_text.h"
#include "ui/library/library_text.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {

ChannelDetails::ChannelDetails(ApiClient& api, QObject* parent) : QObject(parent), m_api(api) {}

QString ChannelDetails::text(const char* field) const {
    return m_channel.value(QLatin1String(field)).toString();
}

QString ChannelDetails::handleText() const {
    const QString value = handle();
    return value.isEmpty() ? QString() : QStringLiteral("@") + value;
}

QUrl ChannelDetails::avatarUrl() const {
    return apiImageUrl(text("avatar_url"));
}

QUrl ChannelDetails::bannerUrl() const {
    return apiImageUrl(text("banner_url"));
}

qint64 ChannelDetails::subscriberCount() const {
    return m_channel.value(QStringLiteral("subscriber_count")).toInteger();
}

QString ChannelDetails::subscribersText() const {
    return loaded() ? compactSubscribersText(subscriberCount()) : QString();
}

qint64 ChannelDetails::videoCount() const {
    return m_channel.value(QStringLiteral("video_count")).toInteger();
}

QString ChannelDetails::videoCountText() const {
    return loaded() ? fc::ui::videoCountText(videoCount()) : QString();
}

void ChannelDetails::open(const QString& channel_id) {
    if (channel_id != m_channelId) {
        m_channelId = channel_id;
        m_channel = {};
        emit channelChanged();
    }
    refresh();
}

void ChannelDetails::refresh() {
    const int generation = ++m_generation;
    setError({});
    if (m_channelId.isEmpty()) {
        setLoading(false);
        return;
    }
    setLoading(true);
    m_api.get(apiPath(QStringLiteral("/api/v1/channels/%1"), m_channelId), this,
              [this, generation](const ApiResult& result) {
                  if (generation != m_generation)
                      return;
                  setLoading(false);
                  if (!result.ok()) {
                      setError(tr("Could not load the channel: %1").arg(ApiClient::describe(result.error)));
                      return;
                  }
                  m_channel = result.object();
                  emit channelChanged();
              });
}

void ChannelDetails::clearError() {
    setError({});
}

void ChannelDetails::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void ChannelDetails::setError(const QString& message) {
    if (message == m_error)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
