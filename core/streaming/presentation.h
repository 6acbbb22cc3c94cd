#pragma once
// The presentation model: what a player needs to know about a ladder of CMAF renditions, independent of the
// manifest format. One Presentation is written as HLS (master + media playlists) and as DASH (one MPD) over
// the same segment files, and manifests are parsed back into it.
#include <cstdint>
#include <string>
#include <vector>

namespace fc::streaming {

enum class MediaKind { Invalid = 0, Video, Audio };

struct Segment {
    int number = 0;         // as in the file name ($Number$)
    int64_t start = 0;      // in the rendition's timescale (DASH SegmentTimeline t)
    int64_t duration = 0;   // in the rendition's timescale (DASH d; HLS EXTINF = duration / timescale)
    int64_t size_bytes = 0; // 0 when unknown (parsed manifests)
    std::string uri;        // relative to the manifest, e.g. "360p/seg_00001.m4s"
    // HLS AES-128 (whole segment, CBC, PKCS7): the key's URI resolved like `uri`, and the 16-byte IV (the
    // explicit one, else the media sequence number big-endian). Both empty for clear segments.
    std::string key_uri;
    std::string key_iv;
};

struct Rendition {
    std::string id; // "360p", "audio"
    MediaKind kind = MediaKind::Invalid;
    std::string codecs;        // RFC 6381: "avc1.64001e", "mp4a.40.2"
    int64_t bandwidth_bps = 0; // peak segment bitrate (HLS BANDWIDTH, DASH @bandwidth)
    int64_t average_bandwidth_bps = 0;
    int width = 0;
    int height = 0;
    double frame_rate = 0;
    int sample_rate_hz = 0;
    int channels = 0;
    int timescale = 0;
    std::string init_uri;     // "360p/init.mp4"
    std::string playlist_uri; // HLS media playlist, "360p/playlist.m3u8"
    // DASH media template relative to the manifest, "360p/seg_$Number%05d$.m4s" (file naming lives in
    // presentation_builder); empty when unknown (parsed HLS): the DASH writer then lists segment URIs.
    std::string segment_template;
    std::vector<Segment> segments;

    double durationSeconds() const; // sum of segment durations
};

enum class PresentationState { Invalid = 0, Growing, Complete };

struct Presentation {
    PresentationState state = PresentationState::Invalid; // Growing: HLS EVENT / DASH dynamic; Complete: VOD
    int target_segment_ms = 4000;
    // Growing DASH (dynamic MPD): the wall-clock instant of media time 0, constant across MPD updates.
    int64_t availability_start_unix_ms = 0;
    std::vector<Rendition> renditions; // video lowest first, then audio

    const Rendition* find(const std::string& id) const;
    double durationSeconds() const; // the longest rendition
};

} // namespace fc::streaming
