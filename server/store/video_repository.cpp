#include "server/store/video_repository.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/util/hashing.h"
#include "server/store/page_cursor.h"

namespace fc::server::store {
namespace {

constexpr const char* kVideoColumns =
    "SELECT v.id, v.channel_id, v.owner_id, v.title, v.description, v.tags, v.category, v.language, "
    "v.visibility, "
    "v.status, v.failure_code, v.failure_reason, v.duplicate_of, v.source_filename, v.source_size_bytes, "
    "v.source_sha256, v.media_info, v.duration_ms, v.view_count, v.like_count, v.dislike_count, "
    "v.comment_count, "
    "v.created_at, v.updated_at, v.published_at, v.playable, v.renditions, v.storyboard, v.thumbnail_file, "
    "v.hls_encryption, v.hls_key, v.comments_mode, v.pinned_comment_id, v.share_count, c.name, c.handle "
    "FROM videos v LEFT JOIN channels c ON c.id = v.channel_id ";

// Per sort: the keyset condition after a cursor (key, key, id) and the order. The cursor holds the sort's key
// (created_at or view_count) and the id.
struct SortKeyset {
    const char* after_cursor;
    const char* order;
};
SortKeyset keysetOf(VideoSort sort) {
    switch (sort) {
    case VideoSort::Oldest:
        return {" AND (v.created_at > ? OR (v.created_at = ? AND v.id > ?))",
                " ORDER BY v.created_at, v.id LIMIT ?"};
    case VideoSort::Popular:
        return {" AND (v.view_count < ? OR (v.view_count = ? AND v.id < ?))",
                " ORDER BY v.view_count DESC, v.id DESC LIMIT ?"};
    case VideoSort::Newest:
    case VideoSort::Invalid:
        break;
    }
    return {" AND (v.created_at < ? OR (v.created_at = ? AND v.id < ?))",
            " ORDER BY v.created_at DESC, v.id DESC LIMIT ?"};
}

std::vector<std::string> parseTags(const std::string& text) {
    std::vector<std::string> tags;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array())
        return tags;
    for (const auto& tag : json)
        if (tag.is_string())
            tags.push_back(tag.get<std::string>());
    return tags;
}

VideoRecord readVideo(const Statement& row) {
    VideoRecord video;
    video.id = row.text(0);
    video.channel_id = row.text(1);
    video.owner_id = row.text(2);
    video.title = row.text(3);
    video.description = row.text(4);
    video.tags = parseTags(row.text(5));
    video.category = row.text(6);
    video.language = row.text(7);
    video.visibility = parseVisibility(row.text(8)).value_or(Visibility::Private);
    video.status = row.text(9);
    video.failure_code = row.optionalText(10);
    video.failure_reason = row.optionalText(11);
    video.duplicate_of = row.optionalText(12);
    video.source_filename = row.text(13);
    video.source_size_bytes = row.optionalInt64(14);
    video.source_sha256 = row.optionalText(15);
    video.media_info_json = row.optionalText(16);
    video.duration_ms = row.optionalInt64(17);
    video.view_count = row.int64(18);
    video.like_count = row.int64(19);
    video.dislike_count = row.int64(20);
    video.comment_count = row.int64(21);
    video.created_at_ms = row.int64(22);
    video.updated_at_ms = row.int64(23);
    video.published_at_ms = row.optionalInt64(24);
    video.playable = row.int64(25) != 0;
    video.renditions_json = row.optionalText(26);
    video.storyboard_json = row.optionalText(27);
    video.thumbnail_file = row.optionalText(28);
    video.hls_encryption = row.int64(29) != 0;
    video.hls_key_hex = row.optionalText(30);
    video.comments_mode = row.text(31);
    video.pinned_comment_id = row.optionalText(32);
    video.share_count = row.int64(33);
    video.channel_name = row.text(34);
    video.channel_handle = row.text(35);
    return video;
}

// Runs a listing whose first parameter is `key` (channel or owner id), then optional extra text parameters,
// then the cursor and the limit; asks for one row more than the page to learn whether another page follows.
Result<VideoPage> runPage(Connection& db, const std::string& where, const std::string& key,
                          const std::optional<std::string>& extra, const VideoPageQuery& query) {
    std::optional<PageCursor> cursor;
    if (query.cursor) {
        cursor = decodePageCursor(*query.cursor);
        if (!cursor)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    const SortKeyset keyset = keysetOf(query.sort);
    std::string sql = std::string(kVideoColumns) + where;
    if (cursor)
        sql += keyset.after_cursor;
    sql += keyset.order;
    auto statement = db.prepare(sql);
    int index = 1;
    statement.bind(index++, key);
    if (extra)
        statement.bind(index++, *extra);
    if (cursor) {
        statement.bind(index++, cursor->created_at_ms);
        statement.bind(index++, cursor->created_at_ms);
        statement.bind(index++, cursor->id);
    }
    statement.bind(index++, query.limit + 1);

    VideoPage page;
    while (statement.step())
        page.items.push_back(readVideo(statement));
    if (statement.error())
        return *statement.error();
    if (static_cast<int>(page.items.size()) > query.limit) {
        page.items.resize(query.limit);
        const VideoRecord& last = page.items.back();
        page.next_cursor = encodePageCursor(
            {query.sort == VideoSort::Popular ? last.view_count : last.created_at_ms, last.id});
    }
    return page;
}

} // namespace

VideoSort parseVideoSort(std::string_view name) {
    return name == "newest"    ? VideoSort::Newest
           : name == "oldest"  ? VideoSort::Oldest
           : name == "popular" ? VideoSort::Popular
                               : VideoSort::Invalid;
}

bool isVideoStatus(std::string_view status) {
    return status == "uploading" || status == "queued" || status == "processing" || status == "ready" ||
           status == "failed";
}

Result<std::optional<VideoRecord>> findVideo(Connection& db, const std::string& video_id) {
    auto statement = db.prepare(std::string(kVideoColumns) + "WHERE v.id = ?");
    statement.bindAll(video_id);
    if (statement.step())
        return std::optional<VideoRecord>(readVideo(statement));
    if (statement.error())
        return *statement.error();
    return std::optional<VideoRecord>();
}

Result<std::vector<VideoRecord>> findVideos(Connection& db, const std::vector<std::string>& video_ids) {
    // One statement for any number of ids: the ids travel as one JSON array parameter.
    auto statement =
        db.prepare(std::string(kVideoColumns) + "WHERE v.id IN (SELECT value FROM json_each(?))");
    statement.bindAll(nlohmann::json(video_ids).dump());
    std::unordered_map<std::string, VideoRecord> found;
    while (statement.step()) {
        VideoRecord video = readVideo(statement);
        found.emplace(video.id, std::move(video));
    }
    if (statement.error())
        return *statement.error();
    std::vector<VideoRecord> videos;
    videos.reserve(found.size());
    for (const std::string& id : video_ids)
        if (auto it = found.find(id); it != found.end())
            videos.push_back(it->second); // copied: an id may be asked for twice
    return videos;
}

Result<VideoPage> listChannelVideos(Connection& db, const std::string& channel_id,
                                    const VideoPageQuery& query) {
    return runPage(db, std::string("WHERE v.channel_id = ? AND ") + kListedVideoCondition, channel_id,
                   std::nullopt, query);
}

Result<VideoPage> listOwnerVideos(Connection& db, const std::string& owner_id,
                                  const std::optional<std::string>& status, const VideoPageQuery& query) {
    return runPage(db, status ? "WHERE v.owner_id = ? AND v.status = ?" : "WHERE v.owner_id = ?", owner_id,
                   status, query);
}

Result<void> updateVideo(Connection& db, const std::string& video_id, const VideoPatch& patch,
                         int64_t now_ms) {
    std::optional<std::string> tags;
    if (patch.tags)
        tags = nlohmann::json(*patch.tags).dump();
    std::optional<std::string> visibility;
    if (patch.visibility)
        visibility = std::string(visibilityName(*patch.visibility));
    std::optional<int64_t> encryption;
    std::optional<std::string> new_key; // used only if the video has no key yet: a key, once made, stays
    if (patch.hls_encryption) {
        encryption = *patch.hls_encryption ? 1 : 0;
        if (*patch.hls_encryption)
            new_key = toHex(secureRandomBytes(16));
    }
    return db.run(
        "UPDATE videos SET title = COALESCE(?1, title), description = COALESCE(?2, description), "
        "tags = COALESCE(?3, tags), category = COALESCE(?4, category), language = COALESCE(?5, language), "
        "visibility = COALESCE(?6, visibility), "
        "published_at = CASE WHEN ?6 = 'public' AND published_at IS NULL THEN ?7 ELSE published_at END, "
        "hls_encryption = COALESCE(?9, hls_encryption), hls_key = COALESCE(hls_key, ?10), "
        "comments_mode = COALESCE(?11, comments_mode), "
        "updated_at = ?7 WHERE id = ?8",
        patch.title, patch.description, tags, patch.category, patch.language, visibility, now_ms, video_id,
        encryption, new_key, patch.comments_mode);
}

Result<std::vector<std::string>> deleteVideo(Connection& db, const std::string& video_id) {
    std::vector<std::string> upload_ids;
    auto statement = db.prepare("SELECT id FROM uploads WHERE video_id = ?");
    statement.bindAll(video_id);
    while (statement.step())
        upload_ids.push_back(statement.text(0));
    if (statement.error())
        return *statement.error();
    if (auto deleted = db.run("DELETE FROM uploads WHERE video_id = ?", video_id); !deleted)
        return deleted.error();
    if (auto deleted = db.run("DELETE FROM videos WHERE id = ?", video_id); !deleted)
        return deleted.error();
    return upload_ids;
}

} // namespace fc::server::store
