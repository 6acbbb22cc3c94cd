#include "ui/realtime/realtime_client.h"

#include <QJsonDocument>
#include <QNetworkRequest>

#include <algorithm>

namespace fc::ui {
namespace {
constexpr int kMaxBackoffMs = 30000;
}

RealtimeClient::RealtimeClient(QObject* parent) : QObject(parent) {
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RealtimeClient::connectSocket);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_connected = true;
        m_backoff_ms = 500;
        emit connectedChanged();
        for (auto topic = m_topics.keyBegin(); topic != m_topics.keyEnd(); ++topic)
            send(QStringLiteral("subscribe"), *topic);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_connected) {
            m_connected = false;
            emit connectedChanged();
        }
        if (m_wanted)
            scheduleReconnect();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::onMessage);
}

void RealtimeClient::open(const QUrl& server_url, const QString& access_token) {
    m_serverUrl = server_url;
    m_token = access_token;
    m_wanted = true;
    m_reconnectTimer.stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort(); // disconnected → reconnect is scheduled; connect now instead
    connectSocket();
}

void RealtimeClient::close() {
    m_wanted = false;
    m_reconnectTimer.stop();
    // A close frame needs an open connection; one still connecting (or waiting to reconnect) is dropped.
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.close();
    else
        m_socket.abort();
}

void RealtimeClient::connectSocket() {
    if (!m_wanted || m_socket.state() != QAbstractSocket::UnconnectedState)
        return;
    QUrl url = m_serverUrl;
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/ws"));
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    m_socket.open(request);
}

void RealtimeClient::scheduleReconnect() {
    m_reconnectTimer.start(m_backoff_ms);
    m_backoff_ms = std::min(kMaxBackoffMs, m_backoff_ms * 2);
}

QSet<QString> RealtimeClient::topics() const {
    return QSet<QString>(m_topics.keyBegin(), m_topics.keyEnd());
}

void RealtimeClient::subscribe(const QString& topic) {
    if (++m_topics[topic] > 1)
        return; // followed already: the new follower shares the subscription (and its events)
    if (m_connected)
        send(QStringLiteral("subscribe"), topic);
}

void RealtimeClient::unsubscribe(const QString& topic) {
    const auto it = m_topics.find(topic);
    if (it == m_topics.end() || --it.value() > 0)
        return;
    m_topics.erase(it);
    if (m_connected)
        send(QStringLiteral("unsubscribe"), topic);
}

void RealtimeClient::send(const QString& type, const QString& topic) {
    const QJsonObject message{{QStringLiteral("type"), type}, {QStringLiteral("topic"), topic}};
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void RealtimeClient::onMessage(const QString& text) {
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QStringLiteral("type")).toString();
    const QString topic = message.value(QStringLiteral("topic")).toString();
    const QJsonObject data = message.value(QStringLiteral("data")).toObject();
    if (type == QLatin1String("subscribed")) {
        if (m_topics.contains(topic))
            emit subscribed(topic);
        return;
    }
    if (type == QLatin1String("pong"))
        return;
    if (type == QLatin1String("unsubscribed")) {
        if (data.contains(QStringLiteral("reason")) && m_topics.remove(topic))
            emit topicLost(topic, data.value(QStringLiteral("reason")).toString());
        return;
    }
    if (type == QLatin1String("error")) {
        if (!topic.isEmpty() && m_topics.remove(topic))
            emit topicLost(topic, data.value(QStringLiteral("code")).toString());
        return;
    }
    emit eventReceived(topic, type, data);
}

} // namespace fc::ui
