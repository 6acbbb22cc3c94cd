-- Watching: per-video HLS encryption keys, playback sessions (issued by GET /videos/<id>/playback, one view each
-- at most), watch positions that double as the watch history, and playback QoE events for analytics.

ALTER TABLE videos ADD COLUMN hls_encryption INTEGER NOT NULL DEFAULT 0;   -- 1: AES-128 HLS through signed URLs
ALTER TABLE videos ADD COLUMN hls_key TEXT;                                 -- hex of 16 random bytes, kept once made

CREATE TABLE playback_sessions (
    id                  TEXT PRIMARY KEY,          -- opaque, handed to the player
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    viewer_id           TEXT REFERENCES users(id) ON DELETE SET NULL,   -- NULL: anonymous
    issued_at           INTEGER NOT NULL,
    counted             INTEGER NOT NULL DEFAULT 0, -- 1 once this session's view was counted
    watched_s           REAL NOT NULL DEFAULT 0     -- the largest heartbeat watched_s reported
);
CREATE INDEX playback_sessions_issued ON playback_sessions(issued_at);

CREATE TABLE watch_history (
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    position_s          REAL NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (user_id, video_id)
);
CREATE INDEX watch_history_user_updated ON watch_history(user_id, updated_at DESC, video_id DESC);

CREATE TABLE playback_events (
    id                  INTEGER PRIMARY KEY,
    session_id          TEXT NOT NULL REFERENCES playback_sessions(id) ON DELETE CASCADE,
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    viewer_id           TEXT,
    type                TEXT NOT NULL,             -- startup, stall, rung_switch, dropped_frames, heartbeat, error, seek
    at_ms               INTEGER NOT NULL,          -- the player's clock, as sent
    data                TEXT NOT NULL,             -- the event object as JSON
    received_at         INTEGER NOT NULL
);
CREATE INDEX playback_events_video ON playback_events(video_id, received_at);
