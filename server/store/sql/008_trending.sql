-- Trending (docs/API.md §17): shares, hourly engagement buckets kept by the writes themselves, and the ranking
-- that a background refresh recomputes from them.
ALTER TABLE videos ADD COLUMN share_count INTEGER NOT NULL DEFAULT 0;

-- One row per window and video with engagement inside the window; replaced by each refresh.
CREATE TABLE trending_scores (
    time_range          TEXT NOT NULL CHECK (time_range IN ('day', 'week', 'month')),
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    score               REAL NOT NULL,
    computed_at         INTEGER NOT NULL,
    PRIMARY KEY (time_range, video_id)
);
CREATE INDEX trending_scores_rank ON trending_scores(time_range, score DESC, video_id);

-- When each window was last recomputed (also when it has no rows), written with its rows.
CREATE TABLE trending_refreshes (
    time_range          TEXT PRIMARY KEY CHECK (time_range IN ('day', 'week', 'month')),
    computed_at         INTEGER NOT NULL
);

-- Engagement per video and hour (hour = unix ms / 3,600,000), counted by the triggers below in the same
-- transaction as the write that causes it: O(1) per event, and a refresh reads buckets, never raw events.
-- Buckets older than 31 days are deleted by the refresh.
CREATE TABLE engagement_hourly (
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    hour                INTEGER NOT NULL,
    views               INTEGER NOT NULL DEFAULT 0,
    likes               INTEGER NOT NULL DEFAULT 0,
    comments            INTEGER NOT NULL DEFAULT 0,
    shares              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (video_id, hour)
) WITHOUT ROWID;
CREATE INDEX engagement_hourly_hour ON engagement_hourly(hour);

-- Shares: one per video and sharer (a user, or a keyed hash of the client address) per UTC day (unix ms /
-- 86,400,000). Rows older than yesterday are only kept long enough to refuse a second share the same day.
CREATE TABLE video_shares (
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    sharer_key          TEXT NOT NULL,
    day                 INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (video_id, sharer_key, day)
) WITHOUT ROWID;
CREATE INDEX video_shares_day ON video_shares(day);

-- Channel pages sorted by popularity (docs/API.md §17 "Channel pages"): keyset on (view_count, id).
CREATE INDEX videos_channel_popular ON videos(channel_id, view_count DESC, id DESC)
    WHERE visibility = 'public' AND status = 'ready';

-- A view: a playback session's view is counted (0 -> 1 once), in the hour the session was issued.
CREATE TRIGGER engagement_view AFTER UPDATE OF counted ON playback_sessions
WHEN NEW.counted = 1 AND OLD.counted = 0
BEGIN
    INSERT INTO engagement_hourly (video_id, hour, views) VALUES (NEW.video_id, NEW.issued_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET views = views + 1;
END;

-- A like counts in the hour it was given. A like that is removed or turned into a dislike is taken back from
-- that same hour's bucket (while the bucket is kept, i.e. for 31 days), so liking and unliking repeatedly
-- never adds up; taking back only ever UPDATEs (a cascade from a deleted video must not insert a bucket).
CREATE TRIGGER engagement_like_insert AFTER INSERT ON video_ratings
WHEN NEW.value = 1
BEGIN
    INSERT INTO engagement_hourly (video_id, hour, likes) VALUES (NEW.video_id, NEW.created_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET likes = likes + 1;
END;
CREATE TRIGGER engagement_like_delete AFTER DELETE ON video_ratings
WHEN OLD.value = 1
BEGIN
    UPDATE engagement_hourly SET likes = likes - 1
        WHERE video_id = OLD.video_id AND hour = OLD.created_at / 3600000 AND likes > 0;
END;
CREATE TRIGGER engagement_like_taken_back AFTER UPDATE OF value, created_at ON video_ratings
WHEN OLD.value = 1 AND (NEW.value <> 1 OR NEW.created_at / 3600000 <> OLD.created_at / 3600000)
BEGIN
    UPDATE engagement_hourly SET likes = likes - 1
        WHERE video_id = OLD.video_id AND hour = OLD.created_at / 3600000 AND likes > 0;
END;
CREATE TRIGGER engagement_like_given AFTER UPDATE OF value, created_at ON video_ratings
WHEN NEW.value = 1 AND (OLD.value <> 1 OR NEW.created_at / 3600000 <> OLD.created_at / 3600000)
BEGIN
    INSERT INTO engagement_hourly (video_id, hour, likes) VALUES (NEW.video_id, NEW.created_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET likes = likes + 1;
END;

-- A comment counts while it is published and not deleted (as videos.comment_count), in the hour it was written
-- (a held comment approved later lands in its own hour); one that stops counting is taken back from there.
CREATE TRIGGER engagement_comment_insert AFTER INSERT ON comments
WHEN NEW.status = 'published' AND NEW.deleted = 0
BEGIN
    INSERT INTO engagement_hourly (video_id, hour, comments) VALUES (NEW.video_id, NEW.created_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET comments = comments + 1;
END;
CREATE TRIGGER engagement_comment_published AFTER UPDATE OF status, deleted ON comments
WHEN NEW.status = 'published' AND NEW.deleted = 0 AND NOT (OLD.status = 'published' AND OLD.deleted = 0)
BEGIN
    INSERT INTO engagement_hourly (video_id, hour, comments) VALUES (NEW.video_id, NEW.created_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET comments = comments + 1;
END;
CREATE TRIGGER engagement_comment_withdrawn AFTER UPDATE OF status, deleted ON comments
WHEN OLD.status = 'published' AND OLD.deleted = 0 AND NOT (NEW.status = 'published' AND NEW.deleted = 0)
BEGIN
    UPDATE engagement_hourly SET comments = comments - 1
        WHERE video_id = OLD.video_id AND hour = OLD.created_at / 3600000 AND comments > 0;
END;
CREATE TRIGGER engagement_comment_deleted AFTER DELETE ON comments
WHEN OLD.status = 'published' AND OLD.deleted = 0
BEGIN
    UPDATE engagement_hourly SET comments = comments - 1
        WHERE video_id = OLD.video_id AND hour = OLD.created_at / 3600000 AND comments > 0;
END;

-- A share: a new video_shares row (GET /videos/:id/share inserts it, ignoring a second one the same day).
CREATE TRIGGER engagement_share AFTER INSERT ON video_shares
BEGIN
    UPDATE videos SET share_count = share_count + 1 WHERE id = NEW.video_id;
    INSERT INTO engagement_hourly (video_id, hour, shares) VALUES (NEW.video_id, NEW.created_at / 3600000, 1)
        ON CONFLICT (video_id, hour) DO UPDATE SET shares = shares + 1;
END;
