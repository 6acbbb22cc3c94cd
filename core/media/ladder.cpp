#include "core/media/ladder.h"

#include <algorithm>
#include <cmath>

namespace fc::media {
namespace {

// Bits per pixel per frame at 30 fps, by rung height: small pictures need more bits per pixel.
// Calibrated on common delivery ladders (1080p30 ≈ 4.3 Mb/s, 720p30 ≈ 2.85, 360p30 ≈ 0.75, 144p30 ≈ 0.2).
double bitsPerPixel(int short_side) {
    struct Point {
        int height;
        double bpp;
    };
    static constexpr Point kTable[] = {{144, 0.180}, {240, 0.130},  {360, 0.108},  {480, 0.098},
                                       {720, 0.103}, {1080, 0.069}, {1440, 0.060}, {2160, 0.055}};
    if (short_side <= kTable[0].height)
        return kTable[0].bpp;
    for (size_t i = 1; i < std::size(kTable); ++i) {
        if (short_side <= kTable[i].height) {
            const double t =
                double(short_side - kTable[i - 1].height) / (kTable[i].height - kTable[i - 1].height);
            return kTable[i - 1].bpp + t * (kTable[i].bpp - kTable[i - 1].bpp);
        }
    }
    return kTable[std::size(kTable) - 1].bpp;
}

int even(double value) {
    return std::max(2, static_cast<int>(std::lround(value / 2.0)) * 2);
}

} // namespace

const std::vector<int>& standardRungHeights() {
    static const std::vector<int> kHeights = {144, 240, 360, 480, 720, 1080, 1440, 2160};
    return kHeights;
}

int targetBitrateKbps(int width, int height, double frame_rate) {
    const int short_side = std::min(width, height);
    // Higher frame rates need more bits, but less than linearly (consecutive frames predict each other well).
    const double fps_factor = std::pow(std::max(frame_rate, 1.0) / 30.0, 0.75);
    const double bps = double(width) * height * 30.0 * bitsPerPixel(short_side) * fps_factor;
    return std::max(64, static_cast<int>(std::lround(bps / 1000.0)));
}

Ladder planLadder(const MediaInfo& source, const LadderSettings& settings) {
    Ladder ladder;
    ladder.segment_duration_ms = settings.segment_duration_ms;
    ladder.x264_preset = settings.x264_preset;
    if (source.audio)
        ladder.audio = AudioRendition{settings.audio_bitrate_kbps, settings.audio_sample_rate_hz,
                                      std::min(2, std::max(1, source.audio->channels))};
    if (!source.video)
        return ladder;

    const int display_w = source.displayWidth();
    const int display_h = source.displayHeight();
    const bool portrait = display_h > display_w;
    const int source_short = std::min(display_w, display_h);
    const int source_long = std::max(display_w, display_h);
    double frame_rate = source.video->frame_rate > 0 ? source.video->frame_rate : 30.0;
    frame_rate = std::min<double>(frame_rate, settings.max_frame_rate);

    // The source's video bitrate, when known, caps every rung: more bits than the source has buy nothing.
    int64_t source_kbps = source.video->bitrate_bps > 0 ? source.video->bitrate_bps / 1000 : 0;
    if (source_kbps == 0 && source.bitrate_bps > 0)
        source_kbps = source.bitrate_bps / 1000 - (source.audio ? source.audio->bitrate_bps / 1000 : 0);

    std::vector<int> heights;
    for (int h : standardRungHeights())
        if (h <= source_short && h <= settings.max_height)
            heights.push_back(h);
    const bool between =
        heights.empty() || (heights.back() < source_short && source_short <= settings.max_height);
    if (between)
        heights.push_back(source_short); // the source's own size as the top rung

    for (int short_side : heights) {
        VideoRung rung;
        const int scaled_short = short_side == source_short ? even(source_short) : short_side;
        const int scaled_long = short_side == source_short
                                    ? even(source_long)
                                    : even(double(source_long) * short_side / source_short);
        rung.width = portrait ? scaled_short : scaled_long;
        rung.height = portrait ? scaled_long : scaled_short;
        rung.name = std::to_string(short_side) + "p";
        rung.frame_rate = frame_rate;
        int bitrate = targetBitrateKbps(rung.width, rung.height, frame_rate);
        if (source_kbps > 0)
            bitrate = std::min<int64_t>(bitrate, std::max<int64_t>(64, source_kbps));
        rung.bitrate_kbps = bitrate;
        rung.maxrate_kbps = static_cast<int>(std::lround(bitrate * settings.maxrate_factor));
        rung.bufsize_kbits = static_cast<int>(std::lround(rung.maxrate_kbps * settings.bufsize_factor));
        ladder.video.push_back(rung);
    }
    return ladder;
}

} // namespace fc::media
