#include "server/realtime/video_events.h"

#include <nlohmann/json.hpp>

namespace fc::server::realtime {

std::string videoStatusTopic(const std::string& video_id) {
    return "video:" + video_id + ":status";
}

void publishVideoStatus(Hub& hub, const std::string& video_id, const std::string& status, bool playable,
                        const std::optional<VideoFailure>& failure) {
    nlohmann::json data = {
        {"video_id", video_id}, {"status", status}, {"playable", playable}, {"failure", nullptr}};
    if (failure)
        data["failure"] = {{"code", failure->code}, {"message", failure->message}};
    hub.publish(videoStatusTopic(video_id), "status_changed", data);
}

void publishUploadProgress(Hub& hub, const std::string& video_id, int64_t offset_bytes,
                           const std::optional<int64_t>& length_bytes) {
    hub.publish(videoStatusTopic(video_id), "upload_progress",
                {{"video_id", video_id},
                 {"offset_bytes", offset_bytes},
                 {"length_bytes", length_bytes ? nlohmann::json(*length_bytes) : nlohmann::json(nullptr)}});
}

void publishProcessingProgress(Hub& hub, const std::string& video_id, double progress, int64_t eta_ms) {
    hub.publish(videoStatusTopic(video_id), "processing_progress",
                {{"video_id", video_id},
                 {"progress", progress},
                 {"eta_ms", eta_ms >= 0 ? nlohmann::json(eta_ms) : nlohmann::json(nullptr)}});
}

} // namespace fc::server::realtime
