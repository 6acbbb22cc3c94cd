#include "server/discovery/trending_store.h"

#include <bit>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "server/store/page_cursor.h"
#include "server/store/video_repository.h"

namespace fc::server::discovery {
namespace {

constexpr int64_t kDayMs = 24 * kEngagementHourMs;

// The cursor carries the last item's score as its IEEE bits (scores are ≥ 0, so the bits are a non-negative
// int64 that PageCursor can hold) and round-trips it exactly for the keyset comparison.
std::string encodeScoreCursor(const TrendingScore& last) {
    return store::encodePageCursor({std::bit_cast<int64_t>(last.score), last.video_id});
}

} // namespace

Result<std::vector<VideoEngagement>> readListedEngagement(store::Connection& db,
                                                          const EngagementDecay& decay) {
    // The primary key's order (video, hour): one pass, one video at a time. "+hour" keeps the planner on it
    // rather than the hour index plus a sort.
    auto rows = db.prepare("SELECT video_id, hour, views, likes, comments, shares FROM engagement_hourly "
                           "WHERE +hour >= ? ORDER BY video_id, hour");
    rows.bindAll(decay.oldestHour());
    std::vector<VideoEngagement> videos;
    while (rows.step()) {
        std::string video_id = rows.text(0);
        if (videos.empty() || videos.back().video_id != video_id)
            videos.push_back({std::move(video_id), {}});
        decay.add({rows.int64(1), rows.int64(2), rows.int64(3), rows.int64(4), rows.int64(5)}, videos.back());
    }
    if (rows.error())
        return *rows.error();
    if (videos.empty())
        return videos;

    // Which of them are listed, in one query (the ids travel as one JSON array).
    nlohmann::json ids = nlohmann::json::array();
    for (const VideoEngagement& video : videos)
        ids.push_back(video.video_id);
    auto listed_rows = db.prepare(std::string("SELECT v.id FROM videos v WHERE v.id IN "
                                              "(SELECT value FROM json_each(?)) AND ") +
                                  store::kListedVideoCondition);
    listed_rows.bindAll(ids.dump());
    std::unordered_set<std::string> listed;
    while (listed_rows.step())
        listed.insert(listed_rows.text(0));
    if (listed_rows.error())
        return *listed_rows.error();
    std::erase_if(videos, [&](const VideoEngagement& video) { return !listed.contains(video.video_id); });
    return videos;
}

Result<std::unordered_map<std::string, double>> readStoredScores(store::Connection& db,
                                                                 TrendingWindow window) {
    std::unordered_map<std::string, double> stored;
    auto rows = db.prepare("SELECT video_id, score FROM trending_scores WHERE time_range = ?");
    rows.bindAll(std::string(trendingWindowName(window)));
    while (rows.step())
        stored.emplace(rows.text(0), rows.real(1));
    if (rows.error())
        return *rows.error();
    return stored;
}

Result<size_t> writeTrendingChanges(store::Connection& db, TrendingWindow window,
                                    const TrendingChanges& changes, int64_t computed_at_ms,
                                    bool record_refresh) {
    const std::string name(trendingWindowName(window));
    size_t touched = 0;
    if (!changes.gone.empty()) {
        if (auto deleted = db.run("DELETE FROM trending_scores WHERE time_range = ? AND video_id IN "
                                  "(SELECT value FROM json_each(?))",
                                  name, nlohmann::json(changes.gone).dump());
            !deleted)
            return deleted.error();
        touched += static_cast<size_t>(db.changes());
    }
    if (!changes.added.empty() || !changes.moved.empty()) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto* scores : {&changes.added, &changes.moved})
            for (const TrendingScore& score : *scores)
                rows.push_back({score.video_id, score.score});
        // Joined with videos again inside the write: a video deleted or made private since the read is not
        // written (its old row, if any, is hidden by the requests' own check and deleted by the next
        // refresh). One upsert for both: SQLite's UPDATE … FROM json_each() planned a nested scan here.
        if (auto written =
                db.run(std::string("INSERT INTO trending_scores (time_range, video_id, score, "
                                   "computed_at) SELECT ?1, v.id, json_extract(j.value, '$[1]'), ?2 "
                                   "FROM json_each(?3) j JOIN videos v ON "
                                   "v.id = json_extract(j.value, '$[0]') WHERE ") +
                           store::kListedVideoCondition +
                           " ON CONFLICT (time_range, video_id) DO UPDATE SET score = excluded.score, "
                           "computed_at = excluded.computed_at",
                       name, computed_at_ms, rows.dump());
            !written)
            return written.error();
        touched += static_cast<size_t>(db.changes());
    }
    if (!record_refresh)
        return touched;
    if (auto recorded = db.run("INSERT INTO trending_refreshes (time_range, computed_at) VALUES (?, ?) "
                               "ON CONFLICT (time_range) DO UPDATE SET computed_at = excluded.computed_at",
                               name, computed_at_ms);
        !recorded)
        return recorded.error();
    return touched;
}

