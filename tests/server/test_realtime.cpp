// The realtime WebSocket at /api/v1/ws against the real framecastd: who may follow which topic, the message
// protocol, limits, clean-up of departed clients, and events from real uploads reaching their subscribers.
#include <QSignalSpy>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "tests/support/ws_client.h"

using fc::test::ApiClient;
using fc::test::SignedUpUser;
using fc::test::TestServer;
using fc::test::TokenPlacement;
using fc::test::WsClient;
using nlohmann::json;

namespace {

constexpr int kWait_ms = 5000;

std::string errorCodeOf(const json& frame) {
    if (frame.value("type", "") != "error" || !frame.contains("data") || !frame["data"].is_object())
        return "<not an error: " + frame.dump() + ">";
    return frame["data"].value("code", "");
}

// Video rows go straight into the server's SQLite file (WAL mode, so this works while it runs): the
// realtime layer reads visibility from there, whoever created the row.
class VideoRows {
public:
    explicit VideoRows(const TestServer& server) {
        const QByteArray path = (server.dataDir() + "/framecast.sqlite").toUtf8();
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            sqlite3_close(m_db);
            m_db = nullptr;
            return;
        }
        sqlite3_busy_timeout(m_db, 10000);
    }
    ~VideoRows() { sqlite3_close(m_db); }
    VideoRows(const VideoRows&) = delete;
    VideoRows& operator=(const VideoRows&) = delete;

    // A new video owned by user; "" on failure.
    std::string insert(const SignedUpUser& owner, const std::string& visibility) {
        if (!m_db)
            return {};
        const std::string id = fc::newId();
        sqlite3_stmt* statement = nullptr;
        const char* sql =
            "INSERT INTO videos (id, channel_id, owner_id, title, visibility, status, created_at, "
            "updated_at) VALUES (?, ?, ?, 'realtime test', ?, 'ready', 1700000000000, 1700000000000)";
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            return {};
        sqlite3_bind_text(statement, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 2, owner.channel_id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 3, owner.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 4, visibility.c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(statement);
        sqlite3_finalize(statement);
        return rc == SQLITE_DONE ? id : std::string();
    }

    bool exec(const std::string& sql) {
        return m_db && sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    }

private:
    sqlite3* m_db = nullptr;
};

std::string statusTopic(const std::string& video_id) {
    return "video:" + video_id + ":status";
}

struct RawReply {
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// A hand-written upgrade request, to see the HTTP answer a refused upgrade gets.
RawReply rawUpgrade(quint16 port, const QByteArray& target, const QByteArray& extraHeaders = {}) {
    QTcpSocket socket;
    socket.connectToHost("127.0.0.1", port);
    RawReply reply;
    if (!socket.waitForConnected(3000))
        return reply;
    socket.write("GET " + target +
                 " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
                 extraHeaders + "\r\n");
    QByteArray data;
    while (!data.contains("\r\n\r\n") && socket.waitForReadyRead(3000))
        data += socket.readAll();
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    reply.head = data.left(end);
    reply.body = data.mid(end + 4);
    reply.status = reply.head.mid(9, 3).toInt();
    static const QRegularExpression kLength("(?i)content-length:\\s*(\\d+)");
    const auto match = kLength.match(QString::fromLatin1(reply.head));
    const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    while (reply.body.size() < length && socket.waitForReadyRead(3000))
        reply.body += socket.readAll();
    return reply;
}

// A gauge from /metrics, or -1.
double gauge(ApiClient& api, const std::string& name) {
    const auto reply = api.get("/metrics");
    const std::string& text = reply.raw.body;
    const std::string prefix = "\n" + name + " ";
    const size_t at = text.find(prefix);
    if (at == std::string::npos)
        return -1;
    return std::stod(text.substr(at + prefix.size()));
}

} // namespace

class TestRealtime : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        auto owner = api.signUp("rtowner");
        auto other = api.signUp("rtother");
        QVERIFY2(owner && other, "registration failed; realtime tests need POST /api/v1/auth/register");
        m_owner = *owner;
        m_other = *other;
        VideoRows rows(m_server);
        m_publicVideo = rows.insert(m_owner, "public");
        m_unlistedVideo = rows.insert(m_owner, "unlisted");
        m_privateVideo = rows.insert(m_owner, "private");
        QVERIFY(!m_publicVideo.empty() && !m_unlistedVideo.empty() && !m_privateVideo.empty());
        m_clip = fc::test::makeClip(m_media.path(), fc::test::sharedMedia("big_buck_bunny.mp4"), 30, 2, {},
                                    "realtime.mp4");
        QVERIFY2(!m_clip.isEmpty(), "ffmpeg could not cut the test clip");
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void anonymousFollowsPublicAndUnlistedVideos() {
        WsClient client;
        QVERIFY(client.open(m_server));
        for (const auto& video : {m_publicVideo, m_unlistedVideo}) {
            const json answer = client.subscribe(statusTopic(video));
            QCOMPARE(answer.value("type", ""), std::string("subscribed"));
            QVERIFY(answer["data"].is_object());
        }
        QCOMPARE(client.subscribe("video:" + m_publicVideo + ":comments").value("type", ""),
                 std::string("subscribed"));
    }

