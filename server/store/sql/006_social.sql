-- The social layer: comments (threads of one visible level, reactions, reports, moderation), video ratings,
-- subscriptions, notifications, playlists (Watch later is one per user) and history pausing.

-- on: published at once (through the filter); held: every comment waits for the creator; off: no new comments.
ALTER TABLE videos ADD COLUMN comments_mode TEXT NOT NULL DEFAULT 'on' CHECK (comments_mode IN ('on', 'held', 'off'));
ALTER TABLE videos ADD COLUMN pinned_comment_id TEXT;
-- Set once the video's subscribers were told about it (it became public and ready), so they are told once.
ALTER TABLE videos ADD COLUMN subscribers_notified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN history_paused INTEGER NOT NULL DEFAULT 0;

CREATE TABLE comments (
    id                  TEXT PRIMARY KEY,
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    author_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id           TEXT,                      -- NULL: a top-level comment; else the top-level comment's id
    parent_id           TEXT,                      -- the comment replied to (a reply or the top-level one)
    reply_to_user_id    TEXT,                      -- the author mentioned when replying to a reply
    body                TEXT NOT NULL,             -- '' once deleted
    status              TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'removed')),
    held_reason         TEXT,                      -- profanity, link, repetition, rate, reported, review_all
    deleted             INTEGER NOT NULL DEFAULT 0,
    hearted             INTEGER NOT NULL DEFAULT 0,
    like_count          INTEGER NOT NULL DEFAULT 0,
    dislike_count       INTEGER NOT NULL DEFAULT 0,
    reply_count         INTEGER NOT NULL DEFAULT 0, -- published replies (deleted ones included)
    report_count        INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    edited_at           INTEGER,
    updated_at          INTEGER NOT NULL,
    -- The "top" order's key, computed (never out of step with the counts) and indexed below.
    score               INTEGER GENERATED ALWAYS AS (like_count - dislike_count + reply_count) VIRTUAL
);
-- Keyset orders: newest/oldest by (created_at, id); top by (score, created_at, id); replies by (created_at, id).
CREATE INDEX comments_video_top_level ON comments(video_id, thread_id, status, created_at, id);
CREATE INDEX comments_video_top ON comments(video_id, thread_id, status, score, created_at, id);
CREATE INDEX comments_thread ON comments(thread_id, status, created_at, id);
CREATE INDEX comments_author ON comments(author_id, created_at);
CREATE INDEX comments_held ON comments(status, video_id, created_at);

CREATE TABLE comment_reactions (
    comment_id          TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    value               INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE comment_reports (
    comment_id          TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    reporter_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason              TEXT NOT NULL,
    detail              TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (comment_id, reporter_id)
);

CREATE TABLE channel_blocks (
    channel_id          TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

CREATE TABLE video_ratings (
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    value               INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (video_id, user_id)
);
CREATE INDEX video_ratings_user ON video_ratings(user_id, created_at);

CREATE TABLE subscriptions (
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel_id          TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);
CREATE INDEX subscriptions_channel ON subscriptions(channel_id);
-- "My subscriptions", most recent first (keyset on created_at, channel_id).
CREATE INDEX subscriptions_user_created ON subscriptions(user_id, created_at DESC, channel_id DESC);
-- The subscriptions feed: per subscribed channel, its public playable videos newest published first.
CREATE INDEX videos_channel_feed ON videos(channel_id, published_at DESC, id DESC)
    WHERE visibility = 'public' AND playable = 1;

CREATE TABLE notifications (
    id                  INTEGER PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('new_video', 'comment_reply', 'video_comment', 'video_processed')),
    actor_id            TEXT REFERENCES users(id) ON DELETE SET NULL,
    video_id            TEXT REFERENCES videos(id) ON DELETE CASCADE,
    comment_id          TEXT REFERENCES comments(id) ON DELETE CASCADE,
    text                TEXT NOT NULL DEFAULT '',  -- a preview (comment text, video title)
    read_at             INTEGER,
    created_at          INTEGER NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, id DESC);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);

CREATE TABLE playlists (
    id                  TEXT PRIMARY KEY,
    owner_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL DEFAULT 'playlist' CHECK (kind IN ('playlist', 'watch_later')),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    visibility          TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'unlisted', 'private')),
    item_count          INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX playlists_owner ON playlists(owner_id, updated_at DESC);
CREATE UNIQUE INDEX playlists_one_watch_later ON playlists(owner_id) WHERE kind = 'watch_later';

CREATE TABLE playlist_items (
    playlist_id         TEXT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
    video_id            TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,          -- 0-based, dense
    added_at            INTEGER NOT NULL,
    PRIMARY KEY (playlist_id, video_id)
);
CREATE INDEX playlist_items_order ON playlist_items(playlist_id, position);
-- Every removal keeps positions dense and item_count true, whoever removes the row: the API, or the cascade when a
-- video is deleted. When the playlist itself is being deleted its row is already gone, so nothing is shifted.
CREATE TRIGGER playlist_items_densify AFTER DELETE ON playlist_items
WHEN EXISTS (SELECT 1 FROM playlists WHERE id = OLD.playlist_id)
BEGIN
    UPDATE playlist_items SET position = position - 1
        WHERE playlist_id = OLD.playlist_id AND position > OLD.position;
    UPDATE playlists SET item_count = item_count - 1 WHERE id = OLD.playlist_id;
END;
