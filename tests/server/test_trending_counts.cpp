// What the writes count for trending (docs/API.md §17), against the real server: a view when a playback
// session's view is counted (real /playback + /events heartbeats), likes given and taken back from the hour
// they were counted in, comments while published (held ones once approved, deleted ones taken back), shares
// once per video and sharer per day (the video's share_count too); buckets and share rows pruned by the
// refresh; GET /api/v1/categories; channel pages sorted newest / oldest / popular with keyset paging; bad
// params → 400.
#include <QtTest>

#include "tests/server/test_trending_fixture.h"

using namespace fc::test;
using nlohmann::json;

class TestTrendingCounts : public QObject {
    Q_OBJECT
    TrendingFixture m_fx;
    SignedUpUser m_creator, m_fan1, m_fan2;

    int64_t shareCount(const std::string& video_id) {
        return m_fx.api().get("/api/v1/videos/" + video_id).json.value("share_count", int64_t{-1});
    }
    std::vector<std::string> channelPage(const std::string& channel_id, const std::string& query) {
        return idsOf(m_fx.api().get("/api/v1/channels/" + channel_id + "/videos" + query).json["items"]);
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_creator = m_fx.user("creator");
        m_fan1 = m_fx.user("fan");
        m_fan2 = m_fx.user("fan");
        QVERIFY(!m_creator.id.empty() && !m_fan1.id.empty() && !m_fan2.id.empty());
    }

    void viewsCountedOncePerSession() {
        const std::string id = m_fx.video(m_creator);
        QVERIFY(m_fx.view(id, 2));
        QCOMPARE(m_fx.engagement(id, "views"), int64_t{2});
        QCOMPARE(m_fx.api().get("/api/v1/videos/" + id).json.value("view_count", -1), 2);
        // A session that did not reach the threshold is no view.
        const std::string session =
            m_fx.api().get("/api/v1/videos/" + id + "/playback").json.value("playback_session_id", "");
        QCOMPARE(m_fx.call("POST", "/api/v1/events", {},
                           json{{"playback_session_id", session},
                                {"video_id", id},
                                {"events", {{{"type", "heartbeat"}, {"at_ms", 1}, {"watched_s", 0.5}}}}})
                     .status,
                 202);
        QCOMPARE(m_fx.engagement(id, "views"), int64_t{2});
    }

