// Watch position (POST/GET .../watch-position), the watch history (newest first, paged, never showing videos
// the viewer may no longer see), resume positions in /playback, and POST /api/v1/events: events stored, the
// view counted once per playback session at min(30 s, duration/2) watched and only after half that much wall
// time (a 4 s video: threshold 2 s, wall guard 1 s, so no long sleeps). Video rows are inserted directly:
// none of this needs media files.
#include <QThread>
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;

class TestWatchHistory : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::optional<SignedUpUser> m_viewer;
    std::optional<SignedUpUser> m_creator;

    bool addVideo(const std::string& id, const SignedUpUser& owner, int64_t duration_ms,
                  const std::string& visibility = "public") {
        DirectDatabase db(m_server.dataDir());
        return db.insertVideo({id, owner.channel_id, owner.id, "Video " + id, visibility, "ready", 1000}) &&
               db.exec("UPDATE videos SET playable = 1, duration_ms = ? WHERE id = ?",
                       {std::to_string(duration_ms), id});
    }
    int savePosition(const std::string& id, double position_s, const std::string& token) {
        return ApiClient(m_server)
            .call("POST", "/api/v1/videos/" + id + "/watch-position", token,
                  nlohmann::json{{"position_s", position_s}})
            .status;
    }
    std::vector<std::string> historyIds(const std::string& query = {}) {
        const auto reply =
            ApiClient(m_server).get("/api/v1/users/me/history" + query, m_viewer->access_token);
        std::vector<std::string> ids;
        for (const auto& item : reply.json["items"])
            ids.push_back(item["video"].value("id", ""));
        return ids;
    }
    ApiReply sendEvents(const std::string& session, const std::string& video, const nlohmann::json& events) {
        return ApiClient(m_server).call(
            "POST", "/api/v1/events", {},
            nlohmann::json{{"playback_session_id", session}, {"video_id", video}, {"events", events}});
    }
    nlohmann::json heartbeat(double watched_s) {
        return nlohmann::json::array({{{"type", "heartbeat"}, {"at_ms", 1000}, {"watched_s", watched_s}}});
    }
    int64_t views(const std::string& id) {
        return ApiClient(m_server).get("/api/v1/videos/" + id).json.value("view_count", int64_t{-1});
    }
    std::string newSession(const std::string& id) {
        return ApiClient(m_server)
            .get("/api/v1/videos/" + id + "/playback")
            .json.value("playback_session_id", "");
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        m_viewer = api.signUp("watcher");
        m_creator = api.signUp("creator");
        QVERIFY(m_viewer && m_creator);
    }

    void positionRoundTripAndResume() {
        QVERIFY(addVideo("watchVid001", *m_creator, 60000));
        ApiClient api(m_server);
        const std::string path = "/api/v1/videos/watchVid001/watch-position";
        QCOMPARE(api.get(path, m_viewer->access_token).errorCode(), std::string("no_position"));
        QCOMPARE(savePosition("watchVid001", 42.5, ""), 401);
        QCOMPARE(api.call("POST", path, m_viewer->access_token, nlohmann::json{{"position_s", -1}}).status,
                 400);
        QCOMPARE(api.call("POST", path, m_viewer->access_token, nlohmann::json{{"position_s", "x"}}).status,
                 400);
        QCOMPARE(savePosition("watchVid001", 42.5, m_viewer->access_token), 204);
        const auto saved = api.get(path, m_viewer->access_token);
        QCOMPARE(saved.status, 200);
        QCOMPARE(saved.json.value("position_s", 0.0), 42.5);
        QVERIFY(!saved.json.value("updated_at", "").empty());
        QCOMPARE(api.get("/api/v1/videos/watchVid001/playback", m_viewer->access_token)
                     .json.value("resume_position_s", -1.0),
                 42.5);
        QCOMPARE(api.get("/api/v1/videos/watchVid001/playback").json.value("resume_position_s", -1.0), 0.0);
        // Within 5 s of the end: start again.
        QCOMPARE(savePosition("watchVid001", 56, m_viewer->access_token), 204);
        QCOMPARE(api.get("/api/v1/videos/watchVid001/playback", m_viewer->access_token)
                     .json.value("resume_position_s", -1.0),
                 0.0);
        // Someone else's private video: 404 on every route.
        QVERIFY(addVideo("watchPriv01", *m_creator, 60000, "private"));
        QCOMPARE(savePosition("watchPriv01", 1, m_viewer->access_token), 404);
        QCOMPARE(api.get("/api/v1/videos/watchPriv01/watch-position", m_viewer->access_token).status, 404);
        QCOMPARE(api.get("/api/v1/videos/watchPriv01/playback", m_viewer->access_token).status, 404);
    }

    void historyIsNewestFirstPagedAndPrivate() {
        for (const char* id : {"histVideo01", "histVideo02", "histVideo03"})
            QVERIFY(addVideo(id, *m_creator, 60000));
        QVERIFY(addVideo("histOwnPriv", *m_viewer, 60000, "private"));
        for (const char* id : {"histVideo01", "histVideo02", "histOwnPriv", "histVideo03", "histVideo01"})
            QCOMPARE(savePosition(id, 10, m_viewer->access_token), 204);
        const std::vector<std::string> expected = {"histVideo01", "histVideo03", "histOwnPriv", "histVideo02",
                                                   "watchVid001"};
        QCOMPARE(historyIds(), expected);
        ApiClient api(m_server);
        const auto first = api.get("/api/v1/users/me/history?limit=2", m_viewer->access_token);
        QCOMPARE(first.json["items"].size(), size_t(2));
        QCOMPARE(first.json["items"][0].value("position_s", 0.0), 10.0);
        QVERIFY(!first.json["items"][0].value("watched_at", "").empty());
        const std::string cursor = first.json.value("next_cursor", "");
        QVERIFY(!cursor.empty());
        QCOMPARE(historyIds("?limit=2&cursor=" + cursor),
                 (std::vector<std::string>{"histOwnPriv", "histVideo02"}));
        QCOMPARE(api.get("/api/v1/users/me/history?cursor=bogus", m_viewer->access_token).status, 400);
        QCOMPARE(api.get("/api/v1/users/me/history").status, 401);

        // The creator makes a video private: it leaves the viewer's history (the viewer's own private one
        // stays).
        DirectDatabase db(m_server.dataDir());
        QVERIFY(db.exec("UPDATE videos SET visibility = 'private' WHERE id = 'histVideo03'"));
        QCOMPARE(historyIds(),
                 (std::vector<std::string>{"histVideo01", "histOwnPriv", "histVideo02", "watchVid001"}));
        // The creator's own history is separate.
        QVERIFY(api.get("/api/v1/users/me/history", m_creator->access_token).json["items"].empty());
    }

    void eventsAreStoredAndValidated() {
        QVERIFY(addVideo("eventVid001", *m_creator, 60000));
        QVERIFY(addVideo("eventVid002", *m_creator, 60000));
        const std::string session = newSession("eventVid001");
        QVERIFY(!session.empty());
        const nlohmann::json events =
            nlohmann::json::array({{{"type", "startup"}, {"at_ms", 10}, {"startup_ms", 420}},
                                   {{"type", "stall"}, {"at_ms", 20}, {"duration_ms", 800}},
                                   {{"type", "rung_switch"},
                                    {"at_ms", 30},
                                    {"from", "360p"},
                                    {"to", "720p"},
                                    {"reason", "throughput"}},
                                   {{"type", "dropped_frames"}, {"at_ms", 40}, {"count", 3}},
                                   {{"type", "seek"}, {"at_ms", 50}, {"from_s", 1.0}, {"to_s", 30.0}},
                                   {{"type", "error"}, {"at_ms", 60}, {"message", "segment 3 failed once"}},
                                   {{"type", "heartbeat"}, {"at_ms", 70}, {"watched_s", 1.0}}});
        const auto accepted = sendEvents(session, "eventVid001", events);
        QCOMPARE(accepted.status, 202);
        QCOMPARE(accepted.json.value("accepted", 0), 7);
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(
            db.scalar("SELECT COUNT(*) FROM playback_events WHERE session_id = ?", {session}).value_or(""),
            std::string("7"));
        QCOMPARE(db.scalar("SELECT json_extract(data, '$.to') FROM playback_events WHERE session_id = ? AND "
                           "type = 'rung_switch'",
                           {session})
                     .value_or(""),
                 std::string("720p"));
        QCOMPARE(db.scalar("SELECT video_id FROM playback_sessions WHERE id = ?", {session}).value_or(""),
                 std::string("eventVid001"));

        QCOMPARE(sendEvents("no-such-session", "eventVid001", heartbeat(1)).status, 404);
        QCOMPARE(sendEvents(session, "eventVid002", heartbeat(1)).status, 400);
        nlohmann::json many = nlohmann::json::array();
        for (int i = 0; i < 101; ++i)
            many.push_back({{"type", "heartbeat"}, {"at_ms", i}, {"watched_s", 1}});
        QCOMPARE(sendEvents(session, "eventVid001", many).errorCode(), std::string("too_many_events"));
        QCOMPARE(
            sendEvents(session, "eventVid001", nlohmann::json::array({{{"type", "teleport"}, {"at_ms", 1}}}))
                .status,
            400);
        QCOMPARE(
            sendEvents(session, "eventVid001", nlohmann::json::array({{{"type", "stall"}, {"at_ms", 1}}}))
                .status,
            400);
    }

    // A 4 s video: a view needs 2 s watched and 1 s of wall time since the session was issued.
    void viewsAreCountedOncePerSession() {
        QVERIFY(addVideo("viewVideo01", *m_creator, 4000));
        // Too fast to be true: 30 s watched right after the session was issued.
        const std::string hasty = newSession("viewVideo01");
        QCOMPARE(sendEvents(hasty, "viewVideo01", heartbeat(30)).status, 202);
        QCOMPARE(views("viewVideo01"), int64_t{0});

        const std::string session = newSession("viewVideo01");
        QThread::msleep(1100);
        QCOMPARE(sendEvents(session, "viewVideo01", heartbeat(1.5)).status, 202);
        QCOMPARE(views("viewVideo01"), int64_t{0});
        QCOMPARE(sendEvents(session, "viewVideo01", heartbeat(2.0)).status, 202);
        QCOMPARE(views("viewVideo01"), int64_t{1});
        QCOMPARE(sendEvents(session, "viewVideo01", heartbeat(3.5)).status, 202);
        QCOMPARE(views("viewVideo01"), int64_t{1});

        const std::string again = newSession("viewVideo01");
        QThread::msleep(1100);
        QCOMPARE(sendEvents(again, "viewVideo01", heartbeat(2.5)).status, 202);
        QCOMPARE(views("viewVideo01"), int64_t{2});
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(db.scalar("SELECT counted FROM playback_sessions WHERE id = ?", {hasty}).value_or(""),
                 std::string("0"));
    }
};

QTEST_GUILESS_MAIN(TestWatchHistory)
#include "test_watch_history.moc"
