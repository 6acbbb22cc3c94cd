#include "server/store/playlist_repository.h"

#include <algorithm>
#include <limits>

#include "core/util/ids.h"
#include "server/store/page_cursor.h"

namespace fc::server::store {
namespace {

constexpr const char* kColumns =
    "id, owner_id, kind, title, description, visibility, item_count, created_at, updated_at";
// What a reader may see, as store/visibility.h's mayView (alias "v"; ?reader may be NULL: anonymous).
constexpr const char* kReaderMaySeeVideo = "(v.visibility != 'private' OR v.owner_id = ?1)";

std::string_view kindName(PlaylistKind kind) {
    return kind == PlaylistKind::WatchLater ? "watch_later" : "playlist";
}

PlaylistRecord readPlaylist(const Statement& row) {
    PlaylistRecord record;
    record.id = row.text(0);
    record.owner_id = row.text(1);
    record.kind = row.text(2) == "watch_later" ? PlaylistKind::WatchLater : PlaylistKind::Playlist;
    record.title = row.text(3);
    record.description = row.text(4);
    record.visibility = parseVisibility(row.text(5)).value_or(Visibility::Private);
    record.item_count = row.int64(6);
    record.created_at_ms = row.int64(7);
    record.updated_at_ms = row.int64(8);
    return record;
}

std::optional<PageCursor> decodeCursor(const std::optional<std::string>& text, bool& malformed) {
    malformed = false;
    if (!text)
        return std::nullopt;
    auto cursor = decodePageCursor(*text);
    malformed = !cursor;
    return cursor;
}

Error invalidCursor() {
    return makeError("invalid_cursor", "cursor is not one this server handed out");
}

// One keyset page of playlists: where_sql filters (?1 = owner), sort_sql is the descending sort key.
Result<PlaylistPage> listPlaylists(Connection& db, const std::string& owner_id, const std::string& where_sql,
                                   const std::string& sort_sql, int limit,
                                   const std::optional<std::string>& cursor_text) {
    bool malformed = false;
    const auto cursor = decodeCursor(cursor_text, malformed);
    if (malformed)
        return invalidCursor();
    std::string sql = std::string("SELECT ") + kColumns + ", " + sort_sql +
                      " AS sort_key FROM playlists WHERE " + where_sql;
    if (cursor)
        sql += " AND (" + sort_sql + " < ?3 OR (" + sort_sql + " = ?3 AND id < ?4))";
    sql += " ORDER BY sort_key DESC, id DESC LIMIT ?2";
    auto statement = db.prepare(sql);
    statement.bind(1, owner_id).bind(2, static_cast<int64_t>(limit) + 1);
    if (cursor)
        statement.bind(3, cursor->created_at_ms).bind(4, cursor->id);
    PlaylistPage page;
    std::vector<int64_t> keys;
    while (statement.step()) {
        page.items.push_back(readPlaylist(statement));
        keys.push_back(statement.int64(9));
    }
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = encodePageCursor({keys[static_cast<size_t>(limit) - 1], page.items.back().id});
    }
    return page;
}

Result<std::optional<int64_t>> itemPosition(Connection& db, const std::string& playlist_id,
                                            const std::string& video_id) {
    auto statement = db.prepare("SELECT position FROM playlist_items WHERE playlist_id = ? AND video_id = ?");
    statement.bindAll(playlist_id, video_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<int64_t>();
    }
    return std::optional<int64_t>(statement.int64(0));
}

Error notInPlaylist() {
    return makeError("not_in_playlist", "the video is not in this playlist");
}

// updated_at is strictly increasing per owner, so "by last update" is a true order even for edits made
// within one millisecond.
constexpr const char* kNextStamp =
    "MAX(?1, (SELECT MAX(p.updated_at) + 1 FROM playlists p WHERE p.owner_id = ?2))";

Result<void> touch(Connection& db, const std::string& playlist_id, int64_t now_ms) {
    auto owner = db.prepare("SELECT owner_id FROM playlists WHERE id = ?");
    owner.bindAll(playlist_id);
    if (!owner.step())
        return owner.error() ? Result<void>(*owner.error()) : Result<void>();
    return db.run(std::string("UPDATE playlists SET updated_at = ") + kNextStamp + " WHERE id = ?3", now_ms,
                  owner.text(0), playlist_id);
}

} // namespace

Result<std::optional<PlaylistRecord>> findPlaylist(Connection& db, const std::string& playlist_id) {
    auto statement = db.prepare(std::string("SELECT ") + kColumns + " FROM playlists WHERE id = ?");
    statement.bindAll(playlist_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<PlaylistRecord>();
    }
    return std::optional<PlaylistRecord>(readPlaylist(statement));
}

