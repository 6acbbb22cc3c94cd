#include "core/media/probe.h"

#include "core/media/av_handles.h"

#include <cmath>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

namespace fc::media {
namespace {

int rotationOf(const AVStream* stream) {
    const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
    if (!matrix)
        return 0;
    // av_display_rotation_get gives counter-clockwise degrees; normalise to clockwise 0/90/180/270.
    const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
    if (std::isnan(ccw))
        return 0;
    int clockwise = static_cast<int>(std::lround(-ccw)) % 360;
    if (clockwise < 0)
        clockwise += 360;
    return (clockwise + 45) / 90 * 90 % 360;
}

VideoStreamInfo videoInfo(const AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    VideoStreamInfo info;
    info.index = stream->index;
    info.codec = avcodec_get_name(par->codec_id);
    if (const char* profile = avcodec_profile_name(par->codec_id, par->profile))
        info.profile = profile;
    if (const char* format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format)))
        info.pixel_format = format;
    info.width = par->width;
    info.height = par->height;
    AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    info.frame_rate = rate.den > 0 ? av_q2d(rate) : 0.0;
    info.rotation_deg = rotationOf(stream);
    info.bitrate_bps = par->bit_rate;
    return info;
}

AudioStreamInfo audioInfo(const AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    AudioStreamInfo info;
    info.index = stream->index;
    info.codec = avcodec_get_name(par->codec_id);
    info.sample_rate_hz = par->sample_rate;
    info.channels = par->ch_layout.nb_channels;
    char layout[128] = {};
    if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0)
        info.channel_layout = layout;
    info.bitrate_bps = par->bit_rate;
    return info;
}

bool hasDecoder(const AVStream* stream) {
    return avcodec_find_decoder(stream->codecpar->codec_id) != nullptr;
}

} // namespace

int MediaInfo::displayWidth() const {
    if (!video)
        return 0;
    return video->rotation_deg % 180 == 90 ? video->height : video->width;
}

int MediaInfo::displayHeight() const {
    if (!video)
        return 0;
    return video->rotation_deg % 180 == 90 ? video->width : video->height;
}

Result<MediaInfo> probeMedia(const std::string& path) {
    AVFormatContext* raw = nullptr;
    if (int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); rc < 0)
        return makeError("media_unreadable",
                         "not a recognised audio or video file (" + avErrorText(rc) + ")");
    InputFormatPtr context(raw);
    if (int rc = avformat_find_stream_info(context.get(), nullptr); rc < 0)
        return makeError("media_unreadable", "could not read the file's streams (" + avErrorText(rc) + ")");

    MediaInfo info;
    info.container = context->iformat->name;
    info.bitrate_bps = context->bit_rate;
    std::error_code ignored;
    info.size_bytes = static_cast<int64_t>(std::filesystem::file_size(path, ignored));
    if (context->duration != AV_NOPTS_VALUE && context->duration > 0)
        info.duration_ms = context->duration / (AV_TIME_BASE / 1000);

    const int videoIndex = av_find_best_stream(context.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (videoIndex >= 0) {
        const AVStream* stream = context->streams[videoIndex];
        // Cover art (an attached picture) is not a video track.
        if (!(stream->disposition & AV_DISPOSITION_ATTACHED_PIC) && hasDecoder(stream) &&
            stream->codecpar->width > 0 && stream->codecpar->height > 0)
            info.video = videoInfo(stream);
    }
    const int audioIndex = av_find_best_stream(context.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (audioIndex >= 0 && hasDecoder(context->streams[audioIndex]))
        info.audio = audioInfo(context->streams[audioIndex]);

    if (!info.video && !info.audio)
        return makeError("media_no_streams", "the file has no audio or video that can be decoded");
    if (info.duration_ms <= 0)
        return makeError("media_empty", "the file's duration is zero");
    return info;
}

nlohmann::json toJson(const MediaInfo& info) {
    nlohmann::json json = {{"container", info.container},
                           {"duration_ms", info.duration_ms},
                           {"bitrate_bps", info.bitrate_bps},
                           {"size_bytes", info.size_bytes},
                           {"video", nullptr},
                           {"audio", nullptr}};
    if (info.video) {
        const VideoStreamInfo& v = *info.video;
        json["video"] = {{"codec", v.codec},
                         {"profile", v.profile},
                         {"pixel_format", v.pixel_format},
                         {"width", v.width},
                         {"height", v.height},
                         {"display_width", info.displayWidth()},
                         {"display_height", info.displayHeight()},
                         {"frame_rate", v.frame_rate},
                         {"rotation_deg", v.rotation_deg},
                         {"bitrate_bps", v.bitrate_bps}};
    }
    if (info.audio) {
        const AudioStreamInfo& a = *info.audio;
        json["audio"] = {{"codec", a.codec},
                         {"sample_rate_hz", a.sample_rate_hz},
                         {"channels", a.channels},
                         {"channel_layout", a.channel_layout},
                         {"bitrate_bps", a.bitrate_bps}};
    }
    return json;
}

MediaInfo mediaInfoFromJson(const nlohmann::json& json) {
    MediaInfo info;
    info.container = json.value("container", "");
    info.duration_ms = json.value("duration_ms", int64_t{0});
    info.bitrate_bps = json.value("bitrate_bps", int64_t{0});
    info.size_bytes = json.value("size_bytes", int64_t{0});
    if (json.contains("video") && json["video"].is_object()) {
        const auto& v = json["video"];
        VideoStreamInfo video;
        video.codec = v.value("codec", "");
        video.profile = v.value("profile", "");
        video.pixel_format = v.value("pixel_format", "");
        video.width = v.value("width", 0);
        video.height = v.value("height", 0);
        video.frame_rate = v.value("frame_rate", 0.0);
        video.rotation_deg = v.value("rotation_deg", 0);
        video.bitrate_bps = v.value("bitrate_bps", int64_t{0});
        info.video = video;
    }
    if (json.contains("audio") && json["audio"].is_object()) {
        const auto& a = json["audio"];
        AudioStreamInfo audio;
        audio.codec = a.value("codec", "");
        audio.sample_rate_hz = a.value("sample_rate_hz", 0);
        audio.channels = a.value("channels", 0);
        audio.channel_layout = a.value("channel_layout", "");
        audio.bitrate_bps = a.value("bitrate_bps", int64_t{0});
        info.audio = audio;
    }
    return info;
}

} // namespace fc::media
