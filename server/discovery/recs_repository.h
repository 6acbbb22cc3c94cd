#pragma once
// What the recommendations read from the database (docs/API.md §17): videos as the model sees them, implicit
// feedback (watch fractions and ratings), the week's trending scores, and one user's signals for a request.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::discovery {

// Stamps before any row: "read everything".
inline constexpr int64_t kFromTheStart = INT64_MIN / 2;

struct RecsVideoRow {
    std::string id;
    std::string channel_id;
    std::string title;
    std::string description;
    std::string category;
    std::vector<std::string> tags;
    int64_t published_at_ms = 0; // published_at, else created_at
    int64_t view_count = 0;
    bool listed = false; // store::kListedVideoCondition
    int64_t updated_at_ms = 0;
};

// Every video (any visibility or status: unlisted ones still have related videos and are evidence) whose
// updated_at is after the stamp, oldest change first.
Result<void> readRecsVideos(store::Connection& db, int64_t updated_after_ms,
                            const std::function<void(RecsVideoRow&&)>& row);
// These videos (missing ones left out), any order.
Result<std::vector<RecsVideoRow>> readRecsVideosById(store::Connection& db,
                                                     const std::vector<std::string>& ids);
Result<int64_t> countListedVideos(store::Connection& db);
Result<std::vector<std::string>> readListedVideoIds(store::Connection& db);

// The week's trending ranking (trending_scores, time_range 'week'), best first.
struct RecsTrendingRow {
    std::string video_id;
    double score = 0;
};
Result<std::vector<RecsTrendingRow>> readWeekTrending(store::Connection& db);
// When the trending service last recomputed the week's ranking (trending_refreshes); nullopt before it did.
Result<std::optional<int64_t>> readWeekTrendingStamp(store::Connection& db);

// One user's feedback on one video.
struct RecsFeedbackRow {
    std::string user_id;
    std::string video_id;
    std::optional<double> watch_fraction; // in the history
    int rating = 0;                       // 1 like, -1 dislike, 0 none
    int64_t at_ms = 0;                    // when the row this came from changed
};

// The model's weight of one feedback row: the fraction watched (at least kMinWatchWeight: a video opened is
// some interest), 1 for a like, -1 for a dislike.
inline constexpr float kMinWatchWeight = 0.05f;
float feedbackWeight(const RecsFeedbackRow& row);

enum class FeedbackSource { History = 1, Rating };
// History rows whose feedback changed after history_after_ms, then ratings changed after ratings_after_ms,
// each joined with the other side of the same (user, video).
Result<void> readRecsFeedback(store::Connection& db, int64_t history_after_ms, int64_t ratings_after_ms,
                              const std::function<void(RecsFeedbackRow&&, FeedbackSource)>& row);

// Everything a request needs to know about the signed-in user, read fresh (a video watched a second ago is
// already excluded).
struct RecsUserSignals {
    std::vector<RecsFeedbackRow> feedback; // the history (with ratings) and videos rated but not in it
    std::vector<std::string> subscribed_channel_ids;
    std::vector<std::string> own_video_ids;
};
Result<RecsUserSignals> readRecsUserSignals(store::Connection& db, const std::string& user_id);
Result<std::vector<std::string>> readHistoryIds(store::Connection& db, const std::string& user_id);

// The answer before the first model is published: trending (week), then by views, then newest; listed only.
struct RecsColdRow {
    std::string video_id;
    std::optional<double> trending_score;
    int64_t view_count = 0;
};
Result<std::vector<RecsColdRow>> readColdStart(store::Connection& db, size_t limit);
// A channel's listed videos, newest first.
Result<std::vector<std::string>> readChannelVideoIds(store::Connection& db, const std::string& channel_id,
                                                     size_t limit);

} // namespace fc::server::discovery
