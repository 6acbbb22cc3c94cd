-- Search (docs/API.md §17): the full-text indexes of videos and channels, kept in step with their rows by
-- triggers, and the log of searches that suggestions learn popular queries from.
--
-- Both indexes are FTS5 "external content" tables: the text is stored once, in videos / channels, and the
-- index reads it back through a view when it needs it (highlights, 'rebuild', 'integrity-check'). The price is
-- that the triggers must retract a row with exactly the values it was indexed with; they do, from OLD.*.
-- *_search_docs map an index row (doc_id) to its video or channel: ids are text, FTS5 rows are integers, and a
-- table's implicit rowid may change under VACUUM. video_search_docs also keeps copies of what search filters
-- and sorts by, so ranking a thousand matches reads this narrow table instead of a thousand wide video rows
-- (measured over a million videos: ~2 ms instead of ~15 ms of CPU).
--
-- Only listed videos (public and ready, store::kListedVideoCondition) are in the video index: a video that
-- stops being listed leaves it in the same transaction, so the index stays small and cannot leak one.

CREATE TABLE video_search_docs (
    doc_id              INTEGER PRIMARY KEY,
    video_id            TEXT NOT NULL UNIQUE,
    published_at        INTEGER NOT NULL,         -- coalesce(published_at, created_at) of the video
    duration_ms         INTEGER,
    category            TEXT NOT NULL,
    view_count          INTEGER NOT NULL,
    like_count          INTEGER NOT NULL,
    dislike_count       INTEGER NOT NULL
);

-- Tags are indexed as their JSON text: the tokenizer splits on the brackets, quotes and commas.
CREATE VIEW video_search_source (doc_id, title, tags, channel_name, description) AS
    SELECT d.doc_id, v.title, v.tags, coalesce(c.name, ''), v.description
    FROM video_search_docs d JOIN videos v ON v.id = d.video_id LEFT JOIN channels c ON c.id = v.channel_id;

