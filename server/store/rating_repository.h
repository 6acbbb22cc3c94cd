#pragma once
// Video ratings: one like or dislike per user and video (video_ratings), with the video's like_count and
// dislike_count moved in the same transaction so the counters always equal the rows.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

enum class Rating { Invalid = 0, None, Like, Dislike };

std::optional<Rating> parseRating(std::string_view text); // "like", "dislike", "none"
std::string_view ratingName(Rating rating);

struct RatingState {
    int64_t like_count = 0;
    int64_t dislike_count = 0;
    Rating my_rating = Rating::None;
};

// The video's counters and the user's rating; the error "video_not_found" when the row is gone.
Result<RatingState> readVideoRating(Connection& db, const std::string& video_id, const std::string& user_id);

// Sets (Like, Dislike) or clears (None) the user's rating and moves the counters by the difference. Call
// inside a write transaction: the row change and the counter update must commit together.
Result<RatingState> setVideoRating(Connection& db, const std::string& video_id, const std::string& user_id,
                                   Rating rating, int64_t now_ms);

} // namespace fc::server::store
