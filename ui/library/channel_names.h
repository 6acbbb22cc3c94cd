#pragma once
// Channel names for the library's video cards. The server's video object carries only channel_id, so names
// are read once per channel (GET /api/v1/channels/<id>, public) and kept for the app's lifetime; lists that
// already know channels (the subscriptions list) hand their names in directly.
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace fc::ui {

class ApiClient;

class ChannelNames : public QObject {
    Q_OBJECT
public:
    ChannelNames(ApiClient& api, QObject* parent = nullptr);

    QString name(const QString& channel_id) const { return m_names.value(channel_id); } // empty until known
    void remember(const QString& channel_id, const QString& name);
    // Reads the names not known yet (each channel once, however often it is asked for).
    void resolve(const QStringList& channel_ids);

signals:
    void named(const QString& channel_id);

private:
    ApiClient& m_api;
    QHash<QString, QString> m_names;
    QSet<QString> m_pending;
};

} // namespace fc::ui
