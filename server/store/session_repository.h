#pragma once
// Sign-in sessions: opaque access and refresh tokens, stored only as sha256 hashes.
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

struct SessionUser {
    int64_t session_id = 0;
    std::string user_id;
    std::string username;
};

std::string hashToken(const std::string& token);

// The live session an access token belongs to, or nullopt when unknown or expired.
Result<std::optional<SessionUser>> findSessionByAccessToken(Connection& db, const std::string& access_token,
                                                             int64_t now_ms);

} // namespace fc::server::store
