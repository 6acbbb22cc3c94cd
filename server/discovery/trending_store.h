#pragma once
// The trending tables of 008_trending.sql: what a refresh reads (hourly buckets) and writes (each window's
// scores), the pruning of old buckets, the reads requests make, and the share counter. Each function runs in
// the caller's Database::read or ::write.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/trending_model.h"
#include "server/store/database.h"

namespace fc::server::discovery {

// Every listed video with a bucket in the longest window, with its decayed sums per window.
Result<std::vector<VideoEngagement>> readListedEngagement(store::Connection& db,
                                                          const EngagementDecay& decay);

// The window's stored scores by video id (only the service's thread writes them, so a read snapshot is
// current).
Result<std::unordered_map<std::string, double>> readStoredScores(store::Connection& db,
                                                                 TrendingWindow window);

// Writes the changes (a video not listed at write time is not written) and, with record_refresh (the last
// batch of a refresh), records computed_at as the window's refresh time. A row's own computed_at is when its
// score was last written. Returns the rows touched.
Result<size_t> writeTrendingChanges(store::Connection& db, TrendingWindow window,
                                    const TrendingChanges& changes, int64_t computed_at_ms,
                                    bool record_refresh);

// Deletes buckets older than kEngagementRetentionHours and share rows from before yesterday (UTC).
Result<void> pruneEngagement(store::Connection& db, int64_t now_ms);

struct TrendingQuery {
    TrendingWindow window = TrendingWindow::Week;
    std::optional<std::string> category; // case-insensitive
    int limit = 20;
    std::optional<std::string> cursor; // opaque, from a previous page
};

struct TrendingPage {
    std::vector<TrendingScore> items; // listed videos only, best first
    std::optional<std::string> next_cursor;
    std::optional<int64_t> computed_at_ms; // the window's last refresh; none before the first
};

// A page of the window's ranking (keyset on score, then id). A malformed cursor is "invalid_cursor".
Result<TrendingPage> listTrending(store::Connection& db, const TrendingQuery& query);

struct CategoryCount {
    std::string name; // the most common spelling among the videos that share it case-insensitively
    int64_t video_count = 0;
};

// The categories of listed videos ("" left out), most videos first.
Result<std::vector<CategoryCount>> countListedCategories(store::Connection& db, int limit);

// Counts a share of the video by sharer_key ("user:<id>" or an address key) once per UTC day: a new
// video_shares row, whose trigger bumps videos.share_count and the hour's bucket. Returns whether it counted.
Result<bool> recordShare(store::Connection& db, const std::string& video_id, const std::string& sharer_key,
                         int64_t now_ms);

} // namespace fc::server::discovery
