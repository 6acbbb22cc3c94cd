-- Recommendations (docs/API.md §17): implicit feedback for collaborative filtering, and the indexes the model's
-- background refresh reads changes through (rows changed since its watermarks).

-- The largest fraction of the video watched (0..1): from saved positions (position / duration) and from the
-- player's heartbeats (seconds played / duration). feedback_at: when that fraction (or the row) last changed;
-- kept apart from updated_at so a heartbeat does not reorder the history.
ALTER TABLE watch_history ADD COLUMN watch_fraction REAL NOT NULL DEFAULT 0;
ALTER TABLE watch_history ADD COLUMN feedback_at INTEGER NOT NULL DEFAULT 0;
UPDATE watch_history SET
    watch_fraction = COALESCE((SELECT MIN(1.0, watch_history.position_s * 1000.0 / v.duration_ms)
                               FROM videos v WHERE v.id = watch_history.video_id AND v.duration_ms > 0), 0),
    feedback_at = updated_at;
CREATE INDEX watch_history_feedback ON watch_history(feedback_at);
-- Covers a request's read of one user's history with its fractions (no table lookup per history row).
CREATE INDEX watch_history_user_feedback ON watch_history(user_id, video_id, watch_fraction, feedback_at);

-- Likes and dislikes changed since a watermark (a rating change rewrites created_at).
CREATE INDEX video_ratings_created ON video_ratings(created_at);

-- Videos whose metadata, visibility or status changed since a watermark (every such write sets updated_at).
CREATE INDEX videos_updated ON videos(updated_at);
