#include "ui/library/channel_names.h"

#include "ui/api/api_client.h"
#include "ui/library/library_text.h"

namespace fc::ui {

ChannelNames::ChannelNames(ApiClient& api, QObject* parent) : QObject(parent), m_api(api) {}

void ChannelNames::remember(const QString& channel_id, const QString& name) {
    if (channel_id.isEmpty() || name.isEmpty() || m_names.value(channel_id) == name)
        return;
    m_names.insert(channel_id, name);
    emit named(channel_id);
}

void ChannelNames::resolve(const QStringList& channel_ids) {
    for (const QString& id : channel_ids) {
        if (id.isEmpty() || m_names.contains(id) || m_pending.contains(id))
            continue;
        m_pending.insert(id);
        m_api.get(apiPath(QStringLiteral("/api/v1/channels/%1"), id), this,
                  [this, id](const ApiResult& result) {
                      m_pending.remove(id);
                      // A failed read is asked again the next time a list shows the channel.
                      if (result.ok())
                          remember(id, result.object().value(QStringLiteral("name")).toString());
                  });
    }
}

} // namespace fc::ui
