#pragma once
// What a media file holds, read with libavformat: the facts the ladder planner and the API need.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/util/result.h"

namespace fc::media {

struct VideoStreamInfo {
    int index = -1;
    std::string codec;        // "h264"
    std::string profile;      // "High"
    std::string pixel_format; // "yuv420p"
    int width = 0;            // coded size, before rotation
    int height = 0;
    double frame_rate = 0.0;
    int rotation_deg = 0; // clockwise display rotation: 0, 90, 180, 270
    int64_t bitrate_bps = 0;
};

struct AudioStreamInfo {
    int index = -1;
    std::string codec;
    int sample_rate_hz = 0;
    int channels = 0;
    std::string channel_layout; // "stereo"
    int64_t bitrate_bps = 0;
};

struct MediaInfo {
    std::string container; // "mov,mp4,m4a,3gp,3g2,mj2"
    int64_t duration_ms = 0;
    int64_t bitrate_bps = 0;
    int64_t size_bytes = 0;
    std::optional<VideoStreamInfo> video; // the default video stream, if any
    std::optional<AudioStreamInfo> audio; // the default audio stream, if any

    // Width and height as displayed, rotation applied.
    int displayWidth() const;
    int displayHeight() const;
};

// Fails with code "media_unreadable" (not a media file), "media_no_streams" (no decodable audio or video),
// or "media_empty" (zero duration).
Result<MediaInfo> probeMedia(const std::string& path);

nlohmann::json toJson(const MediaInfo& info);
MediaInfo mediaInfoFromJson(const nlohmann::json& json);

} // namespace fc::media
