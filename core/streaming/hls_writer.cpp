#include "core/streaming/hls_writer.h"

#include <algorithm>
#include <cmath>

#include "core/streaming/manifest_text.h"
#include "core/streaming/uri.h"

namespace fc::streaming {
namespace {

std::string quoted(const std::string& value) {
    return "\"" + value + "\"";
}

// A quoted-string may hold neither '"' nor line breaks (RFC 8216 4.2); such characters are dropped.
std::string quotedSafe(const std::string& value) {
    std::string clean;
    for (char c : value)
        if (c != '"' && c != '\r' && c != '\n')
            clean += c;
    return quoted(clean);
}

struct AudioSummary {
    const Rendition* first = nullptr;
    int64_t peak_bps = 0;
    int64_t average_bps = 0;
};

// A variant's BANDWIDTH must cover the most demanding rendition of its audio group.
AudioSummary summariseAudio(const Presentation& presentation) {
    AudioSummary audio;
    for (const Rendition& rendition : presentation.renditions) {
        if (rendition.kind != MediaKind::Audio)
            continue;
        if (!audio.first)
            audio.first = &rendition;
        audio.peak_bps = std::max(audio.peak_bps, rendition.bandwidth_bps);
        audio.average_bps = std::max(audio.average_bps, rendition.average_bandwidth_bps);
    }
    return audio;
}

std::string streamInf(int64_t bandwidth_bps, int64_t average_bps, const std::string& codecs) {
    std::string line = "#EXT-X-STREAM-INF:BANDWIDTH=" + std::to_string(bandwidth_bps);
    if (average_bps > 0)
        line += ",AVERAGE-BANDWIDTH=" + std::to_string(average_bps);
    if (!codecs.empty())
        line += ",CODECS=" + quotedSafe(codecs);
    return line;
}

int targetDurationSeconds(const Presentation& presentation, const Rendition& rendition) {
    double longest_s = 0;
    if (rendition.timescale > 0)
        for (const Segment& segment : rendition.segments)
            longest_s = std::max(longest_s, double(segment.duration) / rendition.timescale);
    // A millisecond of slack: 4.0000001 s (timescale rounding) is a 4 s segment, not a 5 s one.
    const int longest = static_cast<int>(std::ceil(std::min(longest_s, 1e6) - 0.001));
    const int target = static_cast<int>(std::ceil(presentation.target_segment_ms / 1000.0 - 0.001));
    return std::max({1, longest, target});
}

} // namespace

std::string writeHlsMaster(const Presentation& presentation) {
    const AudioSummary audio = summariseAudio(presentation);
    const bool has_video = std::any_of(presentation.renditions.begin(), presentation.renditions.end(),
                                       [](const Rendition& r) { return r.kind == MediaKind::Video; });
    std::string text = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n";

    if (has_video && audio.first) {
        text += "#EXT-X-SESSION-DATA:DATA-ID=" + quoted(kHlsAudioBandwidthDataId) +
                ",VALUE=" + quoted(std::to_string(audio.peak_bps)) + "\n";
        text += "#EXT-X-SESSION-DATA:DATA-ID=" + quoted(kHlsAudioAverageBandwidthDataId) +
                ",VALUE=" + quoted(std::to_string(audio.average_bps)) + "\n";
        bool first = true;
        for (const Rendition& rendition : presentation.renditions) {
            if (rendition.kind != MediaKind::Audio || rendition.playlist_uri.empty())
                continue;
            text += "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=" + quoted(kHlsAudioGroupId) +
                    ",NAME=" + quotedSafe(first ? "Default" : rendition.id) +
                    ",DEFAULT=" + (first ? "YES" : "NO") + ",AUTOSELECT=YES";
            if (rendition.channels > 0)
                text += ",CHANNELS=" + quoted(std::to_string(rendition.channels));
            text += ",URI=" + quotedSafe(rendition.playlist_uri) + "\n";
            first = false;
        }
    }

    if (!has_video) {
        for (const Rendition& rendition : presentation.renditions) {
            if (rendition.kind != MediaKind::Audio || rendition.playlist_uri.empty())
                continue;
            text +=
                streamInf(rendition.bandwidth_bps, rendition.average_bandwidth_bps, rendition.codecs) + "\n";
            text += rendition.playlist_uri + "\n";
        }
        return text;
    }

    for (const Rendition& rendition : presentation.renditions) {
        if (rendition.kind != MediaKind::Video || rendition.playlist_uri.empty())
            continue;
        std::string codecs = rendition.codecs;
        if (audio.first && !audio.first->codecs.empty())
            codecs += (codecs.empty() ? "" : ",") + audio.first->codecs;
        const int64_t average =
            rendition.average_bandwidth_bps > 0 ? rendition.average_bandwidth_bps + audio.average_bps : 0;
        text += streamInf(rendition.bandwidth_bps + audio.peak_bps, average, codecs);
        if (rendition.width > 0 && rendition.height > 0)
            text += ",RESOLUTION=" + std::to_string(rendition.width) + "x" + std::to_string(rendition.height);
        if (rendition.frame_rate > 0)
            text += ",FRAME-RATE=" + formatFixed(rendition.frame_rate, 3);
        if (audio.first)
            text += ",AUDIO=" + quoted(kHlsAudioGroupId);
        text += "\n" + rendition.playlist_uri + "\n";
    }
    return text;
}

std::string writeHlsMedia(const Presentation& presentation, const Rendition& rendition) {
    const bool complete = presentation.state == PresentationState::Complete;
    const int first_number = rendition.segments.empty() ? 1 : rendition.segments.front().number;
    std::string text = "#EXTM3U\n#EXT-X-VERSION:7\n";
    text += "#EXT-X-TARGETDURATION:" + std::to_string(targetDurationSeconds(presentation, rendition)) + "\n";
    text += "#EXT-X-MEDIA-SEQUENCE:" + std::to_string(first_number) + "\n";
    text += std::string("#EXT-X-PLAYLIST-TYPE:") + (complete ? "VOD" : "EVENT") + "\n";
    if (rendition.kind == MediaKind::Video)
        text += "#EXT-X-INDEPENDENT-SEGMENTS\n";
    if (!rendition.init_uri.empty())
        text +=
            "#EXT-X-MAP:URI=" + quotedSafe(relativeUri(rendition.playlist_uri, rendition.init_uri)) + "\n";
    for (const Segment& segment : rendition.segments) {
        const double seconds = rendition.timescale > 0 ? double(segment.duration) / rendition.timescale : 0;
        text += "#EXTINF:" + formatFixed(seconds, 6) + ",\n";
        text += relativeUri(rendition.playlist_uri, segment.uri) + "\n";
    }
    if (complete)
        text += "#EXT-X-ENDLIST\n";
    return text;
}

} // namespace fc::streaming