    void anonymousCannotFollowAPrivateVideo() {
        WsClient client;
        QVERIFY(client.open(m_server));
        const json answer = client.subscribe(statusTopic(m_privateVideo));
        QCOMPARE(errorCodeOf(answer), std::string("topic_not_found"));
        QVERIFY(!answer["data"].value("message", "").empty());
    }

    void ownerFollowsTheirPrivateVideoWithHeaderOrQueryToken() {
        for (const auto placement : {TokenPlacement::Header, TokenPlacement::Query}) {
            WsClient client;
            QVERIFY(client.open(m_server, m_owner.access_token, placement));
            QCOMPARE(client.subscribe(statusTopic(m_privateVideo)).value("type", ""),
                     std::string("subscribed"));
        }
    }

    void anotherUserCannotFollowAPrivateVideoAndLearnsNothing() {
        WsClient client;
        QVERIFY(client.open(m_server, m_other.access_token));
        const json hidden = client.subscribe(statusTopic(m_privateVideo));
        const json missing = client.subscribe(statusTopic(fc::newId()));
        QCOMPARE(errorCodeOf(hidden), std::string("topic_not_found"));
        QCOMPARE(errorCodeOf(missing), std::string("topic_not_found"));
        // A private video and one that does not exist look alike, apart from the topic echoed back.
        QCOMPARE(QString::fromStdString(hidden["data"].value("message", ""))
                     .remove(QString::fromStdString(hidden.value("topic", ""))),
                 QString::fromStdString(missing["data"].value("message", ""))
                     .remove(QString::fromStdString(missing.value("topic", ""))));
        QCOMPARE(client.subscribe(statusTopic(m_publicVideo)).value("type", ""), std::string("subscribed"));
    }

    void notificationsAreForTheirUserOnly() {
        const std::string topic = "user:" + m_owner.id + ":notifications";
        WsClient owner;
        QVERIFY(owner.open(m_server, m_owner.access_token));
        QCOMPARE(owner.subscribe(topic).value("type", ""), std::string("subscribed"));
        WsClient other;
        QVERIFY(other.open(m_server, m_other.access_token));
        QCOMPARE(errorCodeOf(other.subscribe(topic)), std::string("topic_not_found"));
        WsClient anonymous;
        QVERIFY(anonymous.open(m_server));
        QCOMPARE(errorCodeOf(anonymous.subscribe(topic)), std::string("auth_required"));
    }

    void aSignedOutConnectionCannotFollowMore() {
        ApiClient api(m_server);
        const auto login =
            api.call("POST", "/api/v1/auth/login", {},
                     json{{"username_or_email", m_other.username}, {"password", "correct horse battery"}});
        QCOMPARE(login.status, 200);
        const std::string token = login.json.value("access_token", "");
        WsClient client;
        QVERIFY(client.open(m_server, token));
        QCOMPARE(client.subscribe(statusTopic(m_publicVideo)).value("type", ""), std::string("subscribed"));
        QCOMPARE(api.call("POST", "/api/v1/auth/logout", token).status, 204);
        QCOMPARE(errorCodeOf(client.subscribe(statusTopic(m_unlistedVideo))), std::string("invalid_token"));
        // The other session of the same user is unaffected.
        WsClient still;
        QVERIFY(still.open(m_server, m_other.access_token));
        QCOMPARE(still.subscribe(statusTopic(m_unlistedVideo)).value("type", ""), std::string("subscribed"));
    }