Result<void> pruneEngagement(store::Connection& db, int64_t now_ms) {
    const int64_t oldest_hour = now_ms / kEngagementHourMs - kEngagementRetentionHours;
    if (auto pruned = db.run("DELETE FROM engagement_hourly WHERE hour < ?", oldest_hour); !pruned)
        return pruned;
    return db.run("DELETE FROM video_shares WHERE day < ?", now_ms / kDayMs - 1);
}

Result<TrendingPage> listTrending(store::Connection& db, const TrendingQuery& query) {
    std::optional<store::PageCursor> cursor;
    if (query.cursor) {
        cursor = store::decodePageCursor(*query.cursor);
        if (!cursor)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    std::string sql = std::string("SELECT t.video_id, t.score FROM trending_scores t JOIN videos v ON "
                                  "v.id = t.video_id WHERE t.time_range = ?1 AND ") +
                      store::kListedVideoCondition;
    if (query.category)
        sql += " AND v.category = ?3 COLLATE NOCASE";
    if (cursor)
        sql += " AND t.score <= ?4 AND (t.score < ?4 OR t.video_id > ?5)"; // the first term bounds the index
    sql += " ORDER BY t.score DESC, t.video_id LIMIT ?2";
    auto statement = db.prepare(sql);
    statement.bind(1, std::string(trendingWindowName(query.window))).bind(2, query.limit + 1);
    if (query.category)
        statement.bind(3, *query.category);
    if (cursor)
        statement.bind(4, std::bit_cast<double>(cursor->created_at_ms)).bind(5, cursor->id);
    TrendingPage page;
    while (statement.step())
        page.items.push_back({statement.text(0), statement.real(1)});
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(query.limit)) {
        page.items.resize(static_cast<size_t>(query.limit));
        page.next_cursor = encodeScoreCursor(page.items.back());
    }

    auto refreshed = db.prepare("SELECT computed_at FROM trending_refreshes WHERE time_range = ?");
    refreshed.bindAll(std::string(trendingWindowName(query.window)));
    if (refreshed.step())
        page.computed_at_ms = refreshed.int64(0);
    if (refreshed.error())
        return *refreshed.error();
    return page;
}

Result<std::vector<CategoryCount>> countListedCategories(store::Connection& db, int limit) {
    // Spellings first, then folded case-insensitively; SQLite's bare column beside MAX() is the row holding
    // the maximum, i.e. the most common spelling.
    auto statement = db.prepare(
        std::string("WITH spellings AS (SELECT v.category AS name, COUNT(*) AS n FROM videos v WHERE ") +
        store::kListedVideoCondition +
        " AND v.category <> '' GROUP BY v.category) "
        "SELECT name, MAX(n), SUM(n) AS total FROM spellings GROUP BY name COLLATE NOCASE "
        "ORDER BY total DESC, name COLLATE NOCASE LIMIT ?");
    statement.bindAll(limit);
    std::vector<CategoryCount> categories;
    while (statement.step())
        categories.push_back({statement.text(0), statement.int64(2)});
    if (statement.error())
        return *statement.error();
    return categories;
}

Result<bool> recordShare(store::Connection& db, const std::string& video_id, const std::string& sharer_key,
                         int64_t now_ms) {
    if (auto inserted = db.run("INSERT OR IGNORE INTO video_shares (video_id, sharer_key, day, created_at) "
                               "VALUES (?, ?, ?, ?)",
                               video_id, sharer_key, now_ms / kDayMs, now_ms);
        !inserted)
        return inserted.error();
    return db.changes() > 0;
}

} // namespace fc::server::discovery
