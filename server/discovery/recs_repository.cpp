#include "server/discovery/recs_repository.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "server/store/video_repository.h"

namespace fc::server::discovery {
namespace {

// Long descriptions add little to TF-IDF but cost memory and time in the model.
constexpr size_t kMaxDescriptionChars = 2000;

const std::string kVideoColumns = std::string("SELECT v.id, v.channel_id, v.title, v.description, v.tags, "
                                              "v.category, COALESCE(v.published_at, v.created_at), "
                                              "v.view_count, (") +
                                  store::kListedVideoCondition + "), v.updated_at FROM videos v ";

std::vector<std::string> parseTags(const std::string& text) {
    std::vector<std::string> tags;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_array())
        for (const auto& tag : json)
            if (tag.is_string())
                tags.push_back(tag.get<std::string>());
    return tags;
}

RecsVideoRow readVideoRow(const store::Statement& row) {
    RecsVideoRow video;
    video.id = row.text(0);
    video.channel_id = row.text(1);
    video.title = row.text(2);
    video.description = row.text(3);
    if (video.description.size() > kMaxDescriptionChars)
        video.description.resize(kMaxDescriptionChars); // a cut UTF-8 sequence is just one odd token
    video.tags = parseTags(row.text(4));
    video.category = row.text(5);
    video.published_at_ms = row.int64(6);
    video.view_count = row.int64(7);
    video.listed = row.int64(8) != 0;
    video.updated_at_ms = row.int64(9);
    return video;
}

Result<std::vector<std::string>> readIds(store::Statement& statement) {
    std::vector<std::string> ids;
    while (statement.step())
        ids.push_back(statement.text(0));
    if (statement.error())
        return *statement.error();
    return ids;
}

} // namespace

float feedbackWeight(const RecsFeedbackRow& row) {
    if (row.rating < 0)
        return -1.0f;
    if (row.rating > 0)
        return 1.0f;
    return std::clamp(static_cast<float>(row.watch_fraction.value_or(0)), kMinWatchWeight, 1.0f);
}

Result<void> readRecsVideos(store::Connection& db, int64_t updated_after_ms,
                            const std::function<void(RecsVideoRow&&)>& row) {
    auto statement = db.prepare(kVideoColumns + "WHERE v.updated_at > ? ORDER BY v.updated_at");
    statement.bindAll(updated_after_ms);
    while (statement.step())
        row(readVideoRow(statement));
    if (statement.error())
        return *statement.error();
    return {};
}

Result<std::vector<RecsVideoRow>> readRecsVideosById(store::Connection& db,
                                                     const std::vector<std::string>& ids) {
    auto statement = db.prepare(kVideoColumns + "WHERE v.id IN (SELECT value FROM json_each(?))");
    statement.bindAll(nlohmann::json(ids).dump());
    std::vector<RecsVideoRow> rows;
    while (statement.step())
        rows.push_back(readVideoRow(statement));
    if (statement.error())
        return *statement.error();
    return rows;
}

Result<int64_t> countListedVideos(store::Connection& db) {
    auto statement =
        db.prepare(std::string("SELECT COUNT(*) FROM videos v WHERE ") + store::kListedVideoCondition);
    const int64_t count = statement.step() ? statement.int64(0) : 0;
    if (statement.error())
        return *statement.error();
    return count;
}

Result<std::vector<std::string>> readListedVideoIds(store::Connection& db) {
    auto statement =
        db.prepare(std::string("SELECT v.id FROM videos v WHERE ") + store::kListedVideoCondition);
    return readIds(statement);
}

Result<std::vector<RecsTrendingRow>> readWeekTrending(store::Connection& db) {
    auto statement = db.prepare("SELECT video_id, score FROM trending_scores WHERE time_range = 'week' ORDER "
                                "BY score DESC, video_id");
    std::vector<RecsTrendingRow> rows;
    while (statement.step())
        rows.push_back(RecsTrendingRow{statement.text(0), statement.real(1)});
    if (statement.error())
        return *statement.error();
    return rows;
}

Result<std::optional<int64_t>> readWeekTrendingStamp(store::Connection& db) {
    auto statement = db.prepare("SELECT computed_at FROM trending_refreshes WHERE time_range = 'week'");
    const std::optional<int64_t> stamp = statement.step() ? statement.optionalInt64(0) : std::nullopt;
    if (statement.error())
        return *statement.error();
    return stamp;
}

