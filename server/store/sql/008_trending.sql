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
