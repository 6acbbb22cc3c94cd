#pragma once
// Playlists and their items (docs/API.md §16). Watch later is a playlist of kind watch_later, one per user,
// made on first use. Item positions are 0-based and dense: every change that moves items runs inside the
// caller's write transaction, and removals (also by a deleted video's cascade) are re-densified by the
// playlist_items_densify trigger (006_social.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"
#include "server/store/visibility.h"

namespace fc::server::store {

enum class PlaylistKind { Invalid = 0, Playlist, WatchLater };

inline constexpr const char* kWatchLaterTitle = "Watch later";

struct PlaylistRecord {
    std::string id;
    std::string owner_id;
    PlaylistKind kind = PlaylistKind::Invalid;
    std::string title;
    std::string description;
    Visibility visibility = Visibility::Invalid;
    int64_t item_count = 0;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

Result<std::optional<PlaylistRecord>> findPlaylist(Connection& db, const std::string& playlist_id);
// The owner's Watch later, inserted if it does not exist yet (call inside a write transaction).
Result<PlaylistRecord> findOrCreateWatchLater(Connection& db, const std::string& owner_id, int64_t now_ms);

struct NewPlaylist {
    std::string owner_id;
    std::string title;
    std::string description;
    Visibility visibility = Visibility::Private;
};
// Error "too_many_playlists" when the owner already has max_playlists (Watch later not counted).
Result<PlaylistRecord> createPlaylist(Connection& db, const NewPlaylist& playlist, int64_t max_playlists,
                                      int64_t now_ms);

struct PlaylistPatch {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<Visibility> visibility;
};
Result<void> updatePlaylist(Connection& db, const std::string& playlist_id, const PlaylistPatch& patch,
                            int64_t now_ms);
Result<void> deletePlaylist(Connection& db, const std::string& playlist_id);

struct PlaylistPage {
    std::vector<PlaylistRecord> items;
    std::optional<std::string> next_cursor;
};
// The owner's playlists: Watch later first (if it exists), then the others by last update, newest first.
Result<PlaylistPage> listOwnerPlaylists(Connection& db, const std::string& owner_id, int limit,
                                        const std::optional<std::string>& cursor);
// The owner's public playlists by last update, newest first (a channel page).
Result<PlaylistPage> listPublicPlaylists(Connection& db, const std::string& owner_id, int limit,
                                         const std::optional<std::string>& cursor);

// A playlist's items as one reader sees them: how many of them they may see (a private video is its owner's
// alone), and the first of those (by position) with its video's thumbnail file (below media/<id>/, or an
// image store key), which may be absent.
struct PlaylistThumbnail {
    std::string video_id;
    std::optional<std::string> thumbnail_file;
};
struct PlaylistReaderView {
    int64_t visible_items = 0;
    std::optional<PlaylistThumbnail> first;
};
Result<PlaylistReaderView> readPlaylistAs(Connection& db, const std::string& playlist_id,
                                          const std::optional<std::string>& reader_id);

struct PlaylistItem {
    std::string video_id;
    int64_t position = 0;
    int64_t added_at_ms = 0;
};
struct PlaylistItemPage {
    std::vector<PlaylistItem> items;
    std::optional<std::string> next_cursor;
};
// In playlist order, only videos the reader may see. Errors: "invalid_cursor".
Result<PlaylistItemPage> listPlaylistItems(Connection& db, const std::string& playlist_id,
                                           const std::optional<std::string>& reader_id, int limit,
                                           const std::optional<std::string>& cursor);

// Inserts the video at position (clamped to 0..item_count; nullopt: at the end), shifting the items after it.
// Returns the position it landed at. Errors: "already_in_playlist", "playlist_full".
Result<int64_t> addPlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                                std::optional<int64_t> position, int64_t max_items, int64_t now_ms);
// Moves the item to position (clamped to 0..item_count-1); the items in between shift by one.
// Error: "not_in_playlist".
Result<void> movePlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                              int64_t position, int64_t now_ms);
// Error: "not_in_playlist".
Result<void> removePlaylistItem(Connection& db, const std::string& playlist_id, const std::string& video_id,
                                int64_t now_ms);

} // namespace fc::server::store
