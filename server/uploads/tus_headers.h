#pragma once
// tus 1.0.0 wire details: the protocol's headers, how they are parsed, and the headers every answer carries.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/hashing.h"
#include "core/util/result.h"
#include "server/http/http_types.h"

namespace fc::server::uploads {

inline constexpr std::string_view kTusVersion = "1.0.0";
inline constexpr std::string_view kTusExtensions =
    "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration";
inline constexpr std::string_view kTusChecksumAlgorithms = "sha1,sha256";
inline constexpr std::string_view kOffsetStreamType = "application/offset+octet-stream";
inline constexpr int kStatusChecksumMismatch = 460;

// Sets Tus-Resumable (every tus answer carries it) and returns the response.
HttpResponse withTus(HttpResponse response);
// A tus error answer: the JSON envelope plus Tus-Resumable.
HttpResponse tusError(int status, std::string_view code, std::string_view message);
// 412 with Tus-Version when the request does not speak tus 1.0.0; nullopt when it does.
std::optional<HttpResponse> requireTusResumable(const HttpRequest& request);

// A non-negative decimal integer without sign, spaces or overflow.
std::optional<int64_t> parseByteCount(std::string_view text);
bool hasOffsetStreamType(const HttpRequest& request);
// The Content-Length when given; nullopt for chunked or absent bodies.
std::optional<int64_t> declaredBodyLength(const HttpRequest& request);
bool mayHaveBody(const HttpRequest& request);

struct UploadChecksum {
    DigestAlgorithm algorithm = DigestAlgorithm::Invalid;
    std::string expected_raw; // the decoded digest
};
// "sha256 <base64>": nullopt without the header; errors "checksum_unsupported" / "invalid_checksum".
Result<std::optional<UploadChecksum>> parseUploadChecksum(const HttpRequest& request);

// Upload-Metadata: comma-separated "key base64value" pairs (the value and its space may be left out).
using UploadMetadata = std::map<std::string, std::string>;
Result<UploadMetadata> parseUploadMetadata(std::string_view header);

} // namespace fc::server::uploads
