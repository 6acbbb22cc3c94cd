#pragma once
// Watching: playback sessions (one counted view each at most), watch positions (one row per user and video,
// which is also the watch history) and playback QoE events.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

struct PlaybackSession {
    std::string id;
    std::string video_id;
    std::optional<std::string> viewer_id;
    int64_t issued_at_ms = 0;
    bool counted = false;
    double watched_s = 0;
};

Result<void> insertPlaybackSession(Connection& db, const PlaybackSession& session);
Result<std::optional<PlaybackSession>> findPlaybackSession(Connection& db, const std::string& session_id);

struct PlaybackEvent {
    std::string type;
    int64_t at_ms = 0;
    std::string data_json; // the event object as sent
};

// Stores the events and keeps the session's largest watched_s; then, if the session's view is not counted yet
// and this request's heartbeat_watched_s reached threshold_s at least min_wall_ms after the session was
// issued, counts it (once). Returns whether this call counted the view.
Result<bool> recordPlaybackEvents(Connection& db, const PlaybackSession& session,
                                  const std::optional<std::string>& viewer_id,
                                  const std::vector<PlaybackEvent>& events, double heartbeat_watched_s,
                                  double threshold_s, int64_t min_wall_ms, int64_t now_ms);

struct WatchPosition {
    std::string video_id;
    double position_s = 0;
    int64_t updated_at_ms = 0;
};

// Upserts the user's position in the video (and so its place in the history: updated_at = now). Stores
// nothing while the user's history is paused.
Result<void> saveWatchPosition(Connection& db, const std::string& user_id, const std::string& video_id,
                               double position_s, int64_t now_ms);
Result<std::optional<WatchPosition>> findWatchPosition(Connection& db, const std::string& user_id,
                                                       const std::string& video_id);

struct HistoryPage {
    std::vector<WatchPosition> items;
    std::optional<std::string> next_cursor;
};

// Newest first; only videos the user may still see (public, unlisted or their own). A malformed cursor is the
// error "invalid_cursor".
Result<HistoryPage> listWatchHistory(Connection& db, const std::string& user_id, int limit,
                                     const std::optional<std::string>& cursor);

// History edits (docs/API.md §16): one entry (and its resume position) or all of them.
Result<void> deleteWatchHistoryEntry(Connection& db, const std::string& user_id, const std::string& video_id);
Result<void> clearWatchHistory(Connection& db, const std::string& user_id);
// users.history_paused: while set, saveWatchPosition keeps nothing.
Result<bool> isHistoryPaused(Connection& db, const std::string& user_id);
Result<void> setHistoryPaused(Connection& db, const std::string& user_id, bool paused);

} // namespace fc::server::store
