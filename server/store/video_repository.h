#pragma once
// Reading, editing and deleting video rows. Rows are inserted by the upload path (upload_repository); every
// reader maps them through VideoRecord so the columns are read in one place.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"
#include "server/store/visibility.h"

namespace fc::server::store {

// Which videos appear in channel listings, channel video counts and other public lists (alias "v"):
// public (isListed() in visibility.h) and processed; uploads in flight and failed ones are the owner's
// business.
inline constexpr const char* kListedVideoCondition = "v.visibility = 'public' AND v.status = 'ready'";

struct VideoRecord {
    std::string id;
    std::string channel_id;
    std::string owner_id;
    std::string title;
    std::string description;
    std::vector<std::string> tags;
    std::string category;
    std::string language;
    Visibility visibility = Visibility::Invalid;
    std::string status; // uploading | queued | processing | ready | failed
    std::optional<std::string> failure_code;
    std::optional<std::string> failure_reason;
    std::optional<std::string> duplicate_of;
    std::string source_filename;
    std::optional<int64_t> source_size_bytes;
    std::optional<std::string> source_sha256;
    std::optional<std::string> media_info_json; // the probe's JSON text
    std::optional<int64_t> duration_ms;
    int64_t view_count = 0;
    int64_t like_count = 0;
    int64_t dislike_count = 0;
    int64_t comment_count = 0;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
    std::optional<int64_t> published_at_ms;
    // Set by the processing pipeline.
    bool playable = false;
    std::optional<std::string> renditions_json; // the encoded ladder
    std::optional<std::string> storyboard_json;
    std::optional<std::string> thumbnail_file; // below media/<id>/
    // AES-128 HLS through signed URLs (owner's choice); the key is made the first time it is turned on.
    bool hls_encryption = false;
    std::optional<std::string> hls_key_hex;
    // Comments (docs/API.md §13): on | held | off, and the one pinned comment.
    std::string comments_mode = "on";
    std::optional<std::string> pinned_comment_id;
    int64_t share_count = 0; // docs/API.md §17
    // Read from the channel row, for cards (not stored on the video).
    std::string channel_name;
    std::string channel_handle;
};

bool isVideoStatus(std::string_view status);

Result<std::optional<VideoRecord>> findVideo(Connection& db, const std::string& video_id);
// The videos of these ids in the order given, in one query; ids without a row are left out. Callers filter by
// visibility themselves (isListed() etc.).
Result<std::vector<VideoRecord>> findVideos(Connection& db, const std::vector<std::string>& video_ids);

// The orders of a channel's page (docs/API.md §17 "Channel pages"), each keyset-paged on its own key.
enum class VideoSort {
    Invalid = 0,
    Newest,  // created_at desc, id desc
    Oldest,  // created_at asc, id asc
    Popular, // view_count desc, id desc
};
VideoSort parseVideoSort(std::string_view name); // newest | oldest | popular, else Invalid

struct VideoPageQuery {
    int limit = 20;
    std::optional<std::string> cursor; // opaque, from a previous page's next_cursor
    VideoSort sort = VideoSort::Newest;
};

struct VideoPage {
    std::vector<VideoRecord> items;
    std::optional<std::string> next_cursor;
};

// In query.sort's order. A malformed cursor is the error "invalid_cursor".
Result<VideoPage> listChannelVideos(Connection& db, const std::string& channel_id,
                                    const VideoPageQuery& query);
// Every video of the owner in every state and visibility, optionally of one status.
Result<VideoPage> listOwnerVideos(Connection& db, const std::string& owner_id,
                                  const std::optional<std::string>& status, const VideoPageQuery& query);

struct VideoPatch {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::string> category;
    std::optional<std::string> language;
    std::optional<Visibility> visibility;
    std::optional<bool> hls_encryption;       // turning it on makes the video's key if it has none
    std::optional<std::string> comments_mode; // on | held | off
};
// Becoming public for the first time sets published_at.
Result<void> updateVideo(Connection& db, const std::string& video_id, const VideoPatch& patch,
                         int64_t now_ms);

// Deletes the video row and its uploads rows; returns the upload ids (their .part files can then be removed).
Result<std::vector<std::string>> deleteVideo(Connection& db, const std::string& video_id);

} // namespace fc::server::store