Result<PlaylistRecord> findOrCreateWatchLater(Connection& db, const std::string& owner_id, int64_t now_ms) {
    auto statement = db.prepare(std::string("SELECT ") + kColumns +
                                " FROM playlists WHERE owner_id = ? AND kind = 'watch_later'");
    statement.bindAll(owner_id);
    if (statement.step())
        return readPlaylist(statement);
    if (statement.error())
        return *statement.error();
    PlaylistRecord record{
        newId(), owner_id, PlaylistKind::WatchLater, kWatchLaterTitle, "", Visibility::Private, 0,
        now_ms,  now_ms};
    if (auto inserted = db.run("INSERT INTO playlists (id, owner_id, kind, title, visibility, created_at, "
                               "updated_at) VALUES (?, ?, 'watch_later', ?, 'private', ?, ?)",
                               record.id, owner_id, record.title, now_ms, now_ms);
        !inserted)
        return inserted.error();
    return record;
}

Result<PlaylistRecord> createPlaylist(Connection& db, const NewPlaylist& playlist, int64_t max_playlists,
                                      int64_t now_ms) {
    auto count = db.prepare("SELECT COUNT(*) FROM playlists WHERE owner_id = ? AND kind = 'playlist'");
    count.bindAll(playlist.owner_id);
    const int64_t existing = count.step() ? count.int64(0) : 0;
    if (count.error())
        return *count.error();
    if (existing >= max_playlists)
        return makeError("too_many_playlists",
                         "you already have " + std::to_string(existing) + " playlists, the most allowed");
    PlaylistRecord record{newId(),
                          playlist.owner_id,
                          PlaylistKind::Playlist,
                          playlist.title,
                          playlist.description,
                          playlist.visibility,
                          0,
                          now_ms,
                          now_ms};
    if (auto inserted = db.run("INSERT INTO playlists (id, owner_id, kind, title, description, visibility, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               record.id, record.owner_id, kindName(record.kind), record.title,
                               record.description, visibilityName(record.visibility), now_ms, now_ms);
        !inserted)
        return inserted.error();
    if (auto touched = touch(db, record.id, now_ms); !touched)
        return touched.error();
    auto stored = findPlaylist(db, record.id);
    if (!stored)
        return stored.error();
    return stored->value_or(record);
}

Result<void> updatePlaylist(Connection& db, const std::string& playlist_id, const PlaylistPatch& patch,
                            int64_t now_ms) {
    if (patch.title)
        if (auto set = db.run("UPDATE playlists SET title = ? WHERE id = ?", *patch.title, playlist_id); !set)
            return set.error();
    if (patch.description)
        if (auto set =
                db.run("UPDATE playlists SET description = ? WHERE id = ?", *patch.description, playlist_id);
            !set)
            return set.error();
    if (patch.visibility)
        if (auto set = db.run("UPDATE playlists SET visibility = ? WHERE id = ?",
                              visibilityName(*patch.visibility), playlist_id);
            !set)
            return set.error();
    return touch(db, playlist_id, now_ms);
}

Result<void> deletePlaylist(Connection& db, const std::string& playlist_id) {
    return db.run("DELETE FROM playlists WHERE id = ?", playlist_id);
}

Result<PlaylistPage> listOwnerPlaylists(Connection& db, const std::string& owner_id, int limit,
                                        const std::optional<std::string>& cursor) {
    // Watch later sorts above everything else by giving it the largest key.
    const std::string sort = "(CASE kind WHEN 'watch_later' THEN " +
                             std::to_string(std::numeric_limits<int64_t>::max()) + " ELSE updated_at END)";
    return listPlaylists(db, owner_id, "owner_id = ?1", sort, limit, cursor);
}

Result<PlaylistPage> listPublicPlaylists(Connection& db, const std::string& owner_id, int limit,
                                         const std::optional<std::string>& cursor) {
    return listPlaylists(db, owner_id, "owner_id = ?1 AND kind = 'playlist' AND visibility = 'public'",
                         "updated_at", limit, cursor);
}

Result<PlaylistReaderView> readPlaylistAs(Connection& db, const std::string& playlist_id,
                                          const std::optional<std::string>& reader_id) {
    // The first visible item, with the count of all visible items alongside (a window over the whole match).
    auto first =
        db.prepare(std::string("SELECT v.id, v.thumbnail_file, COUNT(*) OVER () FROM playlist_items i "
                               "JOIN videos v ON v.id = i.video_id WHERE i.playlist_id = ?2 AND ") +
                   kReaderMaySeeVideo + " ORDER BY i.position LIMIT 1");
    first.bind(1, reader_id).bind(2, playlist_id);
    PlaylistReaderView view;
    if (first.step()) {
        view.first = PlaylistThumbnail{first.text(0), first.optionalText(1)};
        view.visible_items = first.int64(2);
    }
    if (first.error())
        return *first.error();
    return view;
}

