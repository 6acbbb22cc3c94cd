#include "core/streaming/hls_parser.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/streaming/codec_strings.h"
#include "core/streaming/hls_writer.h"
#include "core/streaming/manifest_text.h"
#include "core/streaming/uri.h"
#include "core/util/text.h"

namespace fc::streaming {
namespace {

constexpr int kHlsTimescale = 1000000; // EXTINF has microsecond precision at best

Error invalid(int line, const std::string& what) {
    return makeError("invalid_manifest", "line " + std::to_string(line) + ": " + what);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// Lines as RFC 8216 4.1 has them (LF or CRLF), numbered from 1, trimmed; the UTF-8 BOM is skipped.
std::vector<std::string_view> splitLines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        lines.push_back(trim(text.substr(0, end)));
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

Result<void> requireHeader(const std::vector<std::string_view>& lines) {
    if (lines.empty() || lines.front() != "#EXTM3U")
        return invalid(1, "the playlist does not start with #EXTM3U");
    return {};
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The tag's name ("#EXT-X-MAP") and its value (after the first ':').
std::pair<std::string_view, std::string_view> splitTag(std::string_view line) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
        return {line, {}};
    return {line.substr(0, colon), line.substr(colon + 1)};
}

// attribute-list (RFC 8216 4.2): NAME=value pairs separated by commas; a quoted-string may hold commas.
Result<HlsAttributes> parseAttributes(std::string_view text, int line) {
    HlsAttributes attributes;
    size_t pos = 0;
    while (true) {
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
        const size_t equals = text.find('=', pos);
        if (equals == std::string_view::npos)
            return invalid(line, "attribute without '=' in \"" + std::string(text) + "\"");
        const std::string name(text.substr(pos, equals - pos));
        if (name.empty() ||
            name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != std::string::npos)
            return invalid(line, "bad attribute name \"" + name + "\"");
        pos = equals + 1;
        std::string value;
        if (pos < text.size() && text[pos] == '"') {
            const size_t close = text.find('"', pos + 1);
            if (close == std::string_view::npos)
                return invalid(line, "unterminated quoted string in attribute " + name);
            value = text.substr(pos + 1, close - pos - 1);
            pos = close + 1;
        } else {
            const size_t comma = std::min(text.find(',', pos), text.size());
            value = trim(text.substr(pos, comma - pos));
            if (value.empty() || value.find_first_of("\" ") != std::string::npos)
                return invalid(line, "bad value for attribute " + name);
            pos = comma;
        }
        if (!attributes.emplace(name, std::move(value)).second)
            return invalid(line, "attribute " + name + " appears twice");
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
        if (pos == text.size())
            return attributes;
        if (text[pos] != ',')
            return invalid(line, "expected ',' after attribute " + name);
        ++pos;
    }
}

const std::string* find(const HlsAttributes& attributes, const char* name) {
    const auto it = attributes.find(name);
    return it == attributes.end() ? nullptr : &it->second;
}

Result<int64_t> integerAttribute(const HlsAttributes& attributes, const char* name, int line, bool required) {
    const std::string* text = find(attributes, name);
    if (!text)
        return required ? Result<int64_t>(invalid(line, std::string("missing ") + name)) : Result<int64_t>(0);
    const std::optional<int64_t> value = parseInt64(*text);
    if (!value || *value < 0)
        return invalid(line, std::string(name) + " is not a non-negative integer: " + *text);
    return *value;
}

Result<HlsVariant> parseVariant(std::string_view value, int line) {
    auto attributes = parseAttributes(value, line);
    if (!attributes)
        return attributes.error();
    HlsVariant variant;
    auto bandwidth = integerAttribute(*attributes, "BANDWIDTH", line, true);
    if (!bandwidth)
        return bandwidth.error();
    variant.bandwidth_bps = *bandwidth;
    auto average = integerAttribute(*attributes, "AVERAGE-BANDWIDTH", line, false);
    if (!average)
        return average.error();
    variant.average_bandwidth_bps = *average;
    if (const std::string* codecs = find(*attributes, "CODECS"))
        variant.codecs = *codecs;
    if (const std::string* resolution = find(*attributes, "RESOLUTION")) {
        const size_t x = resolution->find('x');
        const auto width = parseInt64(std::string_view(*resolution).substr(0, x));
        const auto height =
            x == std::string::npos ? std::nullopt : parseInt64(std::string_view(*resolution).substr(x + 1));
        if (!width || !height || *width <= 0 || *height <= 0 || *width > 65535 || *height > 65535)
            return invalid(line, "RESOLUTION is not WIDTHxHEIGHT: " + *resolution);
        variant.width = static_cast<int>(*width);
        variant.height = static_cast<int>(*height);
    }
    if (const std::string* rate = find(*attributes, "FRAME-RATE")) {
        const auto frame_rate = parseDecimal(*rate);
        if (!frame_rate || *frame_rate <= 0 || *frame_rate > 1000)
            return invalid(line, "FRAME-RATE is not a positive number: " + *rate);
        variant.frame_rate = *frame_rate;
    }
    if (const std::string* audio = find(*attributes, "AUDIO"))
        variant.audio_group = *audio;
    variant.attributes = std::move(*attributes);
    return variant;
}

Result<HlsRenditionEntry> parseRenditionEntry(std::string_view value, int line) {
    auto attributes = parseAttributes(value, line);
    if (!attributes)
        return attributes.error();
    HlsRenditionEntry entry;
    for (const char* required : {"TYPE", "GROUP-ID", "NAME"})
        if (!find(*attributes, required))
            return invalid(line, std::string("EXT-X-MEDIA without ") + required);
    entry.type = *find(*attributes, "TYPE");
    entry.group_id = *find(*attributes, "GROUP-ID");
    entry.name = *find(*attributes, "NAME");
    if (const std::string* language = find(*attributes, "LANGUAGE"))
        entry.language = *language;
    if (const std::string* uri = find(*attributes, "URI"))
        entry.uri = *uri;
    if (const std::string* value_default = find(*attributes, "DEFAULT"))
        entry.is_default = *value_default == "YES";
    if (const std::string* autoselect = find(*attributes, "AUTOSELECT"))
        entry.autoselect = *autoselect == "YES";
    if (const std::string* channels = find(*attributes, "CHANNELS")) {
        const auto count = parseInt64(std::string_view(*channels).substr(0, channels->find('/')));
        if (!count || *count < 0 || *count > 1024)
            return invalid(line, "CHANNELS is not a channel count: " + *channels);
        entry.channels = static_cast<int>(*count);
    }
    entry.attributes = std::move(*attributes);
    return entry;
}

// EXT-X-KEY: METHOD=NONE → {"", ""}; METHOD=AES-128 → {URI as written, IV as 16 raw bytes or ""}.
Result<std::pair<std::string, std::string>> parseKey(std::string_view value, int line) {
    auto attributes = parseAttributes(value, line);
    if (!attributes)
        return attributes.error();
    const std::string* method = find(*attributes, "METHOD");
    if (!method)
        return invalid(line, "EXT-X-KEY without METHOD");
    if (*method == "NONE")
        return std::pair<std::string, std::string>();
    const std::string* format = find(*attributes, "KEYFORMAT");
    if (*method != "AES-128" || (format && *format != "identity"))
        return invalid(line, "encrypted segments with METHOD=" + *method + " are not supported");
    const std::string* uri = find(*attributes, "URI");
    if (!uri || uri->empty())
        return invalid(line, "EXT-X-KEY METHOD=AES-128 without URI");
    std::string iv;
    if (const std::string* text = find(*attributes, "IV")) {
        if (text->size() != 34 || (text->substr(0, 2) != "0x" && text->substr(0, 2) != "0X"))
            return invalid(line, "EXT-X-KEY IV is not a 128-bit hexadecimal number: " + *text);
        for (size_t i = 2; i < text->size(); i += 2) {
            const int high = hexDigitValue((*text)[i]);
            const int low = hexDigitValue((*text)[i + 1]);
            if (high < 0 || low < 0)
                return invalid(line, "EXT-X-KEY IV is not a 128-bit hexadecimal number: " + *text);
            iv.push_back(static_cast<char>(high * 16 + low));
        }
    }
    return std::pair<std::string, std::string>(*uri, std::move(iv));
}

// RFC 8216 5.2: without an IV attribute, the media sequence number as a 128-bit big-endian integer.
std::string sequenceIv(int64_t sequence) {
    std::string iv(16, '\0');
    for (int i = 0; i < 8; ++i)
        iv[15 - i] = static_cast<char>((static_cast<uint64_t>(sequence) >> (8 * i)) & 0xff);
    return iv;
}

Result<int> versionOf(std::string_view value, int line) {
    const auto version = parseInt64(value);
    if (!version || *version < 1 || *version > 100)
        return invalid(line, "bad EXT-X-VERSION: " + std::string(value));
    return static_cast<int>(*version);
}

} // namespace

Result<HlsMaster> parseHlsMaster(std::string_view text) {
    const std::vector<std::string_view> lines = splitLines(text);
    if (auto header = requireHeader(lines); !header)
        return header.error();
    HlsMaster master;
    std::optional<HlsVariant> pending;
    int pending_line = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
        const int line = static_cast<int>(i) + 1;
        const std::string_view current = lines[i];
        if (current.empty())
            continue;
        if (current.front() != '#') {
            if (!pending)
                return invalid(line, "a URI without EXT-X-STREAM-INF before it");
            pending->uri = current;
            master.variants.push_back(std::move(*pending));
            pending.reset();
            continue;
        }
        if (!startsWith(current, "#EXT"))
            continue; // a comment
        const auto [tag, value] = splitTag(current);
        if (tag == "#EXT-X-STREAM-INF") {
            if (pending)
                return invalid(pending_line, "EXT-X-STREAM-INF without a URI");
            auto variant = parseVariant(value, line);
            if (!variant)
                return variant.error();
            pending = std::move(*variant);
            pending_line = line;
        } else if (tag == "#EXT-X-MEDIA") {
            auto entry = parseRenditionEntry(value, line);
            if (!entry)
                return entry.error();
            master.media.push_back(std::move(*entry));
        } else if (tag == "#EXT-X-VERSION") {
            auto version = versionOf(value, line);
            if (!version)
                return version.error();
            master.version = *version;
        } else if (tag == "#EXT-X-INDEPENDENT-SEGMENTS") {
            master.independent_segments = true;
        } else if (tag == "#EXT-X-SESSION-DATA") {
            auto attributes = parseAttributes(value, line);
            if (!attributes)
                return attributes.error();
            const std::string* id = find(*attributes, "DATA-ID");
            if (!id)
                return invalid(line, "EXT-X-SESSION-DATA without DATA-ID");
            const std::string* data = find(*attributes, "VALUE");
            master.session_data[*id] = data ? *data : std::string();
        } else if (tag == "#EXTINF" || tag == "#EXT-X-TARGETDURATION" || tag == "#EXT-X-MAP") {
            return invalid(line, "a media playlist tag (" + std::string(tag) + ") in a master playlist");
        }
    }
    if (pending)
        return invalid(pending_line, "EXT-X-STREAM-INF without a URI");
    if (master.variants.empty())
        return invalid(static_cast<int>(lines.size()), "no EXT-X-STREAM-INF in the master playlist");
    return master;
}

Result<HlsMediaPlaylist> parseHlsMedia(std::string_view text) {
    const std::vector<std::string_view> lines = splitLines(text);
    if (auto header = requireHeader(lines); !header)
        return header.error();
    HlsMediaPlaylist playlist;
    std::optional<HlsSegment> pending;
    int pending_line = 0;
    bool saw_target = false;
    std::string key_uri; // the EXT-X-KEY in force (applies to the segments after it)
    std::string key_iv;
    for (size_t i = 1; i < lines.size(); ++i) {
        const int line = static_cast<int>(i) + 1;
        const std::string_view current = lines[i];
        if (current.empty())
            continue;
        if (current.front() != '#') {
            if (!pending)
                return invalid(line, "a URI without EXTINF before it");
            pending->uri = current;
            playlist.segments.push_back(std::move(*pending));
            pending.reset();
            continue;
        }
        if (!startsWith(current, "#EXT"))
            continue;
        const auto [tag, value] = splitTag(current);
        if (tag == "#EXTINF") {
            if (pending)
                return invalid(pending_line, "EXTINF without a URI");
            const size_t comma = value.find(',');
            const auto duration = parseDecimal(trim(value.substr(0, comma)));
            if (!duration || *duration < 0 || *duration > 86400)
                return invalid(line, "EXTINF duration is not a number of seconds: " + std::string(value));
            pending = HlsSegment{*duration,
                                 std::string(comma == value.npos ? "" : value.substr(comma + 1)),
                                 {},
                                 key_uri,
                                 key_iv};
            pending_line = line;
        } else if (tag == "#EXT-X-TARGETDURATION") {
            const auto target = parseInt64(value);
            if (!target || *target < 0 || *target > 86400)
                return invalid(line, "bad EXT-X-TARGETDURATION: " + std::string(value));
            playlist.target_duration_s = static_cast<int>(*target);
            saw_target = true;
        } else if (tag == "#EXT-X-MEDIA-SEQUENCE") {
            const auto sequence = parseInt64(value);
            if (!sequence || *sequence < 0 || *sequence > INT32_MAX)
                return invalid(line, "bad EXT-X-MEDIA-SEQUENCE: " + std::string(value));
            playlist.media_sequence = *sequence;
        } else if (tag == "#EXT-X-PLAYLIST-TYPE") {
            if (value == "VOD")
                playlist.type = HlsPlaylistType::Vod;
            else if (value == "EVENT")
                playlist.type = HlsPlaylistType::Event;
            else
                return invalid(line, "bad EXT-X-PLAYLIST-TYPE: " + std::string(value));
        } else if (tag == "#EXT-X-MAP") {
            auto attributes = parseAttributes(value, line);
            if (!attributes)
                return attributes.error();
            const std::string* uri = find(*attributes, "URI");
            if (!uri || uri->empty())
                return invalid(line, "EXT-X-MAP without URI");
            if (find(*attributes, "BYTERANGE"))
                return invalid(line, "EXT-X-MAP with BYTERANGE is not supported");
            if (!playlist.map_uri.empty() && playlist.map_uri != *uri)
                return invalid(line, "more than one EXT-X-MAP is not supported");
            playlist.map_uri = *uri;
        } else if (tag == "#EXT-X-ENDLIST") {
            playlist.endlist = true;
        } else if (tag == "#EXT-X-VERSION") {
            auto version = versionOf(value, line);
            if (!version)
                return version.error();
            playlist.version = *version;
        } else if (tag == "#EXT-X-INDEPENDENT-SEGMENTS") {
            playlist.independent_segments = true;
        } else if (tag == "#EXT-X-BYTERANGE") {
            return invalid(line, "byte-range segments (EXT-X-BYTERANGE) are not supported");
        } else if (tag == "#EXT-X-KEY") {
            auto key = parseKey(value, line);
            if (!key)
                return key.error();
            key_uri = key->first;
            key_iv = key->second;
        } else if (tag == "#EXT-X-STREAM-INF" || tag == "#EXT-X-MEDIA") {
            return invalid(line, "a master playlist tag (" + std::string(tag) + ") in a media playlist");
        }
    }
    if (pending)
        return invalid(pending_line, "EXTINF without a URI");
    if (!saw_target)
        return invalid(static_cast<int>(lines.size()), "no EXT-X-TARGETDURATION in the media playlist");
    return playlist;
}

namespace {

struct PendingRendition {
    Rendition rendition;
    std::string written_uri; // as in the master, for the id
    std::string group;       // audio: its EXT-X-MEDIA group
};

// "360p/playlist.m3u8" → "360p"; "stream_0.m3u8" → "stream_0"; "http://h/a/b/x.m3u8?t=1" → "b".
std::string idFromUri(const std::string& uri) {
    std::string path = uri.substr(0, uri.find_first_of("?#"));
    if (const size_t scheme = path.find("://"); scheme != std::string::npos)
        path = path.substr(std::min(path.size(), path.find('/', scheme + 3)));
    const size_t slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) {
        const std::string directory = path.substr(0, slash);
        const std::string name = directory.substr(directory.rfind('/') + 1);
        if (!name.empty() && name != "." && name != "..")
            return name;
    }
    std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    if (const size_t dot = file.rfind('.'); dot != std::string::npos && dot > 0)
        file.resize(dot);
    return file.empty() ? "rendition" : file;
}

std::optional<int64_t> sessionNumber(const HlsMaster& master, const char* id) {
    const auto it = master.session_data.find(id);
    if (it == master.session_data.end())
        return std::nullopt;
    return parseInt64(it->second);
}

Result<void> fillFromMediaPlaylist(Rendition& rendition, const ManifestLoader& load, int& target_ms,
                                   bool& complete) {
    auto text = load(rendition.playlist_uri);
    if (!text)
        return makeError(text.error().code,
                         "loading " + rendition.playlist_uri + ": " + text.error().message);
    auto playlist = parseHlsMedia(*text);
    if (!playlist)
        return makeError(playlist.error().code, rendition.playlist_uri + " " + playlist.error().message);
    rendition.timescale = kHlsTimescale;
    if (!playlist->map_uri.empty())
        rendition.init_uri = resolveUri(rendition.playlist_uri, playlist->map_uri);
    int64_t start = 0;
    int64_t number = playlist->media_sequence;
    for (const HlsSegment& entry : playlist->segments) {
        Segment segment;
        segment.number = static_cast<int>(number++);
        segment.start = start;
        segment.duration = std::llround(entry.duration_s * kHlsTimescale);
        segment.uri = resolveUri(rendition.playlist_uri, entry.uri);
        if (!entry.key_uri.empty()) {
            segment.key_uri = resolveUri(rendition.playlist_uri, entry.key_uri);
            segment.key_iv = entry.key_iv.empty() ? sequenceIv(segment.number) : entry.key_iv;
        }
        start += segment.duration;
        rendition.segments.push_back(std::move(segment));
    }
    if (playlist->target_duration_s > 0)
        target_ms = target_ms == 0 ? playlist->target_duration_s * 1000
                                   : std::min(target_ms, playlist->target_duration_s * 1000);
    if (!playlist->endlist && playlist->type != HlsPlaylistType::Vod)
        complete = false;
    return {};
}

} // namespace

