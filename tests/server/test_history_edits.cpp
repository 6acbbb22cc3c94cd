// History edits against the real server (docs/API.md §16): removing one entry (its resume position goes too),
// clearing it all, pausing (positions are not saved and nothing is added while paused, though the POST still
// answers 204; saving works again after resuming), and one user's edits never touching another's history.
// Video rows are inserted directly: none of this needs media.
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;
using nlohmann::json;
using Ids = std::vector<std::string>;

class TestHistoryEdits : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::optional<SignedUpUser> m_viewer;
    std::optional<SignedUpUser> m_bystander;

    ApiReply call(const std::string& method, const std::string& path, const SignedUpUser& user,
                  const std::optional<json>& body = std::nullopt) {
        return ApiClient(m_server).call(method, "/api/v1" + path, user.access_token, body);
    }
    int savePosition(const SignedUpUser& user, const std::string& video, double position_s) {
        return call("POST", "/videos/" + video + "/watch-position", user, json{{"position_s", position_s}})
            .status;
    }
    Ids historyIds(const SignedUpUser& user) {
        Ids ids;
        const auto reply = call("GET", "/users/me/history", user);
        for (const auto& item : reply.json["items"])
            ids.push_back(item["video"].value("id", ""));
        return ids;
    }
    double positionOf(const SignedUpUser& user, const std::string& video) {
        const auto reply = call("GET", "/videos/" + video + "/watch-position", user);
        return reply.status == 200 ? reply.json.value("position_s", -1.0) : -1.0;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        m_viewer = api.signUp("historian");
        m_bystander = api.signUp("bystander");
        QVERIFY(m_viewer && m_bystander);
        DirectDatabase db(m_server.dataDir());
        for (const char* id : {"hsVideo0001", "hsVideo0002", "hsVideo0003", "hsVideo0004"})
            QVERIFY(db.insertVideo(
                {id, m_bystander->channel_id, m_bystander->id, "Video", "public", "ready", 1000}));
        for (const char* id : {"hsVideo0001", "hsVideo0002", "hsVideo0003"}) {
            QCOMPARE(savePosition(*m_viewer, id, 12), 204);
            QCOMPARE(savePosition(*m_bystander, id, 7), 204);
        }
    }

    void removeOneEntry() {
        QCOMPARE(historyIds(*m_viewer), (Ids{"hsVideo0003", "hsVideo0002", "hsVideo0001"}));
        QCOMPARE(call("DELETE", "/users/me/history/hsVideo0002", *m_viewer).status, 204);
        QCOMPARE(historyIds(*m_viewer), (Ids{"hsVideo0003", "hsVideo0001"}));
        QCOMPARE(positionOf(*m_viewer, "hsVideo0002"), -1.0); // the resume position went with it
        QCOMPARE(call("DELETE", "/users/me/history/hsVideo0002", *m_viewer).status, 204); // already gone
        QCOMPARE(ApiClient(m_server).call("DELETE", "/api/v1/users/me/history/hsVideo0001").status, 401);
        // The bystander's history is theirs.
        QCOMPARE(historyIds(*m_bystander), (Ids{"hsVideo0003", "hsVideo0002", "hsVideo0001"}));
        QCOMPARE(positionOf(*m_bystander, "hsVideo0002"), 7.0);
    }

    void pauseStopsSaving() {
        QCOMPARE(call("GET", "/users/me/history/settings", *m_viewer).json, (json{{"paused", false}}));
        QCOMPARE(call("PUT", "/users/me/history/settings", *m_viewer, json{{"paused", "yes"}}).status, 400);
        QCOMPARE(call("PUT", "/users/me/history/settings", *m_viewer, json::object()).status, 400);
        const auto paused = call("PUT", "/users/me/history/settings", *m_viewer, json{{"paused", true}});
        QCOMPARE(paused.status, 200);
        QCOMPARE(paused.json, (json{{"paused", true}}));
        QCOMPARE(call("GET", "/users/me/history/settings", *m_viewer).json, (json{{"paused", true}}));
        QCOMPARE(call("GET", "/users/me/history/settings", *m_bystander).json, (json{{"paused", false}}));

        // Paused: a new video is not added, a known one keeps its old position and place.
        QCOMPARE(savePosition(*m_viewer, "hsVideo0004", 30), 204);
        QCOMPARE(savePosition(*m_viewer, "hsVideo0001", 40), 204);
        QCOMPARE(historyIds(*m_viewer), (Ids{"hsVideo0003", "hsVideo0001"}));
        QCOMPARE(positionOf(*m_viewer, "hsVideo0004"), -1.0);
        QCOMPARE(positionOf(*m_viewer, "hsVideo0001"), 12.0);
        // Others still record.
        QCOMPARE(savePosition(*m_bystander, "hsVideo0004", 3), 204);
        QCOMPARE(historyIds(*m_bystander).front(), std::string("hsVideo0004"));

        QCOMPARE(call("PUT", "/users/me/history/settings", *m_viewer, json{{"paused", false}}).json,
                 (json{{"paused", false}}));
        QCOMPARE(savePosition(*m_viewer, "hsVideo0004", 31), 204);
        QCOMPARE(savePosition(*m_viewer, "hsVideo0001", 41), 204);
        QCOMPARE(historyIds(*m_viewer), (Ids{"hsVideo0001", "hsVideo0004", "hsVideo0003"}));
        QCOMPARE(positionOf(*m_viewer, "hsVideo0004"), 31.0);
        QCOMPARE(positionOf(*m_viewer, "hsVideo0001"), 41.0);
    }

    void clearAll() {
        QCOMPARE(call("DELETE", "/users/me/history", *m_viewer).status, 204);
        QVERIFY(historyIds(*m_viewer).empty());
        QCOMPARE(positionOf(*m_viewer, "hsVideo0001"), -1.0);
        QCOMPARE(historyIds(*m_bystander), (Ids{"hsVideo0004", "hsVideo0003", "hsVideo0002", "hsVideo0001"}));
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(
            db.scalar("SELECT COUNT(*) FROM watch_history WHERE user_id = ?", {m_viewer->id}).value_or(""),
            std::string("0"));
        // Watching again starts a new history.
        QCOMPARE(savePosition(*m_viewer, "hsVideo0002", 5), 204);
        QCOMPARE(historyIds(*m_viewer), Ids{"hsVideo0002"});
    }

    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }
};

QTEST_GUILESS_MAIN(TestHistoryEdits)
#include "test_history_edits.moc"
