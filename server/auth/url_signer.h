#pragma once
// Signed, expiring playback URLs: /api/v1/videos/<id>/s/<token>/... serves a video's media without a bearer.
// token = "<expiry_unix_s>.<viewer>.<sig>", viewer = the user id or "-" (anonymous),
// sig = base64url(HMAC-SHA256(secret, "<video_id>|<expiry>|<viewer>")), compared in constant time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::server::auth {

struct PlaybackGrant {
    int64_t expires_at_s = 0;
    std::optional<std::string> viewer_id; // nullopt: anonymous
};

std::string signPlaybackToken(std::string_view secret, std::string_view video_id, const PlaybackGrant& grant);

// Errors: "invalid_signature" (malformed, other video, tampered), "url_expired" (signature fine, too late).
Result<PlaybackGrant> verifyPlaybackToken(std::string_view secret, std::string_view video_id,
                                          std::string_view token, int64_t now_s);

// The server's signing secret: DATA_DIR/url_signing.key, 32 random bytes made (mode 0600) on first start.
Result<std::string> loadOrCreateSigningSecret(const std::string& data_dir);

} // namespace fc::server::auth
