#include "server/uploads/tus_headers.h"

#include <algorithm>
#include <cctype>

#include "core/util/base64.h"
#include "core/util/text.h"

namespace fc::server::uploads {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

} // namespace

HttpResponse withTus(HttpResponse response) {
    response.headers.set("Tus-Resumable", std::string(kTusVersion));
    return response;
}

HttpResponse tusError(int status, std::string_view code, std::string_view message) {
    return withTus(errorResponse(status, code, message));
}

std::optional<HttpResponse> requireTusResumable(const HttpRequest& request) {
    const auto version = request.headers.get("Tus-Resumable");
    if (version && trimBlanks(*version) == kTusVersion)
        return std::nullopt;
    HttpResponse response = tusError(412, "tus_version_unsupported",
                                     version ? "this server speaks tus " + std::string(kTusVersion) +
                                                   ", not " + std::string(*version)
                                             : "send the Tus-Resumable: 1.0.0 header");
    response.headers.set("Tus-Version", std::string(kTusVersion));
    return response;
}

std::optional<int64_t> parseByteCount(std::string_view text) {
    text = trimBlanks(text);
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool hasOffsetStreamType(const HttpRequest& request) {
    const auto type = request.headers.get("Content-Type");
    if (!type)
        return false;
    std::string_view mediaType = *type;
    if (const size_t semicolon = mediaType.find(';'); semicolon != std::string_view::npos)
        mediaType = mediaType.substr(0, semicolon);
    return lower(trimBlanks(mediaType)) == kOffsetStreamType;
}

std::optional<int64_t> declaredBodyLength(const HttpRequest& request) {
    if (request.headers.has("Transfer-Encoding"))
        return std::nullopt;
    if (const auto length = request.headers.get("Content-Length"))
        return parseByteCount(*length);
    return std::nullopt;
}

bool mayHaveBody(const HttpRequest& request) {
    if (request.headers.has("Transfer-Encoding"))
        return true;
    const auto length = declaredBodyLength(request);
    return length && *length > 0;
}

Result<std::optional<UploadChecksum>> parseUploadChecksum(const HttpRequest& request) {
    const auto header = request.headers.get("Upload-Checksum");
    if (!header)
        return std::optional<UploadChecksum>();
    const std::string_view value = trimBlanks(*header);
    const size_t space = value.find(' ');
    if (space == std::string_view::npos)
        return makeError("invalid_checksum", "Upload-Checksum must be '<algorithm> <base64 digest>'");
    const std::string_view name = value.substr(0, space);
    UploadChecksum checksum;
    size_t digestBytes = 0;
    if (name == "sha1") {
        checksum.algorithm = DigestAlgorithm::Sha1;
        digestBytes = 20;
    } else if (name == "sha256") {
        checksum.algorithm = DigestAlgorithm::Sha256;
        digestBytes = 32;
    } else {
        return makeError("checksum_unsupported", "checksum algorithm '" + std::string(name) +
                                                     "' is not supported; use one of " +
                                                     std::string(kTusChecksumAlgorithms));
    }
    auto digest = base64Decode(trimBlanks(value.substr(space + 1)));
    if (!digest || digest->size() != digestBytes)
        return makeError("invalid_checksum",
                         "the Upload-Checksum digest is not a base64 " + std::string(name) + " digest");
    checksum.expected_raw = std::move(*digest);
    return std::optional<UploadChecksum>(std::move(checksum));
}

Result<UploadMetadata> parseUploadMetadata(std::string_view header) {
    UploadMetadata metadata;
    if (trimBlanks(header).empty())
        return metadata;
    size_t start = 0;
    while (start <= header.size()) {
        const size_t comma = header.find(',', start);
        const std::string_view pair = trimBlanks(
            header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        start = comma == std::string_view::npos ? header.size() + 1 : comma + 1;
        if (pair.empty())
            return makeError("invalid_metadata", "Upload-Metadata has an empty entry");
        const size_t space = pair.find(' ');
        const std::string_view key = pair.substr(0, space);
        const std::string_view encoded =
            space == std::string_view::npos ? std::string_view{} : trimBlanks(pair.substr(space));
        if (encoded.find(' ') != std::string_view::npos)
            return makeError("invalid_metadata",
                             "Upload-Metadata entry '" + std::string(key) + "' must be 'key base64value'");
        for (char c : key)
            if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e)
                return makeError("invalid_metadata", "Upload-Metadata keys must be printable ASCII");
        auto value = base64Decode(encoded);
        if (!value)
            return makeError("invalid_metadata",
                             "Upload-Metadata value for '" + std::string(key) + "' is not valid base64");
        if (!metadata.emplace(std::string(key), std::move(*value)).second)
            return makeError("invalid_metadata",
                             "Upload-Metadata key '" + std::string(key) + "' appears twice");
    }
    return metadata;
}

} // namespace fc::server::uploads
