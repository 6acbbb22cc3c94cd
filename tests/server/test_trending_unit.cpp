// The trending score as pure functions (server/discovery/trending_model): which hourly buckets each window
// reads (any part of the hour inside it), the decay (a quarter-window half-life, from the middle of the
// hour), each kind divided by the window's largest and weighted 0.4/0.3/0.2/0.1, videos without engagement
// left out, ties by id.
#include <QtTest>

#include <algorithm>

#include "server/discovery/trending_model.h"

using namespace fc::server::discovery;

namespace {

constexpr int64_t kHour = kEngagementHourMs;
// 10:00:00 on some day, plus 30 min: the current hour's middle is now.
constexpr int64_t kNow = 480'000 * kHour + kHour / 2;
constexpr int64_t kCurrentHour = kNow / kHour;

VideoEngagement engaged(const std::string& id, const std::vector<EngagementBucket>& buckets,
                        const EngagementDecay& decay) {
    VideoEngagement video{id, {}};
    for (const EngagementBucket& bucket : buckets)
        decay.add(bucket, video);
    return video;
}

EngagementBucket likesAt(int64_t hours_ago, int64_t likes) {
    return {kCurrentHour - hours_ago, 0, likes, 0, 0};
}

double likeSum(const VideoEngagement& video, TrendingWindow window) {
    return video.windows[trendingWindowIndex(window)].likes;
}

} // namespace

class TestTrendingUnit : public QObject {
    Q_OBJECT

private slots:
    void windowNames() {
        for (TrendingWindow window : kTrendingWindows)
            QCOMPARE(parseTrendingWindow(trendingWindowName(window)), window);
        QCOMPARE(parseTrendingWindow("year"), TrendingWindow::Invalid);
        QCOMPARE(parseTrendingWindow(""), TrendingWindow::Invalid);
        QCOMPARE(trendingHalfLifeMs(TrendingWindow::Day), 6 * kHour);
        QCOMPARE(trendingHalfLifeMs(TrendingWindow::Week), 42 * kHour);
        QCOMPARE(trendingHalfLifeMs(TrendingWindow::Month), 180 * kHour); // 7.5 days
    }

    void bucketsFallInTheirWindows() {
        const EngagementDecay decay(kNow);
        QCOMPARE(decay.oldestHour(), kCurrentHour - 30 * 24);
        struct Case {
            int64_t hours_ago;
            bool day, week, month;
        };
        for (const Case& c :
             {Case{0, true, true, true}, Case{24, true, true, true}, Case{25, false, true, true},
              Case{168, false, true, true}, Case{169, false, false, true}, Case{8 * 24, false, false, true},
              Case{720, false, false, true}, Case{721, false, false, false}}) {
            const auto video = engaged("v", {likesAt(c.hours_ago, 1)}, decay);
            QCOMPARE(likeSum(video, TrendingWindow::Day) > 0, c.day);
            QCOMPARE(likeSum(video, TrendingWindow::Week) > 0, c.week);
            QCOMPARE(likeSum(video, TrendingWindow::Month) > 0, c.month);
        }
        // A bucket stamped after now (a clock step) counts as the current hour.
        const auto ahead = engaged("v", {likesAt(-2, 1)}, decay);
        QCOMPARE(likeSum(ahead, TrendingWindow::Day), 1.0);
    }

    void decayHalvesPerHalfLife() {
        const EngagementDecay decay(kNow);
        const auto now = engaged("v", {likesAt(0, 4)}, decay);
        const auto six = engaged("v", {likesAt(6, 4)}, decay);
        const auto twelve = engaged("v", {likesAt(12, 4)}, decay);
        QCOMPARE(likeSum(now, TrendingWindow::Day), 4.0);
        QVERIFY(qFuzzyCompare(likeSum(six, TrendingWindow::Day), 2.0));
        QVERIFY(qFuzzyCompare(likeSum(twelve, TrendingWindow::Day), 1.0));
        QVERIFY(qFuzzyCompare(likeSum(engaged("v", {likesAt(42, 4)}, decay), TrendingWindow::Week), 2.0));
        QVERIFY(qFuzzyCompare(likeSum(engaged("v", {likesAt(180, 4)}, decay), TrendingWindow::Month), 2.0));
        // Buckets of one video add up.
        QVERIFY(qFuzzyCompare(
            likeSum(engaged("v", {likesAt(0, 4), likesAt(6, 4)}, decay), TrendingWindow::Day), 6.0));
        // Same engagement, older: lower.
        const std::vector<VideoEngagement> videos = {engaged("old", {likesAt(10, 3)}, decay),
                                                     engaged("new", {likesAt(1, 3)}, decay)};
        const auto scores = scoreTrendingWindow(videos, TrendingWindow::Day);
        QCOMPARE(scores.size(), size_t{2});
        QCOMPARE(scores[0].video_id, std::string("new"));
        QVERIFY(scores[0].score > scores[1].score);
    }

