#pragma once
// A test WebSocket client for framecastd's /api/v1/ws that keeps every frame the server sends, in order.
#include <QSignalSpy>
#include <QWebSocket>
#include <QtTest>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/test_server.h"

namespace fc::test {

using nlohmann::json;
constexpr int kWsWait_ms = 5000;

enum class TokenPlacement { Header, Query };

// One WebSocket client that keeps every frame the server sends, in order.
class WsClient {
public:
    WsClient() {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString& text) {
            m_frames.push_back(json::parse(text.toStdString(), nullptr, false));
        });
    }

    bool open(const TestServer& server, const std::string& token = {},
              TokenPlacement placement = TokenPlacement::Header) {
        std::string url = "ws://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/ws";
        if (!token.empty() && placement == TokenPlacement::Query)
            url += "?access_token=" + token;
        QNetworkRequest request(QUrl(QString::fromStdString(url)));
        if (!token.empty() && placement == TokenPlacement::Header)
            request.setRawHeader("Authorization", QByteArray::fromStdString("Bearer " + token));
        QSignalSpy failed(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
        m_socket.open(request);
        (void)QTest::qWaitFor(
            [&] { return m_socket.state() == QAbstractSocket::ConnectedState || !failed.isEmpty(); },
            kWsWait_ms);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }

    void send(const json& message) { sendText(QString::fromStdString(message.dump())); }
    void sendText(const QString& text) { m_socket.sendTextMessage(text); }

    // The next frame not yet taken, waiting up to timeout_ms.
    std::optional<json> next(int timeout_ms = kWsWait_ms) {
        (void)QTest::qWaitFor([&] { return m_taken < m_frames.size(); }, timeout_ms);
        if (m_taken >= m_frames.size())
            return std::nullopt;
        return m_frames[m_taken++];
    }

    // Waits for the first untaken frame of this type and topic; frames before it are taken too.
    std::optional<json> waitFor(const std::string& type, const std::string& topic,
                                int timeout_ms = kWsWait_ms) {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeout_ms) {
            auto frame = next(static_cast<int>(timeout_ms - timer.elapsed()));
            if (!frame)
                return std::nullopt;
            if (frame->value("type", "") == type && frame->value("topic", "") == topic)
                return frame;
        }
        return std::nullopt;
    }

    // Subscribes and returns the server's answer for this topic ("subscribed" or "error").
    json subscribe(const std::string& topic) {
        send({{"type", "subscribe"}, {"topic", topic}});
        while (auto frame = next()) {
            if (frame->value("topic", "") == topic &&
                (frame->value("type", "") == "subscribed" || frame->value("type", "") == "error"))
                return *frame;
        }
        return json{{"type", "timeout"}};
    }

    // Every frame of this type received so far (taken or not).
    std::vector<json> all(const std::string& type) const {
        std::vector<json> found;
        for (const json& frame : m_frames)
            if (frame.is_object() && frame.value("type", "") == type)
                found.push_back(frame);
        return found;
    }

    bool quietFor(int ms) {
        const size_t before = m_frames.size();
        QTest::qWait(ms);
        return m_frames.size() == before;
    }

    QWebSocket& socket() { return m_socket; }

private:
    QWebSocket m_socket;
    std::vector<json> m_frames;
    size_t m_taken = 0;
};

} // namespace fc::test
