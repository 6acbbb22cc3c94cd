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

// The token pair handed to the client once; only their hashes are kept.
struct SessionTokens {
    int64_t session_id = 0;
    std::string user_id;
    std::string access_token;
    std::string refresh_token;
    int64_t access_expires_at_ms = 0;
    int64_t refresh_expires_at_ms = 0;
};

struct SessionLifetimes {
    int64_t access_ttl_s = 3600;
    int64_t refresh_ttl_s = 30 * 24 * 3600;
};

std::string hashToken(const std::string& token);

// The live session an access token belongs to, or nullopt when unknown or expired.
Result<std::optional<SessionUser>> findSessionByAccessToken(Connection& db, const std::string& access_token,
                                                            int64_t now_ms);

// A new session with a fresh token pair (inside the caller's write transaction).
Result<SessionTokens> createSession(Connection& db, const std::string& user_id, const std::string& user_agent,
                                    const SessionLifetimes& lifetimes, int64_t now_ms);

// Replaces the session's token pair when refresh_token is live: the old access and refresh tokens stop
// working. nullopt when the refresh token is unknown or expired.
Result<std::optional<SessionTokens>> rotateSession(Connection& db, const std::string& refresh_token,
                                                   const SessionLifetimes& lifetimes, int64_t now_ms);

Result<void> deleteSession(Connection& db, int64_t session_id);

} // namespace fc::server::store
