#include "server/store/playback_repository.h"

#include <algorithm>

#include "server/store/page_cursor.h"

namespace fc::server::store {
namespace {

// The share of the video that watched_s covers, capped at 1; 0 when its duration is unknown. The
// recommendations' implicit feedback (watch_history.watch_fraction, docs/API.md §17).
Result<double> watchedFraction(Connection& db, const std::string& video_id, double watched_s) {
    auto statement = db.prepare("SELECT duration_ms FROM videos WHERE id = ?");
    statement.bindAll(video_id);
    const std::optional<int64_t> duration_ms = statement.step() ? statement.optionalInt64(0) : std::nullopt;
    if (statement.error())
        return *statement.error();
    if (!duration_ms || *duration_ms <= 0)
        return 0.0;
    return std::clamp(watched_s * 1000.0 / static_cast<double>(*duration_ms), 0.0, 1.0);
}

// A heartbeat of a signed-in viewer's own session raises the fraction of the history entry the position saves
// made (it never creates one: the history is the videos you saved a position in).
Result<void> raiseWatchFraction(Connection& db, const std::string& user_id, const std::string& video_id,
                                double watched_s, int64_t now_ms) {
    auto paused = isHistoryPaused(db, user_id);
    if (!paused)
        return paused.error();
    if (*paused)
        return {};
    auto fraction = watchedFraction(db, video_id, watched_s);
    if (!fraction)
        return fraction.error();
    return db.run("UPDATE watch_history SET watch_fraction = ?1, feedback_at = ?2 "
                  "WHERE user_id = ?3 AND video_id = ?4 AND watch_fraction < ?1",
                  *fraction, now_ms, user_id, video_id);
}

} // namespace

Result<void> insertPlaybackSession(Connection& db, const PlaybackSession& session) {
    return db.run("INSERT INTO playback_sessions (id, video_id, viewer_id, issued_at) VALUES (?, ?, ?, ?)",
                  session.id, session.video_id, session.viewer_id, session.issued_at_ms);
}

Result<std::optional<PlaybackSession>> findPlaybackSession(Connection& db, const std::string& session_id) {
    auto statement = db.prepare(
        "SELECT id, video_id, viewer_id, issued_at, counted, watched_s FROM playback_sessions WHERE id = ?");
    statement.bindAll(session_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<PlaybackSession>();
    }
    return std::optional<PlaybackSession>(PlaybackSession{statement.text(0), statement.text(1),
                                                          statement.optionalText(2), statement.int64(3),
                                                          statement.int64(4) != 0, statement.real(5)});
}

Result<bool> recordPlaybackEvents(Connection& db, const PlaybackSession& session,
                                  const std::optional<std::string>& viewer_id,
                                  const std::vector<PlaybackEvent>& events, double heartbeat_watched_s,
                                  double threshold_s, int64_t min_wall_ms, int64_t now_ms) {
    for (const PlaybackEvent& event : events)
        if (auto stored = db.run("INSERT INTO playback_events (session_id, video_id, viewer_id, type, at_ms, "
                                 "data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 session.id, session.video_id, viewer_id, event.type, event.at_ms,
                                 event.data_json, now_ms);
            !stored)
            return stored.error();
    if (auto watched = db.run("UPDATE playback_sessions SET watched_s = MAX(watched_s, ?) WHERE id = ?",
                              heartbeat_watched_s, session.id);
        !watched)
        return watched.error();
    if (viewer_id && session.viewer_id == viewer_id && heartbeat_watched_s > 0)
        if (auto raised = raiseWatchFraction(db, *viewer_id, session.video_id, heartbeat_watched_s, now_ms);
            !raised)
            return raised.error();
    // Read again inside the write transaction: two event batches of one session cannot both count.
    auto current = findPlaybackSession(db, session.id);
    if (!current)
        return current.error();
    if (!*current || (*current)->counted || heartbeat_watched_s < threshold_s ||
        now_ms - (*current)->issued_at_ms < min_wall_ms)
        return false;
    if (auto marked = db.run("UPDATE playback_sessions SET counted = 1 WHERE id = ?", session.id); !marked)
        return marked.error();
    if (auto counted = db.run("UPDATE videos SET view_count = view_count + 1 WHERE id = ?", session.video_id);
        !counted)
        return counted.error();
    return true;
}

Result<void> saveWatchPosition(Connection& db, const std::string& user_id, const std::string& video_id,
                               double position_s, int64_t now_ms) {
    auto paused = isHistoryPaused(db, user_id);
    if (!paused)
        return paused.error();
    if (*paused)
        return {};
    // Strictly increasing per user, so the history's order is the order of the saves even within a
    // millisecond.
    auto latest = db.prepare("SELECT MAX(updated_at) FROM watch_history WHERE user_id = ?");
    latest.bindAll(user_id);
    const std::optional<int64_t> previous = latest.step() ? latest.optionalInt64(0) : std::nullopt;
    if (latest.error())
        return *latest.error();
    const int64_t stamp = previous && *previous >= now_ms ? *previous + 1 : now_ms;
    auto fraction = watchedFraction(db, video_id, position_s);
    if (!fraction)
        return fraction.error();
    // The fraction only grows (a rewind is not less interest); feedback_at marks when it did, for the
    // recommendation model's incremental refresh.
    return db.run("INSERT INTO watch_history (user_id, video_id, position_s, updated_at, watch_fraction, "
                  "feedback_at) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (user_id, video_id) DO UPDATE SET position_s = excluded.position_s, "
                  "updated_at = excluded.updated_at, "
                  "feedback_at = CASE WHEN excluded.watch_fraction > watch_fraction "
                  "THEN excluded.feedback_at ELSE feedback_at END, "
                  "watch_fraction = MAX(watch_fraction, excluded.watch_fraction)",
                  user_id, video_id, position_s, stamp, *fraction, stamp);
}

Result<std::optional<WatchPosition>> findWatchPosition(Connection& db, const std::string& user_id,
                                                       const std::string& video_id) {
    auto statement = db.prepare(
        "SELECT video_id, position_s, updated_at FROM watch_history WHERE user_id = ? AND video_id = ?");
    statement.bindAll(user_id, video_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<WatchPosition>();
    }
    return std::optional<WatchPosition>(
        WatchPosition{statement.text(0), statement.real(1), statement.int64(2)});
}

Result<HistoryPage> listWatchHistory(Connection& db, const std::string& user_id, int limit,
                                     const std::optional<std::string>& cursor_text) {
    std::optional<PageCursor> cursor;
    if (cursor_text) {
        cursor = decodePageCursor(*cursor_text);
        if (!cursor)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    std::string sql = "SELECT h.video_id, h.position_s, h.updated_at FROM watch_history h "
                      "JOIN videos v ON v.id = h.video_id "
                      "WHERE h.user_id = ?1 AND (v.visibility != 'private' OR v.owner_id = ?1)";
    if (cursor)
        sql += " AND (h.updated_at < ?3 OR (h.updated_at = ?3 AND h.video_id < ?4))";
    sql += " ORDER BY h.updated_at DESC, h.video_id DESC LIMIT ?2";
    auto statement = db.prepare(sql);
    statement.bind(1, user_id).bind(2, static_cast<int64_t>(limit) + 1);
    if (cursor)
        statement.bind(3, cursor->created_at_ms).bind(4, cursor->id);
    HistoryPage page;
    while (statement.step())
        page.items.push_back({statement.text(0), statement.real(1), statement.int64(2)});
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = encodePageCursor({page.items.back().updated_at_ms, page.items.back().video_id});
    }
    return page;
}

Result<void> deleteWatchHistoryEntry(Connection& db, const std::string& user_id,
                                     const std::string& video_id) {
    return db.run("DELETE FROM watch_history WHERE user_id = ? AND video_id = ?", user_id, video_id);
}

Result<void> clearWatchHistory(Connection& db, const std::string& user_id) {
    return db.run("DELETE FROM watch_history WHERE user_id = ?", user_id);
}

Result<bool> isHistoryPaused(Connection& db, const std::string& user_id) {
    auto statement = db.prepare("SELECT history_paused FROM users WHERE id = ?");
    statement.bindAll(user_id);
    const bool paused = statement.step() && statement.int64(0) != 0;
    if (statement.error())
        return *statement.error();
    return paused;
}

Result<void> setHistoryPaused(Connection& db, const std::string& user_id, bool paused) {
    return db.run("UPDATE users SET history_paused = ? WHERE id = ?", paused ? 1 : 0, user_id);
}

} // namespace fc::server::store
