#pragma once
// The trending score (docs/API.md §17) as pure functions over hourly engagement buckets: per window, each
// kind's time-decayed sum (half-life a quarter of the window), divided by the largest among the window's
// videos, weighted 0.4 views, 0.3 likes, 0.2 comments, 0.1 shares. No database here, so it is unit-tested.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fc::server::discovery {

enum class TrendingWindow { Invalid = 0, Day, Week, Month };
inline constexpr size_t kTrendingWindowCount = 3;
inline constexpr std::array<TrendingWindow, kTrendingWindowCount> kTrendingWindows = {
    TrendingWindow::Day, TrendingWindow::Week, TrendingWindow::Month};

std::string_view trendingWindowName(TrendingWindow window); // "day", "week", "month" (the API's time_range)
TrendingWindow parseTrendingWindow(std::string_view name);  // Invalid when unknown
size_t trendingWindowIndex(TrendingWindow window);          // 0..2, the position in kTrendingWindows
int64_t trendingWindowMs(TrendingWindow window);            // 1, 7 and 30 days
int64_t trendingHalfLifeMs(TrendingWindow window);          // a quarter of the window: 6 h, 42 h, 7.5 days

inline constexpr int64_t kEngagementHourMs = 3'600'000;
// Buckets are kept a day longer than the longest window, so a refresh never misses one.
inline constexpr int64_t kEngagementRetentionHours = 31 * 24;

inline constexpr double kViewWeight = 0.4;
inline constexpr double kLikeWeight = 0.3;
inline constexpr double kCommentWeight = 0.2;
inline constexpr double kShareWeight = 0.1;

// One engagement_hourly row: the counts of one video in one hour (hour = unix ms / kEngagementHourMs).
struct EngagementBucket {
    int64_t hour = 0;
    int64_t views = 0;
    int64_t likes = 0;
    int64_t comments = 0;
    int64_t shares = 0;
};

struct EngagementSums {
    double views = 0;
    double likes = 0;
    double comments = 0;
    double shares = 0;

    bool any() const { return views > 0 || likes > 0 || comments > 0 || shares > 0; }
};

// One video's decayed sums, per window (indexed by trendingWindowIndex).
struct VideoEngagement {
    std::string video_id;
    std::array<EngagementSums, kTrendingWindowCount> windows;
};

// Adds buckets into the windows they fall in, decayed as seen from now_ms. A bucket is in a window when any
// part of its hour is (so the day window reads 25 buckets); its age is measured from the middle of its hour.
class EngagementDecay {
public:
    explicit EngagementDecay(int64_t now_ms);

    void add(const EngagementBucket& bucket, VideoEngagement& into) const;
    // The first hour of the longest window: older buckets count nowhere.
    int64_t oldestHour() const { return m_currentHour - static_cast<int64_t>(m_factors.back().size()) + 1; }
    int64_t nowMs() const { return m_nowMs; }

private:
    int64_t m_nowMs = 0;
    int64_t m_currentHour = 0;
    // Per window, the decay factor of a bucket by how many hours ago it started (0 = the current hour).
    std::array<std::vector<double>, kTrendingWindowCount> m_factors;
};

struct TrendingScore {
    std::string video_id;
    double score = 0;
};

// The window's scores, best first (ties by id): each kind's sum divided by the largest among these videos,
// weighted. Videos without engagement in the window are left out.
std::vector<TrendingScore> scoreTrendingWindow(const std::vector<VideoEngagement>& videos,
                                               TrendingWindow window);

// A stored score is rewritten only when the new one differs from it by more than this fraction: the maxima
// that normalise every score move a little with each new event, and rewriting every row on each refresh would
// send the whole table through the WAL while holding the one writer. Stored scores stay within 0.1 % of
// exact.
inline constexpr double kStoredScoreTolerance = 1e-3;

struct TrendingChanges {
    std::vector<TrendingScore> added; // ranked now, not stored
    std::vector<TrendingScore> moved; // stored, and moved by more than the tolerance
    std::vector<std::string> gone;    // stored but no longer ranked
};

// What to write to bring the stored scores (video id -> score) to the new ones.
TrendingChanges diffTrendingScores(std::unordered_map<std::string, double> stored,
                                   const std::vector<TrendingScore>& scores);

// The changes cut into batches of at most max_rows rows each (at least one batch, empty when there is
// nothing to write), so each can be its own write transaction and the one writer is never held for long.
std::vector<TrendingChanges> splitTrendingChanges(TrendingChanges changes, size_t max_rows);

} // namespace fc::server::discovery
