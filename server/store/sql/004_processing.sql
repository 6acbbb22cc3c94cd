-- The processing pipeline's results: renditions, thumbnails, storyboard, and whether the video can be played.

ALTER TABLE videos ADD COLUMN playable INTEGER NOT NULL DEFAULT 0;   -- 1 once the first segments exist
ALTER TABLE videos ADD COLUMN renditions TEXT;                       -- JSON array of the ladder as encoded
ALTER TABLE videos ADD COLUMN storyboard TEXT;                       -- JSON: vtt, sheets, tile size, interval
ALTER TABLE videos ADD COLUMN thumbnail_file TEXT;                   -- below media/<id>/, e.g. thumbs/thumb_3.jpg
ALTER TABLE videos ADD COLUMN processing_started_at INTEGER;
ALTER TABLE videos ADD COLUMN processing_finished_at INTEGER;

CREATE TABLE video_thumbnails (
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,          -- 1..5: candidates near 10/25/50/75/90 %
    file                TEXT NOT NULL,             -- below media/<id>/
    time_ms             INTEGER NOT NULL,
    sharpness           REAL NOT NULL,
    is_black            INTEGER NOT NULL,
    PRIMARY KEY (video_id, position)
);