    void likesCountAndAreTakenBack() {
        const std::string id = m_fx.video(m_creator);
        QCOMPARE(m_fx.rate(m_fan1, id, "like"), 200);
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{1});
        QCOMPARE(m_fx.rate(m_fan1, id, "like"), 200); // the same rating again changes nothing
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{1});
        QCOMPARE(m_fx.rate(m_fan1, id, "dislike"), 200);
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{0});
        QCOMPARE(m_fx.rate(m_fan1, id, "like"), 200);
        QCOMPARE(m_fx.rate(m_fan2, id, "like"), 200);
        QCOMPARE(m_fx.rate(m_fan2, id, "none"), 200);
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{1});
        // Liking and unliking over and over never adds up.
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(m_fx.rate(m_fan2, id, "like"), 200);
            QCOMPARE(m_fx.rate(m_fan2, id, "none"), 200);
        }
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{1});

        // A like given 3 days ago is taken back from its own hour's bucket, not from today's.
        const int64_t old_ms = fc::unixMillisNow() - 72 * TrendingFixture::kHourMs;
        QVERIFY(m_fx.db().exec(
            "INSERT INTO video_ratings (video_id, user_id, value, created_at) VALUES (?, ?, 1, ?)",
            {id, m_fan2.id, std::to_string(old_ms)}));
        const std::string old_hour = std::to_string(old_ms / TrendingFixture::kHourMs);
        QCOMPARE(m_fx.scalarInt("SELECT likes FROM engagement_hourly WHERE video_id = ? AND hour = ?",
                                {id, old_hour}),
                 int64_t{1});
        QCOMPARE(m_fx.rate(m_fan2, id, "none"), 200);
        QCOMPARE(m_fx.scalarInt("SELECT likes FROM engagement_hourly WHERE video_id = ? AND hour = ?",
                                {id, old_hour}),
                 int64_t{0});
        QCOMPARE(m_fx.engagement(id, "likes"), int64_t{1}); // fan1's like today stays
    }

    void commentsCountWhilePublished() {
        const std::string open = m_fx.video(m_creator), reviewed = m_fx.video(m_creator);
        QVERIFY(m_fx.db().exec("UPDATE videos SET comments_mode = 'held' WHERE id = ?", {reviewed}));
        const auto post = [&](const std::string& video_id, const json& body) {
            return m_fx.call("POST", "/api/v1/videos/" + video_id + "/comments", m_fan1.access_token, body);
        };
        const auto top = post(open, {{"text", "First thoughts on the edit"}});
        QCOMPARE(top.status, 201);
        QCOMPARE(
            post(open, {{"text", "And a reply to myself"}, {"parent_id", top.json.value("id", "")}}).status,
            201);
        QCOMPARE(m_fx.engagement(open, "comments"), int64_t{2});
        QCOMPARE(
            m_fx.call("DELETE", "/api/v1/comments/" + top.json.value("id", ""), m_fan1.access_token).status,
            204);
        QCOMPARE(m_fx.engagement(open, "comments"), int64_t{1});

        // Held: counted only once the creator approves it.
        const auto held = post(reviewed, {{"text", "Waiting for review"}});
        QCOMPARE(held.status, 201);
        QCOMPARE(m_fx.engagement(reviewed, "comments"), int64_t{0});
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + held.json.value("id", "") + "/approve",
                           m_creator.access_token)
                     .status,
                 200);
        QCOMPARE(m_fx.engagement(reviewed, "comments"), int64_t{1});
    }

    void sharesCountOncePerSharerPerDay() {
        const std::string id = m_fx.video(m_creator), hidden = m_fx.video(m_creator, "private");
        const std::string path = "/api/v1/videos/" + id + "/share";
        QCOMPARE(m_fx.call("GET", path, m_fan1.access_token).status, 200);
        QCOMPARE(m_fx.call("GET", path + "?t=30", m_fan1.access_token).status, 200);
        QCOMPARE(shareCount(id), int64_t{1});
        QCOMPARE(m_fx.call("GET", path, m_fan2.access_token).status, 200);
        QCOMPARE(m_fx.call("GET", path).status, 200); // anonymous: one per client address
        QCOMPARE(m_fx.call("GET", path).status, 200);
        QCOMPARE(shareCount(id), int64_t{3});
        QCOMPARE(m_fx.call("GET", path + "?t=-1", m_creator.access_token).status,
                 400); // refused: not counted
        QCOMPARE(m_fx.call("GET", "/api/v1/videos/" + hidden + "/share", m_fan1.access_token).status, 404);
        QCOMPARE(shareCount(id), int64_t{3});
        QCOMPARE(m_fx.engagement(id, "shares"), int64_t{3});
        QCOMPARE(m_fx.scalarInt("SELECT COUNT(*) FROM video_shares WHERE video_id = ?", {hidden}),
                 int64_t{0});
        // No client address is stored as such.
        QCOMPARE(m_fx.scalarInt("SELECT COUNT(*) FROM video_shares WHERE sharer_key LIKE '%127.0.0.1%'"),
                 int64_t{0});
    }

    void refreshPrunesOldRows() {
        const std::string id = m_fx.video(m_creator);
        QVERIFY(m_fx.addBucket(id, 40 * 24, 5, 0, 0, 0));
        QVERIFY(m_fx.addBucket(id, 20 * 24, 7, 0, 0, 0));
        const std::string old_day = std::to_string(fc::unixMillisNow() / (24 * TrendingFixture::kHourMs) - 3);
        QVERIFY(m_fx.db().exec(
            "INSERT INTO video_shares (video_id, sharer_key, day, created_at) VALUES (?, 'user:x', ?, 0)",
            {id, old_day}));
        QVERIFY(m_fx.waitForRefresh());
        QCOMPARE(m_fx.engagement(id, "views"), int64_t{7});
        QCOMPARE(m_fx.scalarInt("SELECT COUNT(*) FROM video_shares WHERE day = ?", {old_day}), int64_t{0});
        QVERIFY(m_fx.scalarInt("SELECT COUNT(*) FROM video_shares") > 0); // today's stay
    }

    void categoriesOfListedVideos() {
        const SignedUpUser other = m_fx.user("band");
        for (const char* category : {"Music", "Music", "music", "Gaming", "Gaming", "Cooking"})
            QVERIFY(!m_fx.video(other, "public", category).empty());
        QVERIFY(!m_fx.video(other, "private", "Cooking").empty());
        QVERIFY(!m_fx.video(other, "unlisted", "Cooking").empty());
        QVERIFY(!m_fx.video(other, "public", "Cooking", "processing").empty());
        QVERIFY(!m_fx.video(other, "private", "Secret").empty());
        QVERIFY(m_fx.waitForRefresh());
        const auto reply = m_fx.api().get("/api/v1/categories");
        QCOMPARE(reply.status, 200);
        // Every other video of this program has no category ("" is left out).
        QCOMPARE(reply.json["items"], json::parse(R"([{"name": "Music", "video_count": 3},
                                                      {"name": "Gaming", "video_count": 2},
                                                      {"name": "Cooking", "video_count": 1}])"));
    }

    void channelPagesSort() {
        const SignedUpUser owner = m_fx.user("sorter");
        // created_at 1000, 2000, …; view counts 5, 50, 0, 50, 7 (a tie broken by id, descending).
        std::vector<std::string> ids;
        const std::vector<int> views = {5, 50, 0, 50, 7};
        for (size_t i = 0; i < views.size(); ++i) {
            ids.push_back(m_fx.video(owner));
            QVERIFY(m_fx.db().exec("UPDATE videos SET created_at = ?, view_count = ? WHERE id = ?",
                                   {std::to_string(1000 * (i + 1)), std::to_string(views[i]), ids.back()}));
        }
        for (const char* visibility : {"private", "unlisted"}) {
            const std::string hidden = m_fx.video(owner, visibility);
            QVERIFY(m_fx.db().exec("UPDATE videos SET view_count = 1000 WHERE id = ?", {hidden}));
        }
        const std::vector<std::string> newest = {ids[4], ids[3], ids[2], ids[1], ids[0]};
        const std::vector<std::string> oldest = {ids[0], ids[1], ids[2], ids[3], ids[4]};
        const auto [low, high] = std::minmax(ids[1], ids[3]);
        const std::vector<std::string> popular = {high, low, ids[4], ids[0], ids[2]};
        QCOMPARE(channelPage(owner.channel_id, ""), newest);
        QCOMPARE(channelPage(owner.channel_id, "?sort=newest"), newest);
        QCOMPARE(channelPage(owner.channel_id, "?sort=oldest"), oldest);
        QCOMPARE(channelPage(owner.channel_id, "?sort=popular"), popular);

        // Keyset paging per sort: pages of 2 followed to the end give the same order.
        for (const auto& [sort, expected] :
             {std::pair{"newest", newest}, std::pair{"oldest", oldest}, std::pair{"popular", popular}}) {
            std::vector<std::string> paged;
            std::string cursor;
            for (int page = 0; page < 10; ++page) {
                const auto reply =
                    m_fx.api().get("/api/v1/channels/" + owner.channel_id + "/videos?limit=2&sort=" + sort +
                                   (cursor.empty() ? "" : "&cursor=" + cursor));
                QCOMPARE(reply.status, 200);
                for (const auto& id : idsOf(reply.json["items"]))
                    paged.push_back(id);
                if (!reply.json["next_cursor"].is_string())
                    break;
                cursor = reply.json["next_cursor"].get<std::string>();
            }
            QCOMPARE(paged, expected);
        }
        for (const char* bad : {"?sort=views", "?sort=NEWEST", "?sort=popular&limit=0"})
            QCOMPARE(m_fx.api().get("/api/v1/channels/" + owner.channel_id + "/videos" + bad).errorCode(),
                     std::string("invalid_request"));
        QCOMPARE(m_fx.api()
                     .get("/api/v1/channels/" + owner.channel_id + "/videos?sort=oldest&cursor=nope")
                     .errorCode(),
                 std::string("invalid_cursor"));
    }

    void cleanupTestCase() { QVERIFY(m_fx.stop()); }
};

QTEST_GUILESS_MAIN(TestTrendingCounts)
#include "test_trending_counts.moc"
