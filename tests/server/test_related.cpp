// GET /api/v1/videos/:id/related (docs/API.md §17) against a real framecastd whose model refreshes every
// second: videos watched together and videos with the same tags rank above unrelated ones as popular, the
// current video never comes back, a private video's related list is 404 for anyone but its owner, an unlisted
// video has related videos (all listed), the signed-in viewer's history is left out, and the limit holds.
#include <QtTest>

#include "tests/server/test_recommendations_fixture.h"

using namespace fc::test;

class TestRelated : public QObject {
    Q_OBJECT
    RecsFixture m_fx;
    SignedUpUser m_baker;   // the current video's channel
    SignedUpUser m_paddler; // the co-watched video's channel
    SignedUpUser m_other;   // similar and unrelated videos
    std::string m_current, m_cowatched, m_similar, m_sameChannel, m_private, m_unlisted;
    std::vector<std::string> m_unrelated;

    void checkAllListed(const nlohmann::json& items) {
        for (const auto& item : items) {
            QCOMPARE(item["video"].value("visibility", ""), std::string("public"));
            QCOMPARE(item["video"].value("status", ""), std::string("ready"));
        }
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_baker = m_fx.user("baker");
        m_paddler = m_fx.user("paddler");
        m_other = m_fx.user("other");
        m_current = m_fx.video(m_baker, {.title = "Sourdough starter basics",
                                         .tags = {"sourdough", "baking"},
                                         .description = "Feeding a sourdough starter with rye flour.",
                                         .category = "Food"});
        m_sameChannel =
            m_fx.video(m_baker, {.title = "Workshop tour", .tags = {"workshop"}, .category = "Vlog"});
        m_cowatched =
            m_fx.video(m_paddler, {.title = "Kayak rolling drills", .tags = {"kayak"}, .category = "Sport"});
        m_similar = m_fx.video(m_other, {.title = "Sourdough scoring patterns",
                                         .tags = {"sourdough", "baking"},
                                         .description = "Scoring a sourdough loaf before baking.",
                                         .category = "Food",
                                         .view_count = 100});
        for (int i = 0; i < 6; ++i)
            m_unrelated.push_back(m_fx.video(m_other, {.title = "Chess endgame study " + std::to_string(i),
                                                       .tags = {"chess"},
                                                       .category = "Games",
                                                       .view_count = 100}));
        m_private = m_fx.video(m_baker,
                               {.title = "Sourdough secret", .tags = {"sourdough"}, .visibility = "private"});
        m_unlisted = m_fx.video(
            m_baker, {.title = "Sourdough unlisted", .tags = {"sourdough"}, .visibility = "unlisted"});
        for (int i = 0; i < 4; ++i) {
            const SignedUpUser fan = m_fx.user("relfan");
            QCOMPARE(m_fx.watch(fan, m_current, 90), 204);
            QCOMPARE(m_fx.watch(fan, m_cowatched, 80), 204);
            QCOMPARE(m_fx.watch(fan, m_unlisted, 50), 204);
        }
    }
    void cleanupTestCase() { QVERIFY(m_fx.stop()); }

    void prefersCoWatchedAndSameTagVideos() {
        nlohmann::json items;
        QVERIFY(RecsFixture::waitFor([&] {
            items = m_fx.related(m_current).json["items"];
            const auto co = itemOf(items, m_cowatched);
            const auto like = itemOf(items, m_similar);
            return co.is_object() && co["reason"].value("kind", "") == "watched_together" &&
                   like.is_object() && like["reason"].value("kind", "") == "similar";
        }));
        QCOMPARE(itemOf(items, m_cowatched)["reason"].value("text", ""), std::string("Viewers also watched"));
        QCOMPARE(itemOf(items, m_similar)["reason"].value("text", ""), std::string("Similar to this video"));
        const auto ids = videoIdsOf(items);
        std::string listing; // for failure messages: title, reason, score
        for (const auto& item : items)
            listing += item["video"].value("title", "") + " (" + item["reason"].value("kind", "") + " " +
                       std::to_string(item.value("score", 0.0)) + "); ";
        for (const std::string& unrelated : m_unrelated) {
            QVERIFY2(positionOf(ids, m_cowatched) < positionOf(ids, unrelated), listing.c_str());
            QVERIFY2(positionOf(ids, m_similar) < positionOf(ids, unrelated), listing.c_str());
        }
        const auto same = itemOf(items, m_sameChannel);
        QVERIFY(same.is_object());
        QCOMPARE(same["reason"].value("kind", ""), std::string("same_channel"));
        QCOMPARE(same["reason"].value("channel_id", ""), m_baker.channel_id);
        QCOMPARE(same["reason"].value("text", ""), "More from " + m_fx.channelName(m_baker.channel_id));
        QVERIFY(m_fx.related(m_current).json["next_cursor"].is_null());
    }

    void neverTheCurrentVideoNorUnlistedOnes() {
        for (const std::string& id : {m_current, m_cowatched, m_similar, m_unrelated.front()}) {
            const auto reply = m_fx.related(id);
            QCOMPARE(reply.status, 200);
            const auto ids = videoIdsOf(reply.json["items"]);
            QVERIFY(!ids.empty());
            QVERIFY(!contains(ids, id));
            QVERIFY(!contains(ids, m_private));
            QVERIFY(!contains(ids, m_unlisted));
            checkAllListed(reply.json["items"]);
        }
    }

    void privateVideoIsNotFoundButUnlistedWorks() {
        QCOMPARE(m_fx.related(m_private).errorCode(), std::string("video_not_found"));
        QCOMPARE(m_fx.related(m_private, m_paddler.access_token).status, 404);
        QCOMPARE(m_fx.related("nonexistent").status, 404);
        const auto mine = m_fx.related(m_private, m_baker.access_token);
        QCOMPARE(mine.status, 200);
        QVERIFY(!contains(videoIdsOf(mine.json["items"]), m_private));
        const auto unlisted = m_fx.related(m_unlisted);
        QCOMPARE(unlisted.status, 200);
        const auto ids = videoIdsOf(unlisted.json["items"]);
        QVERIFY(contains(ids, m_current)); // watched together with it
        QVERIFY(!contains(ids, m_unlisted));
        checkAllListed(unlisted.json["items"]);
    }

    void leavesOutTheViewersHistory() {
        const SignedUpUser viewer = m_fx.user("relviewer");
        QCOMPARE(m_fx.watch(viewer, m_cowatched, 10), 204);
        QVERIFY(contains(videoIdsOf(m_fx.related(m_current).json["items"]), m_cowatched));
        QVERIFY(
            !contains(videoIdsOf(m_fx.related(m_current, viewer.access_token).json["items"]), m_cowatched));
    }

    void limitIsCappedAt50() {
        for (int i = 0; i < 50; ++i)
            QVERIFY(!m_fx.video(m_other, {.title = "Filler " + std::to_string(i)}).empty());
        QVERIFY(RecsFixture::waitFor(
            [&] { return m_fx.related(m_current, {}, "?limit=500").json["items"].size() == 50; }));
        QCOMPARE(m_fx.related(m_current, {}, "").json["items"].size(), size_t(20));
        QCOMPARE(m_fx.related(m_current, {}, "?limit=2").json["items"].size(), size_t(2));
        QCOMPARE(m_fx.related(m_current, {}, "?limit=0").errorCode(), std::string("invalid_request"));
        QCOMPARE(m_fx.related(m_current, {}, "?limit=x").status, 400);
    }
};

QTEST_GUILESS_MAIN(TestRelated)
#include "test_related.moc"
