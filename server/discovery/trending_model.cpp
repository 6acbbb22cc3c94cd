#include "server/discovery/trending_model.h"

#include <algorithm>
#include <cmath>

namespace fc::server::discovery {
namespace {

constexpr int64_t kDayMs = 24 * kEngagementHourMs;

double& kindOf(EngagementSums& sums, int kind) {
    switch (kind) {
    case 0:
        return sums.views;
    case 1:
        return sums.likes;
    case 2:
        return sums.comments;
    default:
        return sums.shares;
    }
}

} // namespace

std::string_view trendingWindowName(TrendingWindow window) {
    switch (window) {
    case TrendingWindow::Day:
        return "day";
    case TrendingWindow::Week:
        return "week";
    case TrendingWindow::Month:
        return "month";
    case TrendingWindow::Invalid:
        break;
    }
    return "";
}

TrendingWindow parseTrendingWindow(std::string_view name) {
    for (TrendingWindow window : kTrendingWindows)
        if (trendingWindowName(window) == name)
            return window;
    return TrendingWindow::Invalid;
}

size_t trendingWindowIndex(TrendingWindow window) {
    return window == TrendingWindow::Day ? 0 : window == TrendingWindow::Week ? 1 : 2;
}

int64_t trendingWindowMs(TrendingWindow window) {
    return window == TrendingWindow::Day ? kDayMs : window == TrendingWindow::Week ? 7 * kDayMs : 30 * kDayMs;
}

int64_t trendingHalfLifeMs(TrendingWindow window) {
    return trendingWindowMs(window) / 4;
}

EngagementDecay::EngagementDecay(int64_t now_ms)
    : m_nowMs(now_ms), m_currentHour(now_ms / kEngagementHourMs) {
    for (TrendingWindow window : kTrendingWindows) {
        // Hour h is in the window while its end, (h + 1) hours, is after now - window.
        const int64_t first_hour = (now_ms - trendingWindowMs(window)) / kEngagementHourMs;
        const double half_life_ms = static_cast<double>(trendingHalfLifeMs(window));
        std::vector<double>& factors = m_factors[trendingWindowIndex(window)];
        for (int64_t hour = m_currentHour; hour >= first_hour; --hour) {
            const int64_t middle_ms = hour * kEngagementHourMs + kEngagementHourMs / 2;
            const double age_ms = static_cast<double>(std::max<int64_t>(0, now_ms - middle_ms));
            factors.push_back(std::exp2(-age_ms / half_life_ms));
        }
    }
}

void EngagementDecay::add(const EngagementBucket& bucket, VideoEngagement& into) const {
    const int64_t hours_ago = m_currentHour - bucket.hour;
    if (hours_ago < 0) // a bucket stamped ahead of our clock counts as now
        return add({m_currentHour, bucket.views, bucket.likes, bucket.comments, bucket.shares}, into);
    for (size_t w = 0; w < kTrendingWindowCount; ++w) {
        const std::vector<double>& factors = m_factors[w];
        if (static_cast<size_t>(hours_ago) >= factors.size())
            continue;
        const double factor = factors[static_cast<size_t>(hours_ago)];
        EngagementSums& sums = into.windows[w];
        // Counts are never negative in the table; a stray one must not lower anyone's score.
        sums.views += factor * static_cast<double>(std::max<int64_t>(0, bucket.views));
        sums.likes += factor * static_cast<double>(std::max<int64_t>(0, bucket.likes));
        sums.comments += factor * static_cast<double>(std::max<int64_t>(0, bucket.comments));
        sums.shares += factor * static_cast<double>(std::max<int64_t>(0, bucket.shares));
    }
}

std::vector<TrendingScore> scoreTrendingWindow(const std::vector<VideoEngagement>& videos,
                                               TrendingWindow window) {
    const size_t w = trendingWindowIndex(window);
    constexpr std::array<double, 4> kWeights = {kViewWeight, kLikeWeight, kCommentWeight, kShareWeight};
    std::array<double, 4> largest = {0, 0, 0, 0};
    for (const VideoEngagement& video : videos) {
        EngagementSums sums = video.windows[w];
        for (int kind = 0; kind < 4; ++kind)
            largest[kind] = std::max(largest[kind], kindOf(sums, kind));
    }
    std::vector<TrendingScore> scores;
    for (const VideoEngagement& video : videos) {
        EngagementSums sums = video.windows[w];
        if (!sums.any())
            continue;
        double score = 0;
        for (int kind = 0; kind < 4; ++kind)
            if (largest[kind] > 0)
                score += kWeights[kind] * kindOf(sums, kind) / largest[kind];
        scores.push_back({video.video_id, score});
    }
    std::sort(scores.begin(), scores.end(), [](const TrendingScore& a, const TrendingScore& b) {
        return a.score != b.score ? a.score > b.score : a.video_id < b.video_id;
    });
    return scores;
}

TrendingChanges diffTrendingScores(std::unordered_map<std::string, double> stored,
                                   const std::vector<TrendingScore>& scores) {
    TrendingChanges changes;
    for (const TrendingScore& score : scores) {
        auto it = stored.find(score.video_id);
        if (it == stored.end()) {
            changes.added.push_back(score);
            continue;
        }
        if (std::abs(it->second - score.score) > kStoredScoreTolerance * std::max(it->second, score.score))
            changes.moved.push_back(score);
        stored.erase(it); // what is left at the end is no longer ranked
    }
    for (auto& [video_id, score] : stored)
        changes.gone.push_back(video_id);
    return changes;
}

std::vector<TrendingChanges> splitTrendingChanges(TrendingChanges changes, size_t max_rows) {
    max_rows = std::max<size_t>(1, max_rows);
    std::vector<TrendingChanges> batches(1);
    const auto room = [&] {
        const TrendingChanges& last = batches.back();
        const size_t used = last.added.size() + last.moved.size() + last.gone.size();
        if (used >= max_rows)
            batches.emplace_back();
    };
    for (std::string& id : changes.gone) {
        room();
        batches.back().gone.push_back(std::move(id));
    }
    for (TrendingScore& score : changes.added) {
        room();
        batches.back().added.push_back(std::move(score));
    }
    for (TrendingScore& score : changes.moved) {
        room();
        batches.back().moved.push_back(std::move(score));
    }
    return batches;
}

} // namespace fc::server::discovery
