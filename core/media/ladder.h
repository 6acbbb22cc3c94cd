#pragma once
// Which renditions to make of a source: the adaptive ladder, shared by the server's pipeline and the desktop
// app's transcode preview so both plan the same rungs.
#include <optional>
#include <string>
#include <vector>

#include "core/media/probe.h"

namespace fc::media {

struct LadderSettings {
    int max_frame_rate = 60;
    int max_height = 2160; // the largest rung planned (short side)
    std::string x264_preset = "veryfast";
    double maxrate_factor = 1.07; // capped VBR: maxrate = bitrate × this
    double bufsize_factor = 1.5;  // VBV buffer = maxrate × this (1.5–2)
    int audio_bitrate_kbps = 128;
    int audio_sample_rate_hz = 48000;
    int segment_duration_ms = 4000;
};

struct VideoRung {
    std::string name; // "360p": the short side, as YouTube labels portrait videos too
    int width = 0;    // even, rotation applied (as displayed)
    int height = 0;
    double frame_rate = 0;
    int bitrate_kbps = 0;
    int maxrate_kbps = 0;
    int bufsize_kbits = 0;
};

struct AudioRendition {
    int bitrate_kbps = 0;
    int sample_rate_hz = 0;
    int channels = 2;
};

struct Ladder {
    std::vector<VideoRung> video; // lowest first
    std::optional<AudioRendition> audio;
    int segment_duration_ms = 0;
    std::string x264_preset;
};

// The standard rung heights: 144 240 360 480 720 1080 1440 2160.
const std::vector<int>& standardRungHeights();
// Target bitrate for a rung of this size and frame rate, before capping by the source.
int targetBitrateKbps(int width, int height, double frame_rate);
// Plans the ladder: every standard rung at or below the source's short side, plus the source's own size when
// it falls between two rungs; bitrates from a bits-per-pixel table, capped by the source's bitrate.
Ladder planLadder(const MediaInfo& source, const LadderSettings& settings = {});

} // namespace fc::media
