#pragma once
// A transcoder-like presentation (three video rungs and AAC, each with a short last segment), our own HLS
// files of it, and a manifest loader over in-memory files: shared by the manifest tests.
#include <map>
#include <string>

#include "core/media/ladder_transcoder.h"
#include "core/streaming/hls_parser.h"
#include "core/streaming/hls_writer.h"
#include "core/streaming/presentation_builder.h"

namespace fc::test {

using namespace fc::streaming;

// Segments as the transcoder makes them: video 4 s at 25 fps (timescale 12800), AAC at 48 kHz in
// 187/188-frame segments, every rendition ending with a short last segment.
inline Rendition videoRung(const std::string& id, int width, int height, int64_t peak_bps,
                           const std::string& codecs) {
    fc::media::RenditionSummary summary;
    summary.id = id;
    summary.codecs = codecs;
    summary.timescale = 12800;
    summary.width = width;
    summary.height = height;
    summary.frame_rate = 25;
    summary.peak_bitrate_bps = peak_bps;
    summary.average_bitrate_bps = peak_bps * 9 / 10;
    int64_t start = 0;
    for (int number = 1; number <= 4; ++number) {
        const int64_t duration = number < 4 ? 51200 : 19456; // 4 s, 4 s, 4 s, 1.52 s
        summary.segments.push_back({number, start, duration, 100000 + number});
        start += duration;
    }
    return renditionFromSummary(summary);
}

inline Rendition audioRendition() {
    fc::media::RenditionSummary summary;
    summary.id = "audio";
    summary.codecs = "mp4a.40.2";
    summary.timescale = 48000;
    summary.sample_rate_hz = 48000;
    summary.channels = 2;
    summary.peak_bitrate_bps = 131234;
    summary.average_bitrate_bps = 128765;
    int64_t start = 0;
    const int64_t durations[] = {188 * 1024, 187 * 1024, 188 * 1024, 71 * 1024};
    for (int number = 1; number <= 4; ++number) {
        summary.segments.push_back({number, start, durations[number - 1], 60000});
        start += durations[number - 1];
    }
    return renditionFromSummary(summary);
}

inline Presentation ladderPresentation(PresentationState state) {
    Presentation presentation;
    presentation.state = state;
    presentation.target_segment_ms = 4000;
    presentation.availability_start_unix_ms = state == PresentationState::Growing ? 1763780400123 : 0;
    presentation.renditions = {videoRung("240p", 426, 240, 450000, "avc1.640015"),
                               videoRung("360p", 640, 360, 900000, "avc1.64001e"),
                               videoRung("720p", 1280, 720, 2900000, "avc1.64001f"), audioRendition()};
    return presentation;
}

using Files = std::map<std::string, std::string>;

inline ManifestLoader loaderOf(const Files& files) {
    return [&files](const std::string& uri) -> fc::Result<std::string> {
        const auto it = files.find(uri);
        if (it == files.end())
            return fc::makeError("not_found", uri);
        return it->second;
    };
}

inline Files writeHls(const Presentation& presentation) {
    Files files{{"master.m3u8", writeHlsMaster(presentation)}};
    for (const Rendition& rendition : presentation.renditions)
        files[rendition.playlist_uri] = writeHlsMedia(presentation, rendition);
    return files;
}

} // namespace fc::test