Result<void> readRecsFeedback(store::Connection& db, int64_t history_after_ms, int64_t ratings_after_ms,
                              const std::function<void(RecsFeedbackRow&&, FeedbackSource)>& row) {
    auto history = db.prepare("SELECT h.user_id, h.video_id, h.watch_fraction, COALESCE(r.value, 0), "
                              "h.feedback_at FROM watch_history h LEFT JOIN video_ratings r "
                              "ON r.video_id = h.video_id AND r.user_id = h.user_id WHERE h.feedback_at > ?");
    history.bindAll(history_after_ms);
    while (history.step())
        row(RecsFeedbackRow{history.text(0), history.text(1), history.real(2),
                            static_cast<int>(history.int64(3)), history.int64(4)},
            FeedbackSource::History);
    if (history.error())
        return *history.error();
    auto ratings = db.prepare("SELECT r.user_id, r.video_id, h.watch_fraction, r.value, r.created_at "
                              "FROM video_ratings r LEFT JOIN watch_history h "
                              "ON h.user_id = r.user_id AND h.video_id = r.video_id WHERE r.created_at > ?");
    ratings.bindAll(ratings_after_ms);
    while (ratings.step())
        row(RecsFeedbackRow{ratings.text(0), ratings.text(1),
                            ratings.isNull(2) ? std::nullopt : std::optional<double>(ratings.real(2)),
                            static_cast<int>(ratings.int64(3)), ratings.int64(4)},
            FeedbackSource::Rating);
    if (ratings.error())
        return *ratings.error();
    return {};
}

Result<RecsUserSignals> readRecsUserSignals(store::Connection& db, const std::string& user_id) {
    RecsUserSignals signals;
    // Two reads merged here rather than a join: each reads one index range (watch_history_user_feedback
    // covers the first), where a join would look every history video up in video_ratings.
    auto history =
        db.prepare("SELECT video_id, watch_fraction, feedback_at FROM watch_history WHERE user_id = ?");
    history.bindAll(user_id);
    std::unordered_map<std::string, size_t> position;
    while (history.step()) {
        position.emplace(history.text(0), signals.feedback.size());
        signals.feedback.push_back(
            RecsFeedbackRow{{}, history.text(0), history.real(1), 0, history.int64(2)});
    }
    if (history.error())
        return *history.error();
    auto rated = db.prepare("SELECT video_id, value, created_at FROM video_ratings WHERE user_id = ?");
    rated.bindAll(user_id);
    while (rated.step()) {
        const std::string video_id = rated.text(0);
        const int value = static_cast<int>(rated.int64(1));
        if (const auto it = position.find(video_id); it != position.end())
            signals.feedback[it->second].rating = value;
        else
            signals.feedback.push_back(RecsFeedbackRow{{}, video_id, std::nullopt, value, rated.int64(2)});
    }
    if (rated.error())
        return *rated.error();
    auto channels = db.prepare("SELECT channel_id FROM subscriptions WHERE user_id = ?");
    channels.bindAll(user_id);
    auto subscribed = readIds(channels);
    if (!subscribed)
        return subscribed.error();
    signals.subscribed_channel_ids = std::move(*subscribed);
    auto own = db.prepare("SELECT id FROM videos WHERE owner_id = ?");
    own.bindAll(user_id);
    auto owned = readIds(own);
    if (!owned)
        return owned.error();
    signals.own_video_ids = std::move(*owned);
    return signals;
}

Result<std::vector<std::string>> readHistoryIds(store::Connection& db, const std::string& user_id) {
    auto statement = db.prepare("SELECT video_id FROM watch_history WHERE user_id = ?");
    statement.bindAll(user_id);
    return readIds(statement);
}

Result<std::vector<RecsColdRow>> readColdStart(store::Connection& db, size_t limit) {
    auto statement =
        db.prepare(std::string("SELECT v.id, t.score, v.view_count FROM videos v LEFT JOIN trending_scores t "
                               "ON t.time_range = 'week' AND t.video_id = v.id WHERE ") +
                   store::kListedVideoCondition +
                   " ORDER BY t.score IS NULL, t.score DESC, v.view_count DESC, "
                   "COALESCE(v.published_at, v.created_at) DESC, v.id LIMIT ?");
    statement.bindAll(static_cast<int64_t>(limit));
    std::vector<RecsColdRow> rows;
    while (statement.step())
        rows.push_back(RecsColdRow{
            statement.text(0), statement.isNull(1) ? std::nullopt : std::optional<double>(statement.real(1)),
            statement.int64(2)});
    if (statement.error())
        return *statement.error();
    return rows;
}

Result<std::vector<std::string>> readChannelVideoIds(store::Connection& db, const std::string& channel_id,
                                                     size_t limit) {
    auto statement = db.prepare(std::string("SELECT v.id FROM videos v WHERE v.channel_id = ? AND ") +
                                store::kListedVideoCondition +
                                " ORDER BY COALESCE(v.published_at, v.created_at) DESC, v.id LIMIT ?");
    statement.bindAll(channel_id, static_cast<int64_t>(limit));
    return readIds(statement);
}

} // namespace fc::server::discovery
