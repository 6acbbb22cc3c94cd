#pragma once
// The one item shape of discovery lists (docs/API.md §17): a video object wrapped with its score and the
// reason it is listed. Trending, recommendations and related videos all build their items here.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/store/video_repository.h"

namespace fc::server::api {

struct DiscoveryReason {
    std::string kind; // trending, popular, fresh, because_you_watched, subscription, watched_together, ...
    std::string text; // for people: "Because you watched Bunny"
    std::optional<std::string> video_id;   // because_you_watched
    std::optional<std::string> channel_id; // subscription, same_channel
};

// {"video": videoToJson(...), "score": score, "reason": {"kind", "text", ["video_id"], ["channel_id"]}}
nlohmann::json discoveryItemJson(const store::VideoRecord& video, const std::optional<std::string>& viewer_id,
                                 double score, const DiscoveryReason& reason);

} // namespace fc::server::api
