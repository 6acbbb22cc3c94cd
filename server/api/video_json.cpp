#include "server/api/video_json.h"

#include "core/util/time.h"
#include "server/api/handler_support.h"

namespace fc::server::api {
namespace {

template <class T> nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json parsedOrNull(const std::optional<std::string>& text, nlohmann::json fallback) {
    if (!text)
        return fallback;
    nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? fallback : parsed;
}

// The storyboard as a player needs it: the WebVTT index's URL and the tile geometry.
nlohmann::json storyboardJson(const store::VideoRecord& video) {
    nlohmann::json stored = parsedOrNull(video.storyboard_json, nullptr);
    if (!stored.is_object() || !stored.contains("vtt"))
        return nullptr;
    return {{"vtt_url", videoFileUrl(video.id, stored["vtt"].get<std::string>())},
            {"tile_width", stored.value("tile_width", 0)},
            {"tile_height", stored.value("tile_height", 0)},
            {"interval_s", stored.value("interval_s", 0.0)}};
}

} // namespace

std::string videoFileUrl(const std::string& video_id, const std::string& relative_file) {
    if (relative_file.rfind("images/", 0) == 0) // a custom thumbnail lives in the image store
        return "/api/v1/" + relative_file;
    return "/api/v1/videos/" + video_id + "/files/" + relative_file;
}

nlohmann::json videoToJson(const store::VideoRecord& video, const std::optional<std::string>& viewer_id) {
    nlohmann::json failure = nullptr;
    if (video.failure_code)
        failure = {{"code", *video.failure_code}, {"message", video.failure_reason.value_or("")}};
    nlohmann::json media_info = nullptr;
    if (video.media_info_json) {
        media_info = nlohmann::json::parse(*video.media_info_json, nullptr, false);
        if (media_info.is_discarded())
            media_info = nullptr;
    }
    nlohmann::json json = {
        {"id", video.id},
        {"channel_id", video.channel_id},
        {"channel_name", video.channel_name},
        {"channel_handle", video.channel_handle},
        {"share_count", video.share_count},
        {"owner_id", video.owner_id},
        {"title", video.title},
        {"description", video.description},
        {"tags", video.tags},
        {"category", video.category},
        {"language", video.language},
        {"visibility", visibilityName(video.visibility)},
        {"status", video.status},
        {"failure", failure},
        {"duplicate_of", viewer_id && *viewer_id == video.owner_id ? orNull(video.duplicate_of) : nullptr},
        {"playable", video.playable},
        {"media_info", media_info},
        {"duration_ms", orNull(video.duration_ms)},
        {"view_count", video.view_count},
        {"like_count", video.like_count},
        {"dislike_count", video.dislike_count},
        {"comment_count", video.comment_count},
        {"comments_mode", video.comments_mode},
        {"thumbnail_url", video.thumbnail_file ? nlohmann::json(videoFileUrl(video.id, *video.thumbnail_file))
                                               : nlohmann::json(nullptr)},
        {"renditions", parsedOrNull(video.renditions_json, nlohmann::json::array())},
        {"storyboard", storyboardJson(video)},
        {"created_at", toRfc3339(video.created_at_ms)},
        {"updated_at", toRfc3339(video.updated_at_ms)},
        {"published_at", video.published_at_ms ? nlohmann::json(toRfc3339(*video.published_at_ms)) : nullptr},
    };
    if (viewer_id && *viewer_id == video.owner_id)
        json["source"] = {{"filename", video.source_filename},
                          {"size_bytes", orNull(video.source_size_bytes)},
                          {"sha256", orNull(video.source_sha256)}};
    if (viewer_id && *viewer_id == video.owner_id)
        json["hls_encryption"] = video.hls_encryption;
    return json;
}

nlohmann::json videoPageToJson(const store::VideoPage& page, const std::optional<std::string>& viewer_id) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& video : page.items)
        items.push_back(videoToJson(video, viewer_id));
    return listPageJson(std::move(items), page.next_cursor);
}

} // namespace fc::server::api
