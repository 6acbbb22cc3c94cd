// GET /api/v1/recommendations (docs/API.md §17) against a real framecastd whose model refreshes every second:
// the cold start for anonymous and new users (listed videos only, trending first), the watch fraction kept by
// positions and heartbeats, a signed-in user never seeing watched or own videos, co-watching becoming
// "Because you watched", subscriptions, paging with the cursor across model refreshes, and a video made
// private leaving the feed at once. One server for the whole program; each test makes its own users and
// videos (the cold-start test runs first, while the catalogue is known).
#include <QtTest>

#include <set>

#include "tests/server/test_recommendations_fixture.h"

using namespace fc::test;

class TestRecommendations : public QObject {
    Q_OBJECT
    RecsFixture m_fx;

    // Every listed video id in the database.
    std::set<std::string> listedIds() {
        const auto rows =
            m_fx.db().query("SELECT id FROM videos WHERE visibility = 'public' AND status = 'ready'");
        std::set<std::string> ids;
        for (const auto& row : rows.value_or(std::vector<std::optional<std::string>>{}))
            ids.insert(row.value_or(""));
        return ids;
    }

private slots:
    void initTestCase() { QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log())); }
    void cleanupTestCase() { QVERIFY(m_fx.stop()); }

    void coldStartListsOnlyListedVideosTrendingFirst() {
        const SignedUpUser owner = m_fx.user("coldowner");
        std::set<std::string> listed;
        for (int i = 0; i < 6; ++i)
            listed.insert(m_fx.video(owner, {.title = "Listed " + std::to_string(i), .view_count = 10 * i}));
        const std::string trending = m_fx.video(owner, {.title = "Trending one", .view_count = 5});
        listed.insert(trending);
        const std::set<std::string> hidden = {
            m_fx.video(owner, {.title = "Private", .visibility = "private", .view_count = 500}),
            m_fx.video(owner, {.title = "Unlisted", .visibility = "unlisted", .view_count = 500}),
            m_fx.video(owner, {.title = "Processing", .status = "processing", .view_count = 500}),
            m_fx.video(owner, {.title = "Failed", .status = "failed", .view_count = 500}),
        };
        QVERIFY(!listed.contains("") && !hidden.contains(""));
        // Trending: a like counts as engagement for the trending refresh; the week's row is also written
        // directly, so the test does not depend on when that refresh runs.
        const SignedUpUser fan = m_fx.user("coldfan");
        QCOMPARE(m_fx.call("PUT", "/api/v1/videos/" + trending + "/rating", fan.access_token,
                           nlohmann::json{{"rating", "like"}})
                     .status,
                 200);
        QVERIFY(m_fx.db().exec(
            "INSERT OR REPLACE INTO trending_scores (time_range, video_id, score, computed_at) "
            "VALUES ('week', ?, 1.0, ?)",
            {trending, std::to_string(fc::unixMillisNow())}));

        const SignedUpUser newcomer = m_fx.user("coldnew");
        for (const std::string& token : {std::string(), newcomer.access_token}) {
            nlohmann::json items;
            // Before and after the model folds the rows in, the answer is the cold start; wait for all of it.
            QVERIFY(RecsFixture::waitFor([&] {
                items = m_fx.feed(token).json["items"];
                return items.size() == listed.size() && !items.empty() &&
                       items[0]["video"].value("id", "") == trending;
            }));
            QCOMPARE(items[0]["reason"].value("kind", ""), std::string("trending"));
            QCOMPARE(items[0]["reason"].value("text", ""), std::string("Trending"));
            for (const auto& item : items) {
                const std::string id = item["video"].value("id", "");
                QVERIFY2(listed.contains(id), id.c_str());
                QVERIFY(item["score"].is_number());
                QVERIFY(item["video"].value("channel_name", "") != "");
            }
        }
    }

    void watchFractionFromPositionsAndHeartbeats() {
        const SignedUpUser owner = m_fx.user("fracowner");
        const SignedUpUser viewer = m_fx.user("fracviewer");
        const std::string id = m_fx.video(owner, {.title = "Fraction", .duration_ms = 100000});
        QCOMPARE(m_fx.watch(viewer, id, 10), 204);
        const std::string fraction_sql =
            "SELECT watch_fraction FROM watch_history WHERE user_id = ? AND video_id = ?";
        QCOMPARE(m_fx.db().scalar(fraction_sql, {viewer.id, id}).value_or(""), std::string("0.1"));
        // A rewind keeps the largest fraction.
        QCOMPARE(m_fx.watch(viewer, id, 5), 204);
        QCOMPARE(m_fx.db().scalar(fraction_sql, {viewer.id, id}).value_or(""), std::string("0.1"));
        // The viewer's own playback session: a heartbeat of 80 s played raises it to 0.8.
        const auto playback = m_fx.call("GET", "/api/v1/videos/" + id + "/playback", viewer.access_token);
        QCOMPARE(playback.status, 200);
        const std::string session = playback.json.value("playback_session_id", "");
        const auto events = m_fx.call(
            "POST", "/api/v1/events", viewer.access_token,
            nlohmann::json{{"playback_session_id", session},
                           {"video_id", id},
                           {"events", {{{"type", "heartbeat"}, {"at_ms", 1000}, {"watched_s", 80.0}}}}});
        QCOMPARE(events.status, 202);
        QCOMPARE(m_fx.db().scalar(fraction_sql, {viewer.id, id}).value_or(""), std::string("0.8"));
        // Past the end it is capped at 1.
        QCOMPARE(m_fx.watch(viewer, id, 250), 204);
        QCOMPARE(m_fx.db().scalar(fraction_sql, {viewer.id, id}).value_or(""), std::string("1.0"));
    }

    void signedInUserNeverSeesWatchedOrOwnVideos() {
        const SignedUpUser creator = m_fx.user("histcreator");
        const SignedUpUser viewer = m_fx.user("histviewer");
        const std::string watched = m_fx.video(creator, {.title = "Watched soon", .view_count = 900});
        const std::string other = m_fx.video(creator, {.title = "Not watched", .view_count = 800});
        const std::string own = m_fx.video(viewer, {.title = "My own upload", .view_count = 1000});
        QVERIFY(RecsFixture::waitFor(
            [&] { return contains(videoIdsOf(m_fx.wholeFeed(viewer.access_token)), other); }));
        QVERIFY(!contains(videoIdsOf(m_fx.wholeFeed(viewer.access_token)), own));
        // Watched a moment ago: gone from the very next answer, before any model refresh.
        QCOMPARE(m_fx.watch(viewer, watched, 30), 204);
        auto ids = videoIdsOf(m_fx.wholeFeed(viewer.access_token));
        QVERIFY(!ids.empty());
        QVERIFY(!contains(ids, watched));
        QVERIFY(!contains(ids, own));
        // And after the model folded the watch in.
        QTest::qWait(1500);
        ids = videoIdsOf(m_fx.wholeFeed(viewer.access_token));
        QVERIFY(!contains(ids, watched));
        QVERIFY(!contains(ids, own));
        QVERIFY(contains(ids, other));
    }

    void coWatchedVideoComesBecauseYouWatched() {
        const SignedUpUser creator = m_fx.user("cocreator");
        const std::string alpine =
            m_fx.video(creator, {.title = "Alpine glacier lakes", .tags = {"glacier"}});
        const std::string desert =
            m_fx.video(creator, {.title = "Sahara dune caravans", .tags = {"dune"}, .age_days = 40});
        for (int i = 0; i < 8; ++i) // busier videos that nobody watched with the alpine one
            m_fx.video(creator, {.title = "Popular filler " + std::to_string(i), .view_count = 5000});
        for (int i = 0; i < 4; ++i) {
            const SignedUpUser fan = m_fx.user("cofan");
            QCOMPARE(m_fx.watch(fan, alpine, 90), 204);
            QCOMPARE(m_fx.watch(fan, desert, 95), 204);
        }
        const SignedUpUser newcomer = m_fx.user("conew");
        QCOMPARE(m_fx.watch(newcomer, alpine, 80), 204);
        nlohmann::json item;
        QVERIFY(RecsFixture::waitFor([&] {
            item = itemOf(m_fx.feed(newcomer.access_token).json["items"], desert);
            return item.is_object() && item["reason"].value("kind", "") == "because_you_watched";
        }));
        QCOMPARE(item["reason"].value("video_id", ""), alpine);
        QCOMPARE(item["reason"].value("text", ""), std::string("Because you watched Alpine glacier lakes"));
        QVERIFY(!contains(videoIdsOf(m_fx.wholeFeed(newcomer.access_token)), alpine));
    }

    void subscriptionsGiveSubscriptionReasons() {
        const SignedUpUser creator = m_fx.user("subcreator");
        const std::string fresh = m_fx.video(creator, {.title = "Subscribed channel upload", .age_days = 0});
        const SignedUpUser subscriber = m_fx.user("subscriber");
        QCOMPARE(m_fx.call("PUT", "/api/v1/channels/" + creator.channel_id + "/subscription",
                           subscriber.access_token)
                     .status,
                 200);
        const std::string name = m_fx.channelName(creator.channel_id);
        QVERIFY(!name.empty());
        nlohmann::json item;
        QVERIFY(RecsFixture::waitFor([&] {
            item = itemOf(m_fx.feed(subscriber.access_token).json["items"], fresh);
            return item.is_object() && item["reason"].value("kind", "") == "subscription";
        }));
        QCOMPARE(item["reason"].value("channel_id", ""), creator.channel_id);
        QCOMPARE(item["reason"].value("text", ""), "From " + name);
    }

    void pagingHasNoDuplicatesAcrossRefreshes() {
        const SignedUpUser creator = m_fx.user("pagecreator");
        for (int i = 0; i < 30; ++i)
            QVERIFY(
                !m_fx.video(creator, {.title = "Paged video " + std::to_string(i), .view_count = i}).empty());
        const std::set<std::string> listed = listedIds();
        const SignedUpUser reader = m_fx.user("pagereader");
        QVERIFY(RecsFixture::waitFor(
            [&] { return m_fx.wholeFeed(reader.access_token).size() == listed.size(); }));
        std::set<std::string> added; // made between pages
        for (const std::string& token : {std::string(), reader.access_token}) {
            std::vector<std::string> seen;
            std::string cursor;
            for (int page = 0; page < 50; ++page) {
                const auto reply =
                    m_fx.feed(token, "?limit=7" + (cursor.empty() ? std::string() : "&cursor=" + cursor));
                QCOMPARE(reply.status, 200);
                QVERIFY(reply.json["items"].size() <= 7);
                for (const auto& id : videoIdsOf(reply.json["items"]))
                    seen.push_back(id);
                if (page == 1) { // the model refreshes before the next page
                    added.insert(m_fx.video(creator, {.title = "Added while paging", .view_count = 100000}));
                    QTest::qWait(1500);
                }
                if (!reply.json["next_cursor"].is_string())
                    break;
                cursor = reply.json["next_cursor"].get<std::string>();
            }
            const std::set<std::string> distinct(seen.begin(), seen.end());
            QCOMPARE(distinct.size(), seen.size());
            for (const std::string& id : listed)
                QVERIFY2(distinct.contains(id), id.c_str());
            for (const std::string& id : distinct)
                QVERIFY2(listed.contains(id) || added.contains(id), id.c_str());
        }
        QCOMPARE(m_fx.feed({}, "?cursor=not-a-cursor").errorCode(), std::string("invalid_cursor"));
        QCOMPARE(m_fx.feed({}, "?limit=0").status, 400);
    }

    void videoMadePrivateLeavesTheFeed() {
        const SignedUpUser owner = m_fx.user("privowner");
        const std::string id = m_fx.video(owner, {.title = "Soon private", .view_count = 3000000});
        QVERIFY(RecsFixture::waitFor([&] { return contains(videoIdsOf(m_fx.feed({}).json["items"]), id); }));
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + id, owner.access_token,
                           nlohmann::json{{"visibility", "private"}})
                     .status,
                 200);
        // At once: pages are read from the database as they are now.
        QVERIFY(!contains(videoIdsOf(m_fx.wholeFeed({})), id));
        // And after the model refreshed (the video is no longer recommendable in it).
        QTest::qWait(1500);
        QVERIFY(!contains(videoIdsOf(m_fx.wholeFeed({})), id));
        const SignedUpUser other = m_fx.user("privother");
        QVERIFY(!contains(videoIdsOf(m_fx.wholeFeed(other.access_token)), id));
    }
};

QTEST_GUILESS_MAIN(TestRecommendations)
#include "test_recommendations.moc"