    void unknownTopicShapesAreErrors() {
        WsClient client;
        QVERIFY(client.open(m_server, m_owner.access_token));
        const std::vector<std::string> topics = {
            "video:" + m_publicVideo,
            "video:" + m_publicVideo + ":secrets",
            "video:" + m_publicVideo + ":status:extra",
            "channel:" + m_owner.channel_id + ":status",
            "video::status",
            "user:" + m_owner.id + ":settings",
            "user::notifications",
            "video:" + std::string(500, 'a') + ":status",
            ":::",
        };
        for (const auto& topic : topics) {
            const json answer = client.subscribe(topic);
            QVERIFY2(answer.value("type", "") == "error", topic.c_str());
            QCOMPARE(errorCodeOf(answer), std::string("topic_not_found"));
        }
        client.send({{"type", "subscribe"}});
        auto noTopic = client.next();
        QVERIFY(noTopic);
        QCOMPARE(errorCodeOf(*noTopic), std::string("invalid_message"));
    }

    void invalidTokenOnUpgradeIs401() {
        const RawReply header =
            rawUpgrade(m_server.port(), "/api/v1/ws", "Authorization: Bearer not-a-real-token\r\n");
        QCOMPARE(header.status, 401);
        QCOMPARE(json::parse(header.body.toStdString(), nullptr, false)["error"].value("code", ""),
                 std::string("invalid_token"));
        const RawReply query = rawUpgrade(m_server.port(), "/api/v1/ws?access_token=nope");
        QCOMPARE(query.status, 401);
        QVERIFY(query.body.contains("invalid_token"));
        const RawReply malformed =
            rawUpgrade(m_server.port(), "/api/v1/ws", "Authorization: Basic Zm9vOmJhcg==\r\n");
        QCOMPARE(malformed.status, 401);
        // The same request with a good token is upgraded.
        const RawReply good =
            rawUpgrade(m_server.port(), "/api/v1/ws",
                       QByteArray::fromStdString("Authorization: Bearer " + m_owner.access_token + "\r\n"));
        QCOMPARE(good.status, 101);
        QVERIFY(good.head.toLower().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="));
        // And a real client with a bad token never connects.
        WsClient client;
        QVERIFY(!client.open(m_server, "not-a-real-token"));
    }

    void upgradeElsewhereIs404() {
        const RawReply reply = rawUpgrade(m_server.port(), "/api/v1/elsewhere");
        QCOMPARE(reply.status, 404);
    }

    void pingIsAnsweredWithPong() {
        WsClient client;
        QVERIFY(client.open(m_server));
        client.send({{"type", "ping"}, {"data", {{"n", 7}}}});
        auto pong = client.next();
        QVERIFY(pong);
        QCOMPARE(pong->value("type", ""), std::string("pong"));
        QCOMPARE((*pong)["data"].value("n", 0), 7);
        client.send({{"type", "ping"}});
        auto second = client.next();
        QVERIFY(second);
        QCOMPARE(second->value("type", ""), std::string("pong"));
    }

    void malformedMessagesGetErrorsAndTheConnectionStaysUsable() {
        WsClient client;
        QVERIFY(client.open(m_server));
        for (const QString& text :
             {QString("not json"), QString("[1,2,3]"), QString("{\"type\":5}"), QString("{}"),
              QString("{\"type\":\"dance\"}"), QString("{\"type\":\"subscribe\",\"topic\":5}"),
              QString("{\"type\":\"subscribe\",\"topic\":\"vid")}) {
            client.sendText(text);
            auto answer = client.next();
            QVERIFY2(answer, qPrintable(text));
            QCOMPARE(errorCodeOf(*answer), std::string("invalid_message"));
        }
        QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(client.subscribe(statusTopic(m_publicVideo)).value("type", ""), std::string("subscribed"));
    }

    void oversizedMessageClosesTheConnection() {
        WsClient client;
        QVERIFY(client.open(m_server));
        QSignalSpy closed(&client.socket(), &QWebSocket::disconnected);
        client.sendText(QString(100 * 1024, 'x'));
        QVERIFY(closed.wait(kWait_ms));
        WsClient after;
        QVERIFY(after.open(m_server));
    }

    void unsubscribeIsAcknowledgedAndIdempotent() {
        WsClient client;
        QVERIFY(client.open(m_server));
        const std::string topic = statusTopic(m_publicVideo);
        QCOMPARE(client.subscribe(topic).value("type", ""), std::string("subscribed"));
        QCOMPARE(client.subscribe(topic).value("type", ""), std::string("subscribed")); // again: still one
        for (int i = 0; i < 2; ++i) {
            client.send({{"type", "unsubscribe"}, {"topic", topic}});
            QVERIFY(client.waitFor("unsubscribed", topic));
        }
    }

    void manyTopicsUpToTheLimit() {
        // 257 public videos in one transaction; a connection may follow 256 topics.
        VideoRows rows(m_server);
        QVERIFY(rows.exec("BEGIN"));
        std::vector<std::string> videos;
        for (int i = 0; i < 257; ++i)
            videos.push_back(rows.insert(m_other, "public"));
        QVERIFY(rows.exec("COMMIT"));
        QVERIFY(std::none_of(videos.begin(), videos.end(), [](const auto& id) { return id.empty(); }));

        ApiClient api(m_server);
        QTRY_COMPARE(gauge(api, "framecast_realtime_subscriptions"), 0.0); // earlier tests' clients are gone
        WsClient client;
        QVERIFY(client.open(m_server));
        // Pipelined: all 256 requests go out before any answer is read.
        for (int i = 0; i < 256; ++i)
            client.send({{"type", "subscribe"}, {"topic", statusTopic(videos[i])}});
        // Checks run in parallel on the worker pool, so the answers come in any order.
        std::set<std::string> subscribed;
        while (subscribed.size() < 256) {
            const auto frame = client.next();
            QVERIFY2(frame, qPrintable(QString::number(subscribed.size()) + " answers"));
            QCOMPARE(frame->value("type", ""), std::string("subscribed"));
            subscribed.insert(frame->value("topic", ""));
        }
        for (int i = 0; i < 256; ++i)
            QVERIFY(subscribed.contains(statusTopic(videos[i])));
        QCOMPARE(errorCodeOf(client.subscribe(statusTopic(videos[256]))), std::string("too_many_topics"));
        QTRY_COMPARE(gauge(api, "framecast_realtime_subscriptions"), 256.0);
        client.send({{"type", "unsubscribe"}, {"topic", statusTopic(videos[0])}});
        QVERIFY(client.waitFor("unsubscribed", statusTopic(videos[0])));
        QCOMPARE(client.subscribe(statusTopic(videos[256])).value("type", ""), std::string("subscribed"));
    }

    void departedClientsLeaveTheHub() {
        ApiClient api(m_server);
        QTRY_VERIFY(gauge(api, "framecast_ws_connections") == 0);
        QTRY_VERIFY(gauge(api, "framecast_realtime_subscriptions") == 0);
        {
            WsClient polite;
            QVERIFY(polite.open(m_server));
            WsClient abrupt;
            QVERIFY(abrupt.open(m_server, m_owner.access_token));
            for (const auto& video : {m_publicVideo, m_unlistedVideo}) {
                QCOMPARE(polite.subscribe(statusTopic(video)).value("type", ""), std::string("subscribed"));
                QCOMPARE(abrupt.subscribe(statusTopic(video)).value("type", ""), std::string("subscribed"));
            }
            QCOMPARE(abrupt.subscribe(statusTopic(m_privateVideo)).value("type", ""),
                     std::string("subscribed"));
            QTRY_COMPARE(gauge(api, "framecast_ws_connections"), 2.0);
            QTRY_COMPARE(gauge(api, "framecast_realtime_subscriptions"), 5.0);
            polite.socket().close();
            abrupt.socket().abort(); // no close frame: the TCP connection just ends
        }
        QTRY_COMPARE(gauge(api, "framecast_ws_connections"), 0.0);
        QTRY_COMPARE(gauge(api, "framecast_realtime_subscriptions"), 0.0);
        QCOMPARE(api.get("/healthz").status, 200);
    }

    // Real events: a tus upload in two parts, then the ingest job, publish on video:<id>:status.
    void uploadEventsReachEverySubscriberOfTheTopicAndNoOneElse() {
        const QByteArray bytes = fc::test::readFile(m_clip);
        QVERIFY(bytes.size() > 1000);
        const int64_t length = bytes.size();
        ApiClient api(m_server);
        const auto created = fc::test::createUpload(api, m_owner.access_token, length,
                                                    fc::test::metadataPair("filename", "events.mp4"));
        QCOMPARE(created.status, 201);
        const std::string location = fc::test::header(created, "Location");
        const std::string video = fc::test::header(created, "Framecast-Video-Id");
        const std::string topic = statusTopic(video);

        WsClient ownerByHeader;
        WsClient ownerByQuery;
        WsClient otherTopic; // follows a different video
        WsClient stranger;   // may not follow this (private) video
        QVERIFY(ownerByHeader.open(m_server, m_owner.access_token));
        QVERIFY(ownerByQuery.open(m_server, m_owner.access_token, TokenPlacement::Query));
        QVERIFY(otherTopic.open(m_server, m_other.access_token));
        QVERIFY(stranger.open(m_server, m_other.access_token));
        QCOMPARE(ownerByHeader.subscribe(topic).value("type", ""), std::string("subscribed"));
        QCOMPARE(ownerByQuery.subscribe(topic).value("type", ""), std::string("subscribed"));
        QCOMPARE(otherTopic.subscribe(statusTopic(m_publicVideo)).value("type", ""),
                 std::string("subscribed"));
        QCOMPARE(errorCodeOf(stranger.subscribe(topic)), std::string("topic_not_found"));

        const int64_t half = length / 2;
        QCOMPARE(fc::test::patchUpload(api, m_owner.access_token, location, 0, bytes.left(half).toStdString())
                     .status,
                 204);
        for (WsClient* client : {&ownerByHeader, &ownerByQuery}) {
            const auto progress = client->waitFor("upload_progress", topic);
            QVERIFY(progress);
            const json& data = (*progress)["data"];
            QCOMPARE(data.value("video_id", ""), video);
            QCOMPARE(data.value("offset_bytes", int64_t(-1)), half);
            QCOMPARE(data.value("length_bytes", int64_t(-1)), length);
        }
        QCOMPARE(
            fc::test::patchUpload(api, m_owner.access_token, location, half, bytes.mid(half).toStdString())
                .status,
            204);
        for (WsClient* client : {&ownerByHeader, &ownerByQuery}) {
            // Progress may be reported more than once per PATCH; the last report is the whole file.
            std::optional<json> progress;
            while ((progress = client->waitFor("upload_progress", topic)))
                if ((*progress)["data"].value("offset_bytes", int64_t(-1)) == length)
                    break;
            QVERIFY(progress);
            const auto status = client->waitFor("status_changed", topic, 60000);
            QVERIFY2(status, "no status_changed event after the last byte");
            QCOMPARE((*status)["data"].value("video_id", ""), video);
            QCOMPARE((*status)["data"].value("status", ""), std::string("queued"));
            QVERIFY((*status)["data"]["failure"].is_null());
            QVERIFY(!(*status)["data"].contains("duplicate_of")); // owner-only, REST only
        }
        // The others saw nothing of it: only their own answers.
        QVERIFY(otherTopic.quietFor(300));
        for (WsClient* client : {&otherTopic, &stranger}) {
            QVERIFY(client->all("upload_progress").empty());
            QVERIFY(client->all("status_changed").empty());
        }
    }

    void publishingAfterASubscriberVanishedIsHarmless() {
        const QByteArray bytes = fc::test::readFile(m_clip).left(200'000);
        ApiClient api(m_server);
        const auto created = fc::test::createUpload(api, m_owner.access_token, bytes.size(),
                                                    fc::test::metadataPair("filename", "vanish.mp4"));
        QCOMPARE(created.status, 201);
        const std::string location = fc::test::header(created, "Location");
        const std::string topic = statusTopic(fc::test::header(created, "Framecast-Video-Id"));
        WsClient stays;
        QVERIFY(stays.open(m_server, m_owner.access_token));
        QCOMPARE(stays.subscribe(topic).value("type", ""), std::string("subscribed"));
        {
            std::vector<std::unique_ptr<WsClient>> leaving;
            for (int i = 0; i < 5; ++i) {
                leaving.push_back(std::make_unique<WsClient>());
                QVERIFY(leaving.back()->open(m_server, m_owner.access_token));
                QCOMPARE(leaving.back()->subscribe(topic).value("type", ""), std::string("subscribed"));
            }
            for (size_t i = 0; i < leaving.size(); ++i)
                i % 2 ? leaving[i]->socket().abort() : leaving[i]->socket().close();
        }
        // Published while the server may still be noticing the departures.
        int64_t offset = 0;
        for (int part = 0; part < 4; ++part) {
            const QByteArray chunk = bytes.mid(offset, part == 3 ? -1 : bytes.size() / 4);
            const auto patched =
                fc::test::patchUpload(api, m_owner.access_token, location, offset, chunk.toStdString());
            QCOMPARE(patched.status, 204);
            offset += chunk.size();
        }
        QCOMPARE(offset, int64_t(bytes.size()));
        std::optional<json> progress;
        while ((progress = stays.waitFor("upload_progress", topic)))
            if ((*progress)["data"].value("offset_bytes", int64_t(-1)) == offset)
                break;
        QVERIFY(progress);
        QTRY_COMPARE(gauge(api, "framecast_ws_connections"), 1.0);
        QCOMPARE(api.get("/healthz").status, 200);
    }

    // A video made private, then deleted: followers who lost the right to see it are dropped and told.
    void followersLosingAccessAreUnsubscribed() {
        VideoRows rows(m_server);
        const std::string video = rows.insert(m_owner, "unlisted");
        QVERIFY(!video.empty());
        const std::string topic = statusTopic(video);
        WsClient owner;
        WsClient other;
        WsClient anonymous;
        QVERIFY(owner.open(m_server, m_owner.access_token));
        QVERIFY(other.open(m_server, m_other.access_token));
        QVERIFY(anonymous.open(m_server));
        for (WsClient* client : {&owner, &other, &anonymous})
            QCOMPARE(client->subscribe(topic).value("type", ""), std::string("subscribed"));

        ApiClient api(m_server);
        const auto patched = api.call("PATCH", "/api/v1/videos/" + video, m_owner.access_token,
                                      json{{"visibility", "private"}});
        QCOMPARE(patched.status, 200);
        for (WsClient* client : {&other, &anonymous}) {
            const auto revoked = client->waitFor("unsubscribed", topic, 2000);
            QVERIFY(revoked);
            QCOMPARE((*revoked)["data"].value("reason", ""), std::string("access_revoked"));
        }
        QVERIFY(owner.quietFor(200));
        // Subscribing again is refused like any hidden topic.
        QCOMPARE(errorCodeOf(anonymous.subscribe(topic)), std::string("topic_not_found"));

        QCOMPARE(api.call("DELETE", "/api/v1/videos/" + video, m_owner.access_token).status, 204);
        const auto closed = owner.waitFor("unsubscribed", topic, 2000);
        QVERIFY(closed);
        QCOMPARE((*closed)["data"].value("reason", ""), std::string("access_revoked"));
    }

private:
    QTemporaryDir m_media;
    QString m_clip;
    // Ingest only: the upload events end at 'queued' here; processing has its own tests.
    TestServer m_server{{"--job-kinds", "ingest"}};
    SignedUpUser m_owner;
    SignedUpUser m_other;
    std::string m_publicVideo;
    std::string m_unlistedVideo;
    std::string m_privateVideo;
};

QTEST_GUILESS_MAIN(TestRealtime)
#include "test_realtime.moc"
