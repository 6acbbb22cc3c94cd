// RateLimiter's token-bucket arithmetic at controlled times, and the --rate-limits syntax.
#include <QtTest>

#include "server/config/server_config.h"
#include "server/http/rate_limiter.h"

using fc::server::RateLimiter;
using fc::server::RateLimitRule;

namespace {

constexpr int64_t kStart_ms = 1'000'000;

RateLimiter threePerMinute() {
    return RateLimiter({{"metadata", RateLimitRule{3, 60'000}}, {"auth", RateLimitRule{5, 1000}}});
}

} // namespace

class TestRateLimiterUnit : public QObject {
    Q_OBJECT
private slots:
    void burstUpToCapacityThenRefuses() {
        RateLimiter limiter = threePerMinute();
        for (int i = 0; i < 3; ++i) {
            const auto decision = limiter.take("metadata", "ip:1.2.3.4", kStart_ms);
            QVERIFY(decision.allowed);
            QCOMPARE(decision.limit, int64_t(3));
            QCOMPARE(decision.remaining, int64_t(2 - i));
        }
        const auto refused = limiter.take("metadata", "ip:1.2.3.4", kStart_ms);
        QVERIFY(!refused.allowed);
        // One token every 20 s: an empty bucket has its next token in exactly 20 s.
        QCOMPARE(refused.retry_after_s, int64_t(20));
        QCOMPARE(refused.limit, int64_t(3));
    }

    void retryAfterShrinksAsTimePasses() {
        RateLimiter limiter = threePerMinute();
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("metadata", "u", kStart_ms).allowed);
        QCOMPARE(limiter.take("metadata", "u", kStart_ms + 5'000).retry_after_s, int64_t(15));
        QCOMPARE(limiter.take("metadata", "u", kStart_ms + 19'001).retry_after_s, int64_t(1));
    }

    void refillsAtTheConfiguredRate() {
        RateLimiter limiter = threePerMinute();
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("metadata", "u", kStart_ms).allowed);
        QVERIFY(!limiter.take("metadata", "u", kStart_ms + 19'999).allowed);
        QVERIFY(limiter.take("metadata", "u", kStart_ms + 20'000).allowed);
        QVERIFY(!limiter.take("metadata", "u", kStart_ms + 20'000).allowed);
        // 40 s later two more tokens are back, no more.
        QVERIFY(limiter.take("metadata", "u", kStart_ms + 60'000).allowed);
        QVERIFY(limiter.take("metadata", "u", kStart_ms + 60'000).allowed);
        QVERIFY(!limiter.take("metadata", "u", kStart_ms + 60'000).allowed);
    }

    void refillNeverExceedsCapacity() {
        RateLimiter limiter = threePerMinute();
        QVERIFY(limiter.take("metadata", "u", kStart_ms).allowed);
        const int64_t muchLater = kStart_ms + 10 * 3'600'000;
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("metadata", "u", muchLater).allowed);
        QVERIFY(!limiter.take("metadata", "u", muchLater).allowed);
    }

    void subjectsAndGroupsHaveTheirOwnBuckets() {
        RateLimiter limiter = threePerMinute();
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("metadata", "ip:10.0.0.1", kStart_ms).allowed);
        QVERIFY(!limiter.take("metadata", "ip:10.0.0.1", kStart_ms).allowed);
        QVERIFY(limiter.take("metadata", "ip:10.0.0.2", kStart_ms).allowed);
        QVERIFY(limiter.take("metadata", "user:abc", kStart_ms).allowed);
        QVERIFY(limiter.take("auth", "ip:10.0.0.1", kStart_ms).allowed);
        // A subject name cannot reach into another group's bucket.
        QVERIFY(limiter.take("metadata\nip:10.0.0.1", "", kStart_ms).allowed);
    }

    void fastRulesStillSayAtLeastOneSecond() {
        RateLimiter limiter = threePerMinute(); // auth: 5 per second
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take("auth", "s", kStart_ms).allowed);
        const auto refused = limiter.take("auth", "s", kStart_ms);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retry_after_s, int64_t(1));
        QVERIFY(limiter.take("auth", "s", kStart_ms + 200).allowed);
    }

    void unknownAndZeroGroupsAreUnlimited() {
        RateLimiter limiter({{"search", RateLimitRule{}}});
        for (int i = 0; i < 10'000; ++i) {
            QVERIFY(limiter.take("search", "s", kStart_ms).allowed);
            QVERIFY(limiter.take("health", "s", kStart_ms).allowed);
        }
        QCOMPARE(limiter.take("health", "s", kStart_ms).limit, int64_t(0));
        QCOMPARE(limiter.bucketCount(), size_t(0));
    }

    void fullBucketsAreForgottenAndBehaveAsNew() {
        RateLimiter limiter = threePerMinute();
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.take("metadata", "ip:" + std::to_string(i), kStart_ms).allowed);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("metadata", "busy", kStart_ms).allowed);
        QVERIFY(limiter.take("metadata", "busy", kStart_ms + 30'000).allowed); // 1.5 tokens back, 0.5 left
        QCOMPARE(limiter.bucketCount(), size_t(1001));
        // A minute on, the sweep drops the 1000 buckets that are full again (since +20 s) but keeps "busy",
        // which is full only at +80 s.
        QVERIFY(limiter.take("metadata", "other", kStart_ms + 60'000).allowed);
        QCOMPARE(limiter.bucketCount(), size_t(2));
        QVERIFY(limiter.take("metadata", "busy", kStart_ms + 60'000).allowed);
        QVERIFY(limiter.take("metadata", "busy", kStart_ms + 60'000).allowed);
        QVERIFY(!limiter.take("metadata", "busy", kStart_ms + 60'000).allowed);
        const auto forgotten = limiter.take("metadata", "ip:7", kStart_ms + 60'000);
        QVERIFY(forgotten.allowed);
        QCOMPARE(forgotten.remaining, int64_t(2));
    }

    void parsesRuleSyntax() {
        const auto perMinute = fc::server::parseRateLimitRule("3/min");
        QVERIFY(perMinute.ok());
        QCOMPARE(perMinute->requests, int64_t(3));
        QCOMPARE(perMinute->period_ms, int64_t(60'000));
        QCOMPARE(fc::server::parseRateLimitRule("10/h")->period_ms, int64_t(3'600'000));
        QCOMPARE(fc::server::parseRateLimitRule("5/s")->period_ms, int64_t(1000));
        QCOMPARE(fc::server::parseRateLimitRule("0")->requests, int64_t(0));
        QVERIFY(!fc::server::parseRateLimitRule("3").ok());
        QVERIFY(!fc::server::parseRateLimitRule("3/fortnight").ok());
        QVERIFY(!fc::server::parseRateLimitRule("-1/min").ok());
        QVERIFY(!fc::server::parseRateLimitRule("x/min").ok());
    }

    void flagOverridesOneGroupAndKeepsTheOtherDefaults() {
        const auto loaded = fc::server::loadServerConfig(
            {"framecastd", "--rate-limits", "metadata=3/min,auth=0"}, {"HOME=/tmp"});
        QVERIFY(loaded.ok());
        const auto& rules = loaded->config.rate_limits;
        QCOMPARE(rules.at("metadata").requests, int64_t(3));
        QCOMPARE(rules.at("metadata").period_ms, int64_t(60'000));
        QCOMPARE(rules.at("auth").requests, int64_t(0));
        QVERIFY(rules.at("uploads").requests > 0);
        QVERIFY(!fc::server::loadServerConfig({"framecastd", "--rate-limits", "metadata"}, {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestRateLimiterUnit)
#include "test_rate_limiter_unit.moc"
