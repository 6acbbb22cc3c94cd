#include "server/store/rating_repository.h"

namespace fc::server::store {
namespace {

// The stored value: 1 like, -1 dislike; 0 stands for no row.
int64_t storedValue(Rating rating) {
    return rating == Rating::Like ? 1 : rating == Rating::Dislike ? -1 : 0;
}

Rating ratingOf(int64_t value) {
    return value > 0 ? Rating::Like : value < 0 ? Rating::Dislike : Rating::None;
}

Result<int64_t> currentValue(Connection& db, const std::string& video_id, const std::string& user_id) {
    auto statement = db.prepare("SELECT value FROM video_ratings WHERE video_id = ? AND user_id = ?");
    statement.bindAll(video_id, user_id);
    if (statement.step())
        return statement.int64(0);
    if (statement.error())
        return *statement.error();
    return int64_t{0};
}

} // namespace

std::optional<Rating> parseRating(std::string_view text) {
    if (text == "like")
        return Rating::Like;
    if (text == "dislike")
        return Rating::Dislike;
    if (text == "none")
        return Rating::None;
    return std::nullopt;
}

std::string_view ratingName(Rating rating) {
    switch (rating) {
    case Rating::Like:
        return "like";
    case Rating::Dislike:
        return "dislike";
    case Rating::None:
    case Rating::Invalid:
        break;
    }
    return "none";
}

Result<RatingState> readVideoRating(Connection& db, const std::string& video_id, const std::string& user_id) {
    RatingState state;
    {
        auto statement = db.prepare("SELECT like_count, dislike_count FROM videos WHERE id = ?");
        statement.bindAll(video_id);
        if (!statement.step())
            return statement.error() ? *statement.error() : makeError("video_not_found", "no such video");
        state.like_count = statement.int64(0);
        state.dislike_count = statement.int64(1);
    }
    auto value = currentValue(db, video_id, user_id);
    if (!value)
        return value.error();
    state.my_rating = ratingOf(*value);
    return state;
}

Result<RatingState> setVideoRating(Connection& db, const std::string& video_id, const std::string& user_id,
                                   Rating rating, int64_t now_ms) {
    auto previous = currentValue(db, video_id, user_id);
    if (!previous)
        return previous.error();
    const int64_t next = storedValue(rating);
    if (next != *previous) {
        auto changed = next == 0 ? db.run("DELETE FROM video_ratings WHERE video_id = ? AND user_id = ?",
                                          video_id, user_id)
                                 : db.run("INSERT INTO video_ratings (video_id, user_id, value, created_at) "
                                          "VALUES (?, ?, ?, ?) ON CONFLICT (video_id, user_id) DO UPDATE SET "
                                          "value = excluded.value, created_at = excluded.created_at",
                                          video_id, user_id, next, now_ms);
        if (!changed)
            return changed.error();
        const int64_t likes = (next == 1 ? 1 : 0) - (*previous == 1 ? 1 : 0);
        const int64_t dislikes = (next == -1 ? 1 : 0) - (*previous == -1 ? 1 : 0);
        if (auto moved =
                db.run("UPDATE videos SET like_count = like_count + ?, dislike_count = dislike_count + ? "
                       "WHERE id = ?",
                       likes, dislikes, video_id);
            !moved)
            return moved.error();
    }
    return readVideoRating(db, video_id, user_id);
}

} // namespace fc::server::store
