// The recommendation service's small parts without a server: feed cursors (round trip, malformed ones
// refused), the feed list cache (owner check, least recently used eviction), the change watermark's overlap
// window, the feedback weights, and the id table.
#include <QtTest>

#include "core/util/base64.h"
#include "server/discovery/recs_change_watermark.h"
#include "server/discovery/recs_feed_cache.h"
#include "server/discovery/recs_id_table.h"
#include "server/discovery/recs_repository.h"

using namespace fc::server::discovery;

class TestRecommendationsUnit : public QObject {
    Q_OBJECT

private slots:
    void cursorsRoundTripAndRefuseForgeries() {
        const std::string text = encodeFeedCursor({1234567890123ULL, 40});
        const auto decoded = decodeFeedCursor(text);
        QVERIFY(decoded);
        QCOMPARE(decoded->list_id, 1234567890123ULL);
        QCOMPARE(decoded->offset, size_t(40));
        for (const std::string& bad :
             {std::string(), std::string("not-a-cursor"), fc::base64Encode("r1:12", fc::Base64Alphabet::Url),
              fc::base64Encode("r1:12:-1", fc::Base64Alphabet::Url),
              fc::base64Encode("r1:x:3", fc::Base64Alphabet::Url),
              fc::base64Encode("r1:1:99999999", fc::Base64Alphabet::Url),
              fc::base64Encode("v9:1:2", fc::Base64Alphabet::Url)})
            QVERIFY2(!decodeFeedCursor(bad), bad.c_str());
    }

    void cacheKeepsListsForTheirOwnerAndEvictsTheOldest() {
        RecsFeedCache cache;
        auto mine = std::make_shared<RecsFeedList>();
        mine->user_id = "alice";
        mine->ranked_at_ms = 1000;
        const uint64_t id = cache.put(mine);
        QCOMPARE(cache.find(id, std::string("alice"), 2000), std::shared_ptr<const RecsFeedList>(mine));
        QVERIFY(!cache.find(id, std::string("bob"), 2000));
        QVERIFY(!cache.find(id, std::nullopt, 2000));
        QVERIFY(!cache.find(id + 1, std::string("alice"), 2000));
        // Used just now, so it survives kCapacity - 1 newer lists; one more pushes it out.
        for (size_t i = 0; i + 1 < RecsFeedCache::kCapacity; ++i)
            cache.put(std::make_shared<RecsFeedList>());
        QVERIFY(cache.find(id, std::string("alice"), 2000));
        for (size_t i = 0; i < RecsFeedCache::kCapacity; ++i)
            cache.put(std::make_shared<RecsFeedList>());
        QVERIFY(!cache.find(id, std::string("alice"), 2000));
        // Too old.
        const uint64_t old = cache.put(mine);
        QVERIFY(!cache.find(old, std::string("alice"), 1000 + RecsFeedCache::kTtlMs + 1));
    }

    void watermarkRereadsTheOverlapOnce() {
        RecsChangeWatermark watermark;
        QCOMPARE(watermark.readFrom(), kFromTheStart);
        watermark.seen(100000);
        QCOMPARE(watermark.readFrom(), 100000 - RecsChangeWatermark::kOverlapMs);
        QVERIFY(watermark.take("a", 99000));  // inside the window, not applied yet
        QVERIFY(!watermark.take("a", 99000)); // the same row read again
        QVERIFY(watermark.take("a", 101000)); // changed again
        QCOMPARE(watermark.readFrom(), 101000 - RecsChangeWatermark::kOverlapMs);
        watermark.seen(200000);
        watermark.prune(); // "a" fell out of the window; were it read again, it would count again
        QVERIFY(watermark.take("a", 101000));
    }

    void feedbackWeights() {
        QCOMPARE(feedbackWeight({"u", "v", 0.6, 0, 0}), 0.6f);
        QCOMPARE(feedbackWeight({"u", "v", 0.0, 0, 0}), kMinWatchWeight);
        QCOMPARE(feedbackWeight({"u", "v", std::nullopt, 0, 0}), kMinWatchWeight);
        QCOMPARE(feedbackWeight({"u", "v", 0.3, 1, 0}), 1.0f);
        QCOMPARE(feedbackWeight({"u", "v", 0.9, -1, 0}), -1.0f);
        QCOMPARE(feedbackWeight({"u", "v", 7.0, 0, 0}), 1.0f);
    }

    void idTableIsAppendOnly() {
        RecsIdTable table;
        QCOMPARE(table.intern("x"), 0u);
        QCOMPARE(table.intern("y"), 1u);
        QCOMPARE(table.intern("x"), 0u);
        QCOMPARE(table.find("y").value_or(99), 1u);
        QVERIFY(!table.find("z"));
        QCOMPARE(table.id(1), std::string("y"));
        QCOMPARE(table.id(7), std::string());
        QCOMPARE(table.size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestRecommendationsUnit)
#include "test_recommendations_unit.moc"