Result<Presentation> assembleHlsPresentation(const HlsMaster& master, const std::string& master_uri,
                                             const ManifestLoader& load) {
    std::vector<PendingRendition> video;
    std::vector<PendingRendition> audio;
    auto findAudio = [&](const std::string& resolved) -> PendingRendition* {
        for (PendingRendition& pending : audio)
            if (pending.rendition.playlist_uri == resolved)
                return &pending;
        return nullptr;
    };

    for (const HlsRenditionEntry& entry : master.media) {
        if (entry.type != "AUDIO" || entry.uri.empty())
            continue;
        const std::string resolved = resolveUri(master_uri, entry.uri);
        if (findAudio(resolved))
            continue;
        PendingRendition pending{{}, entry.uri, entry.group_id};
        pending.rendition.kind = MediaKind::Audio;
        pending.rendition.playlist_uri = resolved;
        pending.rendition.channels = entry.channels;
        for (const HlsVariant& variant : master.variants)
            if (variant.audio_group == entry.group_id && pending.rendition.codecs.empty())
                pending.rendition.codecs = audioCodecs(variant.codecs);
        audio.push_back(std::move(pending));
    }
    // Our own masters carry the audio bitrate as session data.
    const std::optional<int64_t> session_peak = sessionNumber(master, kHlsAudioBandwidthDataId);
    const std::optional<int64_t> session_average = sessionNumber(master, kHlsAudioAverageBandwidthDataId);
    if (session_peak)
        for (PendingRendition& pending : audio) {
            pending.rendition.bandwidth_bps = *session_peak;
            pending.rendition.average_bandwidth_bps = session_average.value_or(0);
        }

    std::set<std::string> seen_video;
    for (const HlsVariant& variant : master.variants) {
        const std::string resolved = resolveUri(master_uri, variant.uri);
        const std::string video_codecs = videoCodecs(variant.codecs);
        const bool audio_only =
            variant.width == 0 && video_codecs.empty() && !audioCodecs(variant.codecs).empty();
        if (audio_only) {
            PendingRendition* known = findAudio(resolved);
            if (!known) {
                audio.push_back(PendingRendition{{}, variant.uri, variant.audio_group});
                known = &audio.back();
                known->rendition.kind = MediaKind::Audio;
                known->rendition.playlist_uri = resolved;
            }
            // An audio-only variant states that rendition's own bitrate (as ffmpeg's masters do).
            known->rendition.bandwidth_bps = variant.bandwidth_bps;
            known->rendition.average_bandwidth_bps = variant.average_bandwidth_bps;
            if (known->rendition.codecs.empty())
                known->rendition.codecs = audioCodecs(variant.codecs);
            continue;
        }
        if (!seen_video.insert(resolved).second)
            continue; // the same rung again (another audio group)
        PendingRendition pending{{}, variant.uri, variant.audio_group};
        Rendition& rendition = pending.rendition;
        rendition.kind = MediaKind::Video;
        rendition.playlist_uri = resolved;
        rendition.codecs = video_codecs;
        rendition.bandwidth_bps = variant.bandwidth_bps;
        rendition.average_bandwidth_bps = variant.average_bandwidth_bps;
        rendition.width = variant.width;
        rendition.height = variant.height;
        rendition.frame_rate = variant.frame_rate;
        video.push_back(std::move(pending));
    }

    // BANDWIDTH covers the variant and the most demanding rendition of its audio group: take that away.
    for (PendingRendition& pending : video) {
        int64_t peak = 0, average = 0;
        for (const PendingRendition& candidate : audio)
            if (!pending.group.empty() && candidate.group == pending.group) {
                peak = std::max(peak, candidate.rendition.bandwidth_bps);
                average = std::max(average, candidate.rendition.average_bandwidth_bps);
            }
        Rendition& rendition = pending.rendition;
        if (peak > 0 && peak < rendition.bandwidth_bps)
            rendition.bandwidth_bps -= peak;
        if (average > 0 && average < rendition.average_bandwidth_bps)
            rendition.average_bandwidth_bps -= average;
    }
    std::stable_sort(video.begin(), video.end(), [](const PendingRendition& a, const PendingRendition& b) {
        return a.rendition.bandwidth_bps < b.rendition.bandwidth_bps;
    });

    Presentation presentation;
    std::set<std::string> ids;
    int target_ms = 0;
    bool complete = true;
    for (std::vector<PendingRendition>* list : {&video, &audio})
        for (PendingRendition& pending : *list) {
            std::string id = idFromUri(pending.written_uri);
            for (int n = 2; !ids.insert(id).second; ++n)
                id = idFromUri(pending.written_uri) + "-" + std::to_string(n);
            pending.rendition.id = id;
            if (auto filled = fillFromMediaPlaylist(pending.rendition, load, target_ms, complete); !filled)
                return filled.error();
            presentation.renditions.push_back(std::move(pending.rendition));
        }
    presentation.state = complete ? PresentationState::Complete : PresentationState::Growing;
    if (target_ms > 0)
        presentation.target_segment_ms = target_ms;
    return presentation;
}

Result<Presentation> loadHlsPresentation(const std::string& master_uri, const ManifestLoader& load) {
    auto text = load(master_uri);
    if (!text)
        return makeError(text.error().code, "loading " + master_uri + ": " + text.error().message);
    auto master = parseHlsMaster(*text);
    if (!master)
        return makeError(master.error().code, master_uri + " " + master.error().message);
    return assembleHlsPresentation(*master, master_uri, load);
}

} // namespace fc::streaming
