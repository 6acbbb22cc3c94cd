#pragma once
// AES-128 HLS (RFC 8216 §5.2, METHOD=AES-128): whole segments encrypted with AES-128-CBC and PKCS#7 padding,
// IV = the segment's media sequence number as a 16-byte big-endian integer (no IV attribute is written).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::server::api {

// key: 16 raw bytes. Errors: "encryption_failed".
Result<std::string> encryptHlsSegment(std::string_view clear, std::string_view key, uint64_t media_sequence);

// The media playlist with #EXT-X-KEY:METHOD=AES-128,URI="<key_uri>" after its EXT-X-MAP line (so the init
// segment stays clear), or before the first segment when there is no map.
std::string addHlsKeyTag(std::string_view playlist, std::string_view key_uri);

// The key as stored (32 hex digits) → its 16 bytes; nullopt when malformed.
std::optional<std::string> hlsKeyFromHex(std::string_view hex);

// seg_00042.m4s → 42: our playlists' EXT-X-MEDIA-SEQUENCE is the first segment's number, so a segment's
// sequence number is its file number.
std::optional<uint64_t> segmentSequenceNumber(std::string_view file_name);

} // namespace fc::server::api