Result<PlaylistItemPage> listPlaylistItems(Connection& db, const std::string& playlist_id,
                                           const std::optional<std::string>& reader_id, int limit,
                                           const std::optional<std::string>& cursor_text) {
    bool malformed = false;
    const auto cursor = decodeCursor(cursor_text, malformed); // {position, video_id}
    if (malformed)
        return invalidCursor();
    std::string sql =
        std::string("SELECT i.video_id, i.position, i.added_at FROM playlist_items i JOIN videos "
                    "v ON v.id = i.video_id WHERE i.playlist_id = ?2 AND ") +
        kReaderMaySeeVideo;
    if (cursor)
        sql += " AND i.position > ?4";
    sql += " ORDER BY i.position LIMIT ?3";
    auto statement = db.prepare(sql);
    statement.bind(1, reader_id).bind(2, playlist_id).bind(3, static_cast<int64_t>(limit) + 1);
    if (cursor)
        statement.bind(4, cursor->created_at_ms);
    PlaylistItemPage page;
    while (statement.step())
        page.items.push_back({statement.text(0), statement.int64(1), statement.int64(2)});
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = encodePageCursor({page.items.back().position, page.items.back().video_id});
    }
    return page;
}

Result<int64_t> addPlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                                std::optional<int64_t> position, int64_t max_items, int64_t now_ms) {
    auto playlist = findPlaylist(db, playlist_id);
    if (!playlist)
        return playlist.error();
    if (!*playlist)
        return makeError("playlist_not_found", "no such playlist");
    auto existing = itemPosition(db, playlist_id, video_id);
    if (!existing)
        return existing.error();
    if (*existing)
        return makeError("already_in_playlist", "the video is already in this playlist");
    const int64_t count = (*playlist)->item_count;
    if (count >= max_items)
        return makeError("playlist_full",
                         "the playlist already holds " + std::to_string(count) + " videos, the most allowed");
    const int64_t at = std::clamp<int64_t>(position.value_or(count), 0, count);
    if (auto shifted = db.run("UPDATE playlist_items SET position = position + 1 WHERE playlist_id = ? AND "
                              "position >= ?",
                              playlist_id, at);
        !shifted)
        return shifted.error();
    if (auto inserted =
            db.run("INSERT INTO playlist_items (playlist_id, video_id, position, added_at) VALUES "
                   "(?, ?, ?, ?)",
                   playlist_id, video_id, at, now_ms);
        !inserted)
        return inserted.error();
    if (auto counted = db.run("UPDATE playlists SET item_count = item_count + 1 WHERE id = ?", playlist_id);
        !counted)
        return counted.error();
    if (auto touched = touch(db, playlist_id, now_ms); !touched)
        return touched.error();
    return at;
}

Result<void> movePlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                              int64_t position, int64_t now_ms) {
    auto playlist = findPlaylist(db, playlist_id);
    if (!playlist)
        return playlist.error();
    auto from = itemPosition(db, playlist_id, video_id);
    if (!from)
        return from.error();
    if (!*playlist || !*from)
        return notInPlaylist();
    const int64_t to = std::clamp<int64_t>(position, 0, std::max<int64_t>((*playlist)->item_count - 1, 0));
    // The items between the old and the new place close the gap (or open one), then the item lands.
    if (to < **from) {
        if (auto shifted =
                db.run("UPDATE playlist_items SET position = position + 1 WHERE playlist_id = ? AND "
                       "position >= ? AND position < ?",
                       playlist_id, to, **from);
            !shifted)
            return shifted.error();
    } else if (to > **from) {
        if (auto shifted =
                db.run("UPDATE playlist_items SET position = position - 1 WHERE playlist_id = ? AND "
                       "position > ? AND position <= ?",
                       playlist_id, **from, to);
            !shifted)
            return shifted.error();
    }
    if (auto moved = db.run("UPDATE playlist_items SET position = ? WHERE playlist_id = ? AND video_id = ?",
                            to, playlist_id, video_id);
        !moved)
        return moved.error();
    return touch(db, playlist_id, now_ms);
}

Result<void> removePlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                                int64_t now_ms) {
    // The playlist_items_densify trigger shifts the items after it and lowers item_count.
    if (auto removed = db.run("DELETE FROM playlist_items WHERE playlist_id = ? AND video_id = ?",
                              playlist_id, video_id);
        !removed)
        return removed.error();
    if (db.changes() == 0)
        return notInPlaylist();
    return touch(db, playlist_id, now_ms);
}

} // namespace fc::server::store
