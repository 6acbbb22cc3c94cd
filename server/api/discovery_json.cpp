#include "server/api/discovery_json.h"

#include "server/api/video_json.h"

namespace fc::server::api {

nlohmann::json discoveryItemJson(const store::VideoRecord& video, const std::optional<std::string>& viewer_id,
                                 double score, const DiscoveryReason& reason) {
    nlohmann::json reason_json = {{"kind", reason.kind}, {"text", reason.text}};
    if (reason.video_id)
        reason_json["video_id"] = *reason.video_id;
    if (reason.channel_id)
        reason_json["channel_id"] = *reason.channel_id;
    return {{"video", videoToJson(video, viewer_id)}, {"score", score}, {"reason", std::move(reason_json)}};
}

} // namespace fc::server::api
