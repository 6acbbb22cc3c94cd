#pragma once
// RFC 6381 codec strings as HLS CODECS and DASH @codecs carry them: split a list, tell audio from video.
#include <string>
#include <string_view>
#include <vector>

namespace fc::streaming {

// "avc1.64001e,mp4a.40.2" → {"avc1.64001e", "mp4a.40.2"}; spaces around entries are dropped.
std::vector<std::string> splitCodecs(std::string_view codecs);
// mp4a, opus, ac-3, ec-3, flac, alac, ... (by the four-character code before the first '.').
bool isAudioCodec(std::string_view codec);
// The audio (or the non-audio) entries of a list, joined with ','; empty when there are none.
std::string audioCodecs(std::string_view codecs);
std::string videoCodecs(std::string_view codecs);

} // namespace fc::streaming
