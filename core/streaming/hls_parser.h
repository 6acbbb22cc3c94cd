#pragma once
// HLS playlists (RFC 8216) parsed into plain structs, and a Presentation assembled from a master playlist and
// its media playlists. Errors: code "invalid_manifest", with the line and what was wrong; never a crash.
// Encryption: EXT-X-KEY METHOD=AES-128 (whole-segment AES-128-CBC, RFC 8216 4.3.2.4) with URI and optional
// IV; METHOD=NONE ends it. Not supported (rejected with an error rather than misread): byte-range segments,
// other encryption methods (SAMPLE-AES, KEYFORMAT other than "identity"), more than one EXT-X-MAP per
// playlist.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/streaming/manifest_loader.h"
#include "core/streaming/presentation.h"
#include "core/util/result.h"

namespace fc::streaming {

using HlsAttributes = std::map<std::string, std::string>; // quoted-string values without their quotes

struct HlsVariant {  // EXT-X-STREAM-INF + its URI line
    std::string uri; // as written
    int64_t bandwidth_bps = 0;
    int64_t average_bandwidth_bps = 0;
    std::string codecs;
    int width = 0;
    int height = 0;
    double frame_rate = 0;
    std::string audio_group;
    HlsAttributes attributes;
};

struct HlsRenditionEntry { // EXT-X-MEDIA
    std::string type;      // AUDIO, VIDEO, SUBTITLES, CLOSED-CAPTIONS
    std::string group_id;
    std::string name;
    std::string language;
    std::string uri; // empty: carried inside the variant's own segments
    bool is_default = false;
    bool autoselect = false;
    int channels = 0; // CHANNELS="2" (the count before any '/')
    HlsAttributes attributes;
};

struct HlsMaster {
    int version = 1;
    bool independent_segments = false;
    std::vector<HlsRenditionEntry> media;
    std::vector<HlsVariant> variants;
    std::map<std::string, std::string> session_data; // EXT-X-SESSION-DATA DATA-ID → VALUE
};

enum class HlsPlaylistType { Invalid = 0, Unspecified, Event, Vod };

struct HlsSegment {
    double duration_s = 0;
    std::string title;
    std::string uri;     // as written
    std::string key_uri; // EXT-X-KEY METHOD=AES-128 URI in force, as written; empty = clear
    std::string key_iv;  // its IV: 16 raw bytes, empty = the media sequence number (RFC 8216 5.2)
};

struct HlsMediaPlaylist {
    int version = 1;
    int target_duration_s = 0;
    int64_t media_sequence = 0; // the sequence number of the first segment
    HlsPlaylistType type = HlsPlaylistType::Unspecified;
    bool independent_segments = false;
    std::string map_uri; // EXT-X-MAP URI, as written
    std::vector<HlsSegment> segments;
    bool endlist = false;
};

Result<HlsMaster> parseHlsMaster(std::string_view text);
Result<HlsMediaPlaylist> parseHlsMedia(std::string_view text);

// One Rendition per distinct media playlist: video variants (lowest BANDWIDTH first), then audio (EXT-X-MEDIA
// TYPE=AUDIO with a URI, or audio-only variants). URIs are resolved against master_uri (so they stay relative
// when it is, e.g. "master.m3u8" → "360p/seg_00001.m4s"). Ids come from the playlist URI: its directory
// ("360p/playlist.m3u8" → "360p") or, without one, its file stem ("stream_0.m3u8" → "stream_0").
// HLS has no timescale: segment times are in microseconds (timescale 1000000), numbers are sequence numbers.
// A video variant's bandwidths exclude its audio group's when that is known (session data or an audio-only
// variant); Complete when every media playlist has EXT-X-ENDLIST or is VOD.
Result<Presentation> assembleHlsPresentation(const HlsMaster& master, const std::string& master_uri,
                                             const ManifestLoader& load);
// load(master_uri), parse, assemble.
Result<Presentation> loadHlsPresentation(const std::string& master_uri, const ManifestLoader& load);

} // namespace fc::streaming
