#include "core/streaming/codec_strings.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace fc::streaming {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::string joinWhere(std::string_view codecs, bool want_audio) {
    std::string joined;
    for (const std::string& codec : splitCodecs(codecs)) {
        if (isAudioCodec(codec) != want_audio)
            continue;
        if (!joined.empty())
            joined += ',';
        joined += codec;
    }
    return joined;
}

} // namespace

std::vector<std::string> splitCodecs(std::string_view codecs) {
    std::vector<std::string> entries;
    while (!codecs.empty()) {
        const size_t comma = codecs.find(',');
        const std::string_view entry = trim(codecs.substr(0, comma));
        if (!entry.empty())
            entries.emplace_back(entry);
        if (comma == std::string_view::npos)
            break;
        codecs.remove_prefix(comma + 1);
    }
    return entries;
}

bool isAudioCodec(std::string_view codec) {
    static constexpr std::array<std::string_view, 12> kAudio = {
        "mp4a", "opus", "ac-3", "ec-3", "ac-4", "flac", "alac", "mp3", "dtsc", "dtse", "dtsh", "dtsl"};
    std::string fourcc(trim(codec.substr(0, codec.find('.'))));
    std::transform(fourcc.begin(), fourcc.end(), fourcc.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(kAudio.begin(), kAudio.end(), fourcc) != kAudio.end();
}

std::string audioCodecs(std::string_view codecs) {
    return joinWhere(codecs, true);
}
std::string videoCodecs(std::string_view codecs) {
    return joinWhere(codecs, false);
}

} // namespace fc::streaming