    void kindsAreNormalisedAndWeighted() {
        const EngagementDecay decay(kNow);
        const int64_t h = kCurrentHour;
        std::vector<VideoEngagement> videos = {
            engaged("all", {{h, 100, 10, 4, 2}}, decay),  // the largest of every kind: 1.0
            engaged("views", {{h, 50, 0, 0, 0}}, decay),  // 0.4 * 50/100
            engaged("likes", {{h, 0, 10, 0, 0}}, decay),  // 0.3
            engaged("mixed", {{h, 0, 5, 2, 1}}, decay),   // 0.3/2 + 0.2/2 + 0.1/2
            engaged("none", {{h, 0, 0, 0, 0}}, decay),    // a like taken back leaves a zero bucket
            engaged("shares", {{h, 0, 0, 0, 2}}, decay)}; // 0.1
        const auto scores = scoreTrendingWindow(videos, TrendingWindow::Week);
        std::vector<std::string> order;
        for (const auto& score : scores)
            order.push_back(score.video_id);
        QCOMPARE(order, (std::vector<std::string>{"all", "likes", "mixed", "views", "shares"}));
        QVERIFY(qFuzzyCompare(scores[0].score, 1.0));
        QVERIFY(qFuzzyCompare(scores[1].score, 0.3));
        QVERIFY(qFuzzyCompare(scores[2].score, 0.3));
        QVERIFY(qFuzzyCompare(scores[3].score, 0.2));
        QVERIFY(qFuzzyCompare(scores[4].score, 0.1));
        // Ties by id.
        QVERIFY(scores[1].video_id < scores[2].video_id);
        QVERIFY(scoreTrendingWindow({}, TrendingWindow::Day).empty());
    }

    // Only what changed is written: new videos, scores moved by more than 0.1 %, videos no longer ranked.
    void diffWritesOnlyChanges() {
        const std::unordered_map<std::string, double> stored = {
            {"same", 0.5}, {"nudged", 0.8}, {"moved", 0.3}, {"left", 0.2}};
        const auto changes = diffTrendingScores(
            stored, {{"same", 0.5}, {"nudged", 0.8 * 1.0005}, {"moved", 0.3 * 1.01}, {"new", 0.1}});
        QCOMPARE(changes.added.size(), size_t{1});
        QCOMPARE(changes.added[0].video_id, std::string("new"));
        QCOMPARE(changes.moved.size(), size_t{1});
        QCOMPARE(changes.moved[0].video_id, std::string("moved"));
        QCOMPARE(changes.gone, std::vector<std::string>{"left"});
        const auto everything = diffTrendingScores({}, {{"a", 0.4}, {"b", 0.2}});
        QCOMPARE(everything.added.size(), size_t{2});
        QVERIFY(everything.moved.empty() && everything.gone.empty());
    }

    // A refresh writes its changes in batches (one write transaction each): every row once, none over the
    // size, and one (empty) batch when nothing changed, which still records the refresh.
    void changesSplitIntoBoundedBatches() {
        TrendingChanges changes;
        for (int i = 0; i < 7; ++i)
            changes.added.push_back({"a" + std::to_string(i), 0.1 * i});
        for (int i = 0; i < 4; ++i)
            changes.moved.push_back({"m" + std::to_string(i), 0.5});
        for (int i = 0; i < 3; ++i)
            changes.gone.push_back("g" + std::to_string(i));
        const std::vector<TrendingChanges> batches = splitTrendingChanges(changes, 5);
        QCOMPARE(batches.size(), size_t{3}); // 14 rows
        std::vector<std::string> seen;
        for (const TrendingChanges& batch : batches) {
            QVERIFY(batch.added.size() + batch.moved.size() + batch.gone.size() <= 5);
            for (const auto& score : batch.added)
                seen.push_back(score.video_id);
            for (const auto& score : batch.moved)
                seen.push_back(score.video_id);
            seen.insert(seen.end(), batch.gone.begin(), batch.gone.end());
        }
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, (std::vector<std::string>{"a0", "a1", "a2", "a3", "a4", "a5", "a6", "g0", "g1", "g2",
                                                 "m0", "m1", "m2", "m3"}));
        const std::vector<TrendingChanges> none = splitTrendingChanges({}, 5);
        QCOMPARE(none.size(), size_t{1});
        QVERIFY(none[0].added.empty() && none[0].moved.empty() && none[0].gone.empty());
    }
};

QTEST_GUILESS_MAIN(TestTrendingUnit)
#include "test_trending_unit.moc"