CREATE VIRTUAL TABLE video_fts USING fts5(
    title, tags, channel_name, description,
    content = 'video_search_source', content_rowid = 'doc_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The indexed words and how many videos hold each: the spelling corrector's vocabulary.
CREATE VIRTUAL TABLE video_fts_vocab USING fts5vocab(video_fts, row);

CREATE TABLE channel_search_docs (
    doc_id              INTEGER PRIMARY KEY,
    channel_id          TEXT NOT NULL UNIQUE
);

CREATE VIEW channel_search_source (doc_id, name, handle, description) AS
    SELECT d.doc_id, c.name, c.handle, c.description
    FROM channel_search_docs d JOIN channels c ON c.id = d.channel_id;

CREATE VIRTUAL TABLE channel_fts USING fts5(
    name, handle, description,
    content = 'channel_search_source', content_rowid = 'doc_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Bumped by every change of either index, so the search service reloads its vocabulary only when needed.
CREATE TABLE search_index_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    version             INTEGER NOT NULL
);
INSERT INTO search_index_state (id, version) VALUES (1, 1);

-- Videos ----------------------------------------------------------------------------------------------------

CREATE TRIGGER video_search_insert AFTER INSERT ON videos
WHEN NEW.visibility = 'public' AND NEW.status = 'ready'
BEGIN
    INSERT INTO video_search_docs (video_id, published_at, duration_ms, category, view_count, like_count,
                                   dislike_count)
        VALUES (NEW.id, coalesce(NEW.published_at, NEW.created_at), NEW.duration_ms, NEW.category, NEW.view_count,
                NEW.like_count, NEW.dislike_count);
    INSERT INTO video_fts (rowid, title, tags, channel_name, description)
        SELECT d.doc_id, NEW.title, NEW.tags, coalesce((SELECT name FROM channels WHERE id = NEW.channel_id), ''),
               NEW.description
        FROM video_search_docs d WHERE d.video_id = NEW.id;
    UPDATE search_index_state SET version = version + 1;
END;

-- Any change of an indexed field or of listing: retract the old row (if it was indexed), then index the new
-- one (if it is listed). A video that stays listed keeps its doc_id.
CREATE TRIGGER video_search_update AFTER UPDATE OF title, description, tags, visibility, status, channel_id
ON videos
WHEN ((OLD.visibility = 'public' AND OLD.status = 'ready') OR (NEW.visibility = 'public' AND NEW.status = 'ready'))
     AND (OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description OR OLD.tags IS NOT NEW.tags
          OR OLD.visibility IS NOT NEW.visibility OR OLD.status IS NOT NEW.status
          OR OLD.channel_id IS NOT NEW.channel_id)
BEGIN
    INSERT INTO video_fts (video_fts, rowid, title, tags, channel_name, description)
        SELECT 'delete', d.doc_id, OLD.title, OLD.tags,
               coalesce((SELECT name FROM channels WHERE id = OLD.channel_id), ''), OLD.description
        FROM video_search_docs d WHERE d.video_id = OLD.id;
    DELETE FROM video_search_docs
        WHERE video_id = OLD.id AND NOT (NEW.visibility = 'public' AND NEW.status = 'ready');
    INSERT OR IGNORE INTO video_search_docs (video_id, published_at, duration_ms, category, view_count, like_count,
                                             dislike_count)
        SELECT NEW.id, coalesce(NEW.published_at, NEW.created_at), NEW.duration_ms, NEW.category, NEW.view_count,
               NEW.like_count, NEW.dislike_count
        WHERE NEW.visibility = 'public' AND NEW.status = 'ready';
    INSERT INTO video_fts (rowid, title, tags, channel_name, description)
        SELECT d.doc_id, NEW.title, NEW.tags, coalesce((SELECT name FROM channels WHERE id = NEW.channel_id), ''),
               NEW.description
        FROM video_search_docs d WHERE d.video_id = NEW.id;
    UPDATE search_index_state SET version = version + 1;
END;

-- The copies follow their video (a no-op for videos not in the index). With video_search_update, whichever runs
-- first, the row ends up holding the new values.
CREATE TRIGGER video_search_copies
AFTER UPDATE OF view_count, like_count, dislike_count, published_at, created_at, duration_ms, category ON videos
WHEN OLD.view_count IS NOT NEW.view_count OR OLD.like_count IS NOT NEW.like_count
     OR OLD.dislike_count IS NOT NEW.dislike_count OR OLD.published_at IS NOT NEW.published_at
     OR OLD.created_at IS NOT NEW.created_at OR OLD.duration_ms IS NOT NEW.duration_ms
     OR OLD.category IS NOT NEW.category
BEGIN
    UPDATE video_search_docs
        SET published_at = coalesce(NEW.published_at, NEW.created_at), duration_ms = NEW.duration_ms,
            category = NEW.category, view_count = NEW.view_count, like_count = NEW.like_count,
            dislike_count = NEW.dislike_count
        WHERE video_id = NEW.id;
END;

CREATE TRIGGER video_search_delete AFTER DELETE ON videos
WHEN EXISTS (SELECT 1 FROM video_search_docs WHERE video_id = OLD.id)
BEGIN
    INSERT INTO video_fts (video_fts, rowid, title, tags, channel_name, description)
        SELECT 'delete', d.doc_id, OLD.title, OLD.tags,
               coalesce((SELECT name FROM channels WHERE id = OLD.channel_id), ''), OLD.description
        FROM video_search_docs d WHERE d.video_id = OLD.id;
    DELETE FROM video_search_docs WHERE video_id = OLD.id;
    UPDATE search_index_state SET version = version + 1;
END;

-- Channels --------------------------------------------------------------------------------------------------

CREATE TRIGGER channel_search_insert AFTER INSERT ON channels
BEGIN
    INSERT INTO channel_search_docs (channel_id) VALUES (NEW.id);
    INSERT INTO channel_fts (rowid, name, handle, description)
        SELECT d.doc_id, NEW.name, NEW.handle, NEW.description FROM channel_search_docs d
        WHERE d.channel_id = NEW.id;
    UPDATE search_index_state SET version = version + 1;
END;

CREATE TRIGGER channel_search_update AFTER UPDATE OF name, handle, description ON channels
WHEN OLD.name IS NOT NEW.name OR OLD.handle IS NOT NEW.handle OR OLD.description IS NOT NEW.description
BEGIN
    INSERT INTO channel_fts (channel_fts, rowid, name, handle, description)
        SELECT 'delete', d.doc_id, OLD.name, OLD.handle, OLD.description FROM channel_search_docs d
        WHERE d.channel_id = OLD.id;
    INSERT INTO channel_fts (rowid, name, handle, description)
        SELECT d.doc_id, NEW.name, NEW.handle, NEW.description FROM channel_search_docs d
        WHERE d.channel_id = NEW.id;
    UPDATE search_index_state SET version = version + 1;
END;

-- A renamed channel's videos are found by the new name only.
CREATE TRIGGER channel_search_rename AFTER UPDATE OF name ON channels
WHEN OLD.name IS NOT NEW.name
BEGIN
    INSERT INTO video_fts (video_fts, rowid, title, tags, channel_name, description)
        SELECT 'delete', d.doc_id, v.title, v.tags, OLD.name, v.description
        FROM videos v JOIN video_search_docs d ON d.video_id = v.id WHERE v.channel_id = OLD.id;
    INSERT INTO video_fts (rowid, title, tags, channel_name, description)
        SELECT d.doc_id, v.title, v.tags, NEW.name, v.description
        FROM videos v JOIN video_search_docs d ON d.video_id = v.id WHERE v.channel_id = NEW.id;
END;

-- Before the row goes (and its videos with it, by cascade) the channel's videos leave the index while their
-- channel name can still be read; the videos' own delete trigger then finds nothing left to do.
CREATE TRIGGER channel_search_delete BEFORE DELETE ON channels
BEGIN
    INSERT INTO video_fts (video_fts, rowid, title, tags, channel_name, description)
        SELECT 'delete', d.doc_id, v.title, v.tags, OLD.name, v.description
        FROM videos v JOIN video_search_docs d ON d.video_id = v.id WHERE v.channel_id = OLD.id;
    DELETE FROM video_search_docs WHERE video_id IN (SELECT id FROM videos WHERE channel_id = OLD.id);
    INSERT INTO channel_fts (channel_fts, rowid, name, handle, description)
        SELECT 'delete', d.doc_id, OLD.name, OLD.handle, OLD.description FROM channel_search_docs d
        WHERE d.channel_id = OLD.id;
    DELETE FROM channel_search_docs WHERE channel_id = OLD.id;
    UPDATE search_index_state SET version = version + 1;
END;

-- Existing rows --------------------------------------------------------------------------------------------

INSERT INTO video_search_docs (video_id, published_at, duration_ms, category, view_count, like_count, dislike_count)
    SELECT id, coalesce(published_at, created_at), duration_ms, category, view_count, like_count, dislike_count
    FROM videos WHERE visibility = 'public' AND status = 'ready' ORDER BY created_at, id;
INSERT INTO video_fts (video_fts) VALUES ('rebuild');
INSERT INTO channel_search_docs (channel_id) SELECT id FROM channels ORDER BY created_at, id;
INSERT INTO channel_fts (channel_fts) VALUES ('rebuild');

-- Sorting and filtering listed videos without touching the others.
CREATE INDEX videos_listed_views ON videos(view_count DESC, id) WHERE visibility = 'public' AND status = 'ready';

-- The search log ------------------------------------------------------------------------------------------
-- searcher: 'u:<user id>' when signed in, else 'a:<client address>'. Written in batches by the search service.
CREATE TABLE search_log (
    id                  INTEGER PRIMARY KEY,
    query               TEXT NOT NULL,            -- normalised: folded case and accents, single spaces
    result_count        INTEGER NOT NULL,
    searcher            TEXT NOT NULL,
    created_at          INTEGER NOT NULL
);
CREATE INDEX search_log_query_searcher ON search_log(query, searcher);
CREATE INDEX search_log_created ON search_log(created_at);

-- Popularity, kept incrementally by the trigger below: one upsert per logged search instead of a GROUP BY over
-- the whole log on every refresh. searcher_count counts distinct searchers (the log's index answers "seen
-- before?"); suggestions use queries with searcher_count >= 2.
CREATE TABLE search_queries (
    query               TEXT PRIMARY KEY,
    search_count        INTEGER NOT NULL,
    searcher_count      INTEGER NOT NULL,
    last_result_count   INTEGER NOT NULL,
    last_searched_at    INTEGER NOT NULL
);
CREATE INDEX search_queries_popular ON search_queries(search_count DESC) WHERE searcher_count >= 2;

CREATE TRIGGER search_log_count AFTER INSERT ON search_log
BEGIN
    INSERT INTO search_queries (query, search_count, searcher_count, last_result_count, last_searched_at)
        VALUES (NEW.query, 1, 1, NEW.result_count, NEW.created_at)
        ON CONFLICT (query) DO UPDATE SET
            search_count = search_count + 1,
            searcher_count = searcher_count + (NOT EXISTS (
                SELECT 1 FROM search_log WHERE query = NEW.query AND searcher = NEW.searcher AND id <> NEW.id)),
            last_result_count = NEW.result_count,
            last_searched_at = NEW.created_at;
END;
