// GET /api/v1/videos/trending against the real server (docs/API.md §17), refreshing every second: engagement
// made through the API ranks by its weights (views 0.4, likes 0.3, comments 0.2, shares 0.1, each kind
// divided by the window's largest), old engagement (bucket rows written with old hours) counts only in the
// windows it falls in and less than the same engagement made later, the category filter, private / unlisted /
// unfinished videos never listed (also at once after a PATCH to private), a new like showing after a refresh
// and leaving when taken back, keyset paging, the item shape and 400s for bad parameters.
#include <QtTest>

#include "tests/server/test_trending_fixture.h"

using namespace fc::test;
using nlohmann::json;

class TestTrending : public QObject {
    Q_OBJECT
    TrendingFixture m_fx;
    SignedUpUser m_creator, m_fan1, m_fan2;
    std::string m_views3, m_likes2, m_viewLike, m_comment1, m_share1;

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_creator = m_fx.user("creator");
        m_fan1 = m_fx.user("fan");
        m_fan2 = m_fx.user("fan");
        QVERIFY(!m_creator.id.empty() && !m_fan1.id.empty() && !m_fan2.id.empty());
    }

    // Runs first, so only its own engagement is in the windows (the maxima are known).
    void rankingWeighsEachKind() {
        for (std::string* id : {&m_views3, &m_likes2, &m_viewLike, &m_comment1, &m_share1}) {
            *id = m_fx.video(m_creator);
            QVERIFY(!id->empty());
        }
        QVERIFY(m_fx.view(m_views3, 3));
        QVERIFY(m_fx.view(m_viewLike, 1));
        QCOMPARE(m_fx.rate(m_fan1, m_likes2, "like"), 200);
        QCOMPARE(m_fx.rate(m_fan2, m_likes2, "like"), 200);
        QCOMPARE(m_fx.rate(m_fan1, m_viewLike, "like"), 200);
        QCOMPARE(m_fx.call("POST", "/api/v1/videos/" + m_comment1 + "/comments", m_fan1.access_token,
                           json{{"text", "Lovely light in this one"}})
                     .status,
                 201);
        QCOMPARE(m_fx.call("GET", "/api/v1/videos/" + m_share1 + "/share", m_fan1.access_token).status, 200);
        QVERIFY(m_fx.waitForRefresh());

        // 3 views: 0.4; 2 likes: 0.3; 1 view + 1 like: 0.4/3 + 0.3/2; 1 comment: 0.2; 1 share: 0.1.
        const std::vector<std::string> expected = {m_views3, m_likes2, m_viewLike, m_comment1, m_share1};
        for (const char* range : {"day", "week", "month"}) {
            const auto reply = m_fx.trending(std::string("?time_range=") + range);
            QCOMPARE(reply.status, 200);
            QCOMPARE(TrendingFixture::videoIds(reply), expected);
            // Same-hour engagement: exact up to an hour boundary passing mid-test (decay within one hour).
            QVERIFY(std::abs(TrendingFixture::scoreOf(reply, m_views3) - 0.4) < 0.05);
            QVERIFY(std::abs(TrendingFixture::scoreOf(reply, m_likes2) - 0.3) < 0.05);
            QVERIFY(std::abs(TrendingFixture::scoreOf(reply, m_viewLike) - (0.4 / 3 + 0.15)) < 0.05);
            QVERIFY(std::abs(TrendingFixture::scoreOf(reply, m_comment1) - 0.2) < 0.05);
            QVERIFY(std::abs(TrendingFixture::scoreOf(reply, m_share1) - 0.1) < 0.05);
        }
        // time_range defaults to week.
        QCOMPARE(TrendingFixture::videoIds(m_fx.trending("")), expected);
    }

    void itemsWrapTheVideoWithReason() {
        const auto reply = m_fx.trending("?time_range=week&limit=1", m_fan1.access_token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json["items"].size(), size_t{1});
        const json& item = reply.json["items"][0];
        QCOMPARE(item["reason"], (json{{"kind", "trending"}, {"text", "Trending"}}));
        QVERIFY(item["score"].is_number());
        QCOMPARE(item["video"].value("channel_handle", ""), m_creator.username);
        QCOMPARE(item["video"].value("view_count", -1), 3);
        QVERIFY(!item["video"].contains("source")); // not the owner
        QVERIFY(reply.json["computed_at"].is_string());
        QVERIFY(reply.json["next_cursor"].is_string());
    }

    // Bucket rows with old hours: an event 8 days old counts in month only; of the same engagement, older
    // ranks lower; 26 h old is out of the day window.
    void windowsAndDecay() {
        const std::string recent = m_fx.video(m_creator), older = m_fx.video(m_creator);
        const std::string day_old = m_fx.video(m_creator), week_old = m_fx.video(m_creator);
        QVERIFY(m_fx.addBucket(recent, 2, 0, 0, 1, 0));
        QVERIFY(m_fx.addBucket(older, 20, 0, 0, 1, 0));
        QVERIFY(m_fx.addBucket(day_old, 26, 0, 0, 1, 0));
        QVERIFY(m_fx.addBucket(week_old, 8 * 24, 0, 0, 1, 0));
        QVERIFY(m_fx.waitForRefresh());

        const auto day = m_fx.ranked("day"), week = m_fx.ranked("week"), month = m_fx.ranked("month");
        QVERIFY(indexOf(day, recent) >= 0 && indexOf(day, recent) < indexOf(day, older));
        QCOMPARE(indexOf(day, day_old), -1);
        QCOMPARE(indexOf(day, week_old), -1);
        QVERIFY(indexOf(week, older) >= 0 && indexOf(week, older) < indexOf(week, day_old));
        QCOMPARE(indexOf(week, week_old), -1);
        QVERIFY(indexOf(month, day_old) >= 0 && indexOf(month, day_old) < indexOf(month, week_old));
        // The fresh API engagement still leads the day (a whole fresh comment beats one 2 h old).
        QVERIFY(indexOf(day, m_comment1) < indexOf(day, recent));
    }

    void categoryFilter() {
        QVERIFY(m_fx.db().exec("UPDATE videos SET category = 'Music' WHERE id IN (?, ?)",
                               {m_views3, m_comment1}));
        QVERIFY(m_fx.db().exec("UPDATE videos SET category = 'Gaming' WHERE id = ?", {m_likes2}));
        // The filter reads the video's category at request time, case-insensitively.
        const auto music = m_fx.trending("?time_range=day&category=mUSIC");
        QCOMPARE(music.status, 200);
        QCOMPARE(TrendingFixture::videoIds(music), (std::vector<std::string>{m_views3, m_comment1}));
        QCOMPARE(TrendingFixture::videoIds(m_fx.trending("?category=Gaming")),
                 std::vector<std::string>{m_likes2});
        QVERIFY(TrendingFixture::videoIds(m_fx.trending("?category=Polka")).empty());
        // An empty category is no filter.
        QCOMPARE(m_fx.ranked("day"),
                 TrendingFixture::videoIds(m_fx.trending("?time_range=day&limit=100&category=")));
    }

    void privateUnlistedAndUnfinishedNeverListed() {
        const std::string hidden = m_fx.video(m_creator, "private"),
                          unlisted = m_fx.video(m_creator, "unlisted");
        const std::string processing = m_fx.video(m_creator, "public", "", "processing");
        for (const std::string& id : {hidden, unlisted, processing})
            QVERIFY(m_fx.addBucket(id, 0, 1000, 1000, 1000, 1000));
        QCOMPARE(m_fx.rate(m_creator, hidden, "like"), 200); // the owner may rate their private video
        QVERIFY(m_fx.waitForRefresh());
        for (const char* range : {"day", "week", "month"})
            for (const std::string& token : {std::string(), m_creator.access_token}) {
                const auto ids = m_fx.ranked(range, token);
                QVERIFY(!ids.empty());
                for (const std::string& id : {hidden, unlisted, processing})
                    QCOMPARE(indexOf(ids, id), -1);
            }
        // They did not raise the maxima either: the 3-view video still has the top view score.
        QVERIFY(std::abs(TrendingFixture::scoreOf(m_fx.trending("?time_range=day"), m_views3) - 0.4) < 0.05);

        // Made private: gone at once, before any refresh, for everyone (its owner too).
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + m_likes2, m_creator.access_token,
                           json{{"visibility", "private"}})
                     .status,
                 200);
        QCOMPARE(indexOf(m_fx.ranked("week"), m_likes2), -1);
        QCOMPARE(indexOf(m_fx.ranked("week", m_creator.access_token), m_likes2), -1);
        QVERIFY(TrendingFixture::videoIds(m_fx.trending("?category=Gaming")).empty());
        // Public again: back after the next refresh (its engagement was kept).
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + m_likes2, m_creator.access_token,
                           json{{"visibility", "public"}})
                     .status,
                 200);
        QVERIFY(m_fx.waitForRefresh());
        QVERIFY(indexOf(m_fx.ranked("week"), m_likes2) >= 0);
    }

    void newLikeShowsAfterRefreshAndLeavesWhenTakenBack() {
        const std::string fresh = m_fx.video(m_creator);
        QVERIFY(m_fx.waitForRefresh());
        QCOMPARE(indexOf(m_fx.ranked("day"), fresh), -1);
        QCOMPARE(m_fx.rate(m_fan2, fresh, "like"), 200);
        QVERIFY(m_fx.waitForRefresh());
        QVERIFY(indexOf(m_fx.ranked("day"), fresh) >= 0);
        QCOMPARE(m_fx.rate(m_fan2, fresh, "dislike"), 200); // a like turned into a dislike is taken back
        QVERIFY(m_fx.waitForRefresh());
        QCOMPARE(indexOf(m_fx.ranked("day"), fresh), -1);
    }

    void keysetPagingCoversTheRanking() {
        const auto all = m_fx.ranked("month");
        QVERIFY(all.size() >= 8);
        std::vector<std::string> paged;
        std::string cursor;
        for (int page = 0; page < 50; ++page) {
            const auto reply =
                m_fx.trending("?time_range=month&limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.json["items"].size() <= 3);
            for (const auto& id : TrendingFixture::videoIds(reply))
                paged.push_back(id);
            if (!reply.json["next_cursor"].is_string())
                break;
            cursor = reply.json["next_cursor"].get<std::string>();
        }
        QCOMPARE(paged, all);
    }

    void badParametersAre400() {
        for (const char* query : {"?time_range=year", "?time_range=DAY", "?limit=0", "?limit=-2", "?limit=x",
                                  "?category="
                                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
            const auto reply = m_fx.trending(query);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        }
        for (const char* cursor : {"garbage", "MTIzOmJhZA", "eA"})
            QCOMPARE(m_fx.trending(std::string("?cursor=") + cursor).errorCode(),
                     std::string("invalid_cursor"));
        QCOMPARE(m_fx.trending("?limit=500").json["items"].size(), m_fx.ranked("week").size()); // clamped
    }

    void cleanupTestCase() { QVERIFY(m_fx.stop()); }
};

QTEST_GUILESS_MAIN(TestTrending)
#include "test_trending.moc"
