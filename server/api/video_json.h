#pragma once
// The one mapping from a video row to its JSON. Every endpoint that returns a video (details, listings,
// upload creation, status) goes through videoToJson, so owner-only fields are decided in one place.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/store/video_repository.h"

namespace fc::server::api {

// The URL a client fetches one of a video's files from (relative_file is below media/<id>/, e.g.
// "thumbs/thumb_2.jpg" or "storyboard/storyboard.vtt").
std::string videoFileUrl(const std::string& video_id, const std::string& relative_file);

// viewer_id: the signed-in user, if any; the owner additionally sees "source".
nlohmann::json videoToJson(const store::VideoRecord& video, const std::optional<std::string>& viewer_id);

// {"items":[...],"next_cursor":...} for a page of videos.
nlohmann::json videoPageToJson(const store::VideoPage& page, const std::optional<std::string>& viewer_id);

} // namespace fc::server::api
