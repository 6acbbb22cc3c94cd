#pragma once
// The app's one WebSocket to framecastd (/api/v1/ws): topics are followed by name and re-subscribed after
// every reconnect (with backoff), so models just say what they follow and handle events. Several models may
// follow one topic (an upload and My videos both follow a video's status): each subscribe is counted, and the
// server is told to stop only when the last follower unsubscribes.
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class RealtimeClient : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RealtimeClient belongs to App")
    Q_PROPERTY(bool connected READ connected NOTIFY connectedChanged)
public:
    explicit RealtimeClient(QObject* parent = nullptr);

    bool connected() const { return m_connected; }
    // (Re)connects to the server's /api/v1/ws with this access token (empty: anonymous).
    void open(const QUrl& server_url, const QString& access_token);
    void close();

    void subscribe(const QString& topic);   // one more follower
    void unsubscribe(const QString& topic); // one follower fewer
    QSet<QString> topics() const;

signals:
    void connectedChanged();
    // An event on a followed topic, e.g. ("video:abc:status", "processing_progress", {...}).
    void eventReceived(const QString& topic, const QString& type, const QJsonObject& data);
    // The server granted a subscription (also after each reconnect): events flow from here on, so this is
    // when to read the current state (events are not replayed).
    void subscribed(const QString& topic);
    // The server dropped a topic (access revoked, or refused at subscribe).
    void topicLost(const QString& topic, const QString& reason);

private:
    void connectSocket();
    void onMessage(const QString& text);
    void send(const QString& type, const QString& topic);
    void scheduleReconnect();

    QWebSocket m_socket;
    QTimer m_reconnectTimer;
    QUrl m_serverUrl;
    QString m_token;
    QHash<QString, int> m_topics; // followers per topic
    bool m_connected = false;
    bool m_wanted = false;
    int m_backoff_ms = 500;
};

} // namespace fc::ui
