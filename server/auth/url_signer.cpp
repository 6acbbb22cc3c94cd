#include "server/auth/url_signer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/util/base64.h"
#include "core/util/hashing.h"

namespace fc::server::auth {
namespace {

constexpr size_t kSecretBytes = 32;
constexpr std::string_view kAnonymous = "-";

std::string signature(std::string_view secret, std::string_view video_id, std::string_view expiry,
                      std::string_view viewer) {
    std::string message;
    message.append(video_id).append("|").append(expiry).append("|").append(viewer);
    return base64Encode(hmacSha256Raw(secret, message), Base64Alphabet::Url, Base64Padding::Without);
}

Error invalidSignature() {
    return makeError("invalid_signature", "the playback URL's signature is not valid");
}

} // namespace

std::string signPlaybackToken(std::string_view secret, std::string_view video_id,
                              const PlaybackGrant& grant) {
    const std::string expiry = std::to_string(grant.expires_at_s);
    const std::string viewer = grant.viewer_id ? *grant.viewer_id : std::string(kAnonymous);
    return expiry + "." + viewer + "." + signature(secret, video_id, expiry, viewer);
}

Result<PlaybackGrant> verifyPlaybackToken(std::string_view secret, std::string_view video_id,
                                          std::string_view token, int64_t now_s) {
    const size_t first = token.find('.');
    const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.size() > 256)
        return invalidSignature();
    const std::string_view expiry = token.substr(0, first);
    const std::string_view viewer = token.substr(first + 1, second - first - 1);
    const std::string_view sig = token.substr(second + 1);
    PlaybackGrant grant;
    const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), grant.expires_at_s);
    if (ec != std::errc() || end != expiry.data() + expiry.size() || viewer.empty())
        return invalidSignature();
    // Signature first: an altered expiry is a bad signature, not an expired URL.
    if (!constantTimeEquals(signature(secret, video_id, expiry, viewer), sig))
        return invalidSignature();
    if (grant.expires_at_s <= now_s)
        return makeError("url_expired", "the playback URL has expired; ask for a new one");
    if (viewer != kAnonymous)
        grant.viewer_id = std::string(viewer);
    return grant;
}

Result<std::string> loadOrCreateSigningSecret(const std::string& data_dir) {
    const std::string path = data_dir + "/url_signing.key";
    if (std::ifstream in(path, std::ios::binary); in) {
        std::ostringstream text;
        text << in.rdbuf();
        std::string secret = text.str();
        while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
            secret.pop_back();
        if (secret.size() >= 16)
            return secret;
        return makeError("invalid_config", path + " holds no usable secret (at least 16 characters)");
    }
    const std::string secret =
        base64Encode(secureRandomBytes(kSecretBytes), Base64Alphabet::Url, Base64Padding::Without);
    // O_EXCL: two servers starting on one data dir do not both write a different secret.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return loadOrCreateSigningSecret(data_dir);
        return makeError("invalid_config", "cannot create " + path + ": " + std::strerror(errno));
    }
    const std::string line = secret + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced)
        return makeError("invalid_config", "cannot write " + path);
    return secret;
}

} // namespace fc::server::auth
