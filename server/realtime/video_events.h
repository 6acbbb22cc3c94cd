#pragma once
// The events published on "video:<id>:status": one place builds them, whoever changes a video's state.
#include <cstdint>
#include <optional>
#include <string>

#include "server/realtime/hub.h"

namespace fc::server::realtime {

struct VideoFailure {
    std::string code;
    std::string message;
};

std::string videoStatusTopic(const std::string& video_id);

// "status_changed": {video_id, status, playable, failure|null}. Anyone who may see the video follows its
// topic, so nothing only its owner may read goes here (a duplicate's earlier video: GET /videos/:id).
void publishVideoStatus(Hub& hub, const std::string& video_id, const std::string& status, bool playable,
                        const std::optional<VideoFailure>& failure = std::nullopt);
// "upload_progress": {video_id, offset_bytes, length_bytes|null}
void publishUploadProgress(Hub& hub, const std::string& video_id, int64_t offset_bytes,
                           const std::optional<int64_t>& length_bytes);
// "processing_progress": {video_id, progress (0..1), eta_ms|null}
void publishProcessingProgress(Hub& hub, const std::string& video_id, double progress, int64_t eta_ms);

} // namespace fc::server::realtime
