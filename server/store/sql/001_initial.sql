-- Accounts, channels, videos, resumable uploads and the durable job queue.
-- Times are Unix milliseconds (UTC); ids are 11-character base64url strings.

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email               TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash       TEXT NOT NULL,
    display_name        TEXT NOT NULL DEFAULT '',
    bio                 TEXT NOT NULL DEFAULT '',
    avatar_key          TEXT,
    storage_quota_bytes INTEGER,            -- NULL: the server's default quota
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE sessions (
    id                  INTEGER PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    access_token_hash   TEXT NOT NULL UNIQUE,   -- sha256 of the opaque token; the token itself is never stored
    access_expires_at   INTEGER NOT NULL,
    refresh_token_hash  TEXT NOT NULL UNIQUE,
    refresh_expires_at  INTEGER NOT NULL,
    user_agent          TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE channels (
    id                  TEXT PRIMARY KEY,
    owner_id            TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    handle              TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    avatar_key          TEXT,
    banner_key          TEXT,
    subscriber_count    INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE videos (
    id                  TEXT PRIMARY KEY,
    channel_id          TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    owner_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    tags                TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    category            TEXT NOT NULL DEFAULT '',
    language            TEXT NOT NULL DEFAULT '',
    visibility          TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'unlisted', 'private')),
    status              TEXT NOT NULL DEFAULT 'uploading'
                        CHECK (status IN ('uploading', 'queued', 'processing', 'ready', 'failed')),
    failure_code        TEXT,
    failure_reason      TEXT,
    duplicate_of        TEXT,
    source_filename     TEXT NOT NULL DEFAULT '',
    source_size_bytes   INTEGER,
    source_sha256       TEXT,
    media_info          TEXT,                         -- JSON from the probe
    duration_ms         INTEGER,
    view_count          INTEGER NOT NULL DEFAULT 0,
    like_count          INTEGER NOT NULL DEFAULT 0,
    dislike_count       INTEGER NOT NULL DEFAULT 0,
    comment_count       INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    published_at        INTEGER
);
CREATE INDEX videos_channel_created ON videos(channel_id, created_at DESC);
CREATE INDEX videos_owner_created ON videos(owner_id, created_at DESC);
CREATE INDEX videos_owner_sha256 ON videos(owner_id, source_sha256);

CREATE TABLE uploads (
    id                  TEXT PRIMARY KEY,
    video_id            TEXT NOT NULL,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    length_bytes        INTEGER,                      -- NULL while Upload-Defer-Length
    offset_bytes        INTEGER NOT NULL DEFAULT 0,   -- durable, acknowledged bytes
    metadata            TEXT NOT NULL DEFAULT '',     -- the Upload-Metadata header as sent
    state               TEXT NOT NULL DEFAULT 'receiving'
                        CHECK (state IN ('receiving', 'complete', 'expired', 'terminated')),
    expires_at          INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX uploads_user_created ON uploads(user_id, created_at);
CREATE INDEX uploads_state_expires ON uploads(state, expires_at);
CREATE INDEX uploads_video ON uploads(video_id);

CREATE TABLE jobs (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL,                -- 'ingest', 'transcode', ...
    video_id            TEXT,
    payload             TEXT NOT NULL DEFAULT '{}',
    state               TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    priority            INTEGER NOT NULL DEFAULT 0,   -- higher runs first
    attempts            INTEGER NOT NULL DEFAULT 0,
    max_attempts        INTEGER NOT NULL DEFAULT 3,
    run_after           INTEGER NOT NULL,             -- backoff: not claimed before this time
    progress            REAL NOT NULL DEFAULT 0,      -- 0..1
    eta_ms              INTEGER,
    last_error          TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    started_at          INTEGER,
    finished_at         INTEGER
);
CREATE INDEX jobs_claim ON jobs(state, priority DESC, run_after, id);
CREATE INDEX jobs_video ON jobs(video_id);
