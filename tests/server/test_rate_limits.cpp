// Rate limits on the real framecastd: token buckets per route group and subject (user, else IP), 429 with
// Retry-After and the error envelope, unlimited health checks, login attempts and WebSocket upgrades.
#include <QTcpSocket>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::TestServer;

namespace {

// Checks a refusal: 429, the envelope code, a whole-second Retry-After in [1, max_retry_s], the limit header.
void verifyRefused(const ApiReply& reply, int64_t max_retry_s, int64_t limit) {
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.errorCode(), std::string("rate_limited"));
    QVERIFY(!reply.json["error"].value("message", "").empty());
    const auto retryAfter = reply.raw.header("Retry-After");
    QVERIFY(retryAfter.has_value());
    const int64_t seconds = std::stoll(*retryAfter);
    QVERIFY2(seconds >= 1 && seconds <= max_retry_s, retryAfter->c_str());
    QCOMPARE(*reply.raw.header("RateLimit-Limit"), std::to_string(limit));
}

// The status line code of a WebSocket upgrade request (101 when accepted), plus the headers and body.
struct UpgradeReply {
    int status = 0;
    QByteArray head;
    QByteArray body;
};

UpgradeReply upgrade(const TestServer& server, const std::string& token = {}) {
    QTcpSocket socket;
    socket.connectToHost("127.0.0.1", server.port());
    UpgradeReply reply;
    if (!socket.waitForConnected(3000))
        return reply;
    QByteArray request = "GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n";
    if (!token.empty())
        request += QByteArray::fromStdString("Authorization: Bearer " + token + "\r\n");
    socket.write(request + "\r\n");
    QByteArray data;
    while (!data.contains("\r\n\r\n") && socket.waitForReadyRead(3000))
        data += socket.readAll();
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    reply.head = data.left(end);
    reply.body = data.mid(end + 4);
    reply.status = reply.head.mid(9, 3).toInt();
    if (reply.status != 101)
        while (socket.waitForReadyRead(1000))
            reply.body += socket.readAll();
    return reply;
}

std::optional<std::string> headerOf(const QByteArray& head, const QByteArray& name) {
    for (const QByteArray& line : head.split('\n'))
        if (line.toLower().startsWith(name.toLower() + ":"))
            return line.mid(name.size() + 1).trimmed().toStdString();
    return std::nullopt;
}

} // namespace

class TestRateLimits : public QObject {
    Q_OBJECT
private slots:
    void metadataReadsAreLimitedPerSubject() {
        TestServer server({"--rate-limits", "metadata=3/min,auth=0"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        const auto alice = api.signUp("rlalice");
        const auto bob = api.signUp("rlbob");
        QVERIFY(alice && bob);
        const std::string path = "/api/v1/videos/" + fc::newId();

        // Anonymous (this IP): three answers from the handler (404: no such video), then 429.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(api.get(path).status, 404);
        verifyRefused(api.get(path), 20, 3);
        // A user is their own subject, however many anonymous requests came from the same address.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(api.get(path, alice->access_token).status, 404);
        verifyRefused(api.get(path, alice->access_token), 20, 3);
        QCOMPARE(api.get(path, bob->access_token).status, 404);
        // Other groups are untouched.
        QCOMPARE(api.get("/healthz").status, 200);
        // Still refused a moment later: one token takes 20 s to come back.
        verifyRefused(api.get(path), 20, 3);
        QVERIFY(server.terminate());
    }

    void healthIsNeverLimited() {
        TestServer server({"--rate-limits",
                           "auth=1/min,search=1/min,metadata=1/min,playback=1/min,events=1/min,uploads=1/min,"
                           "writes=1/min,realtime=1/min"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(api.get("/healthz").status, 200);
        QCOMPARE(api.get("/metrics").status, 200);
        QVERIFY(server.terminate());
    }

    void loginAttemptsAreLimited() {
        TestServer server({"--rate-limits", "auth=5/min"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        const auto user = api.signUp("rllogin", "the right password 1"); // takes one token
        QVERIFY(user);
        const auto login = [&](const std::string& password) {
            return api.call("POST", "/api/v1/auth/login", {},
                            nlohmann::json{{"username_or_email", user->username}, {"password", password}});
        };
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login("guess number " + std::to_string(i)).status, 401);
        // Out of attempts: even the right password is refused until a token comes back (one per 12 s).
        const ApiReply refused = login("the right password 1");
        verifyRefused(refused, 12, 5);
        QCOMPARE(api.call("POST", "/api/v1/auth/register", {},
                          nlohmann::json{{"username", "rllate"},
                                         {"email", "rllate@example.test"},
                                         {"password", "another password 2"}})
                     .status,
                 429);
        // The signed-in user can still use the rest of the API.
        QCOMPARE(api.get("/api/v1/users/me", user->access_token).status, 200);
        const auto metrics = api.get("/metrics");
        QVERIFY(metrics.raw.body.find("framecast_rate_limited_total") != std::string::npos);
        QVERIFY(server.terminate());
    }

    void webSocketUpgradesAreLimitedPerSubject() {
        TestServer server({"--rate-limits", "realtime=3/min,auth=0"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        const auto alice = api.signUp("rlws");
        QVERIFY(alice);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(upgrade(server).status, 101);
        const UpgradeReply refused = upgrade(server);
        QCOMPARE(refused.status, 429);
        const auto retryAfter = headerOf(refused.head, "Retry-After");
        QVERIFY(retryAfter && std::stoll(*retryAfter) >= 1 && std::stoll(*retryAfter) <= 20);
        QCOMPARE(nlohmann::json::parse(refused.body.toStdString(), nullptr, false)["error"].value("code", ""),
                 std::string("rate_limited"));
        // The signed-in user's upgrades count against their own bucket.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(upgrade(server, alice->access_token).status, 101);
        QCOMPARE(upgrade(server, alice->access_token).status, 429);
        QVERIFY(server.terminate());
    }

    void malformedRateLimitFlagIsRejected() {
        TestServer server({"--rate-limits", "metadata=lots"});
        QVERIFY(!server.start(5000));
        QVERIFY(server.log().contains("rate limit"));
    }
};

QTEST_GUILESS_MAIN(TestRateLimits)
#include "test_rate_limits.moc"
