#include "server/store/session_repository.h"

#include "core/util/hashing.h"
#include "core/util/ids.h"

namespace fc::server::store {
namespace {

SessionTokens freshTokens(int64_t session_id, const std::string& user_id, const SessionLifetimes& lifetimes,
                          int64_t now_ms) {
    SessionTokens tokens;
    tokens.session_id = session_id;
    tokens.user_id = user_id;
    tokens.access_token = newSecretToken();
    tokens.refresh_token = newSecretToken();
    tokens.access_expires_at_ms = now_ms + lifetimes.access_ttl_s * 1000;
    tokens.refresh_expires_at_ms = now_ms + lifetimes.refresh_ttl_s * 1000;
    return tokens;
}

} // namespace

std::string hashToken(const std::string& token) {
    return sha256Hex(token);
}

Result<std::optional<SessionUser>> findSessionByAccessToken(Connection& db, const std::string& access_token,
                                                            int64_t now_ms) {
    auto statement =
        db.prepare("SELECT s.id, u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id "
                   "WHERE s.access_token_hash = ? AND s.access_expires_at > ?");
    statement.bindAll(hashToken(access_token), now_ms);
    if (statement.step())
        return std::optional<SessionUser>(
            SessionUser{statement.int64(0), statement.text(1), statement.text(2)});
    if (statement.error())
        return *statement.error();
    return std::optional<SessionUser>();
}

Result<SessionTokens> createSession(Connection& db, const std::string& user_id, const std::string& user_agent,
                                    const SessionLifetimes& lifetimes, int64_t now_ms) {
    SessionTokens tokens = freshTokens(0, user_id, lifetimes, now_ms);
    auto inserted = db.run(
        "INSERT INTO sessions (user_id, access_token_hash, access_expires_at, refresh_token_hash, "
        "refresh_expires_at, user_agent, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        user_id, hashToken(tokens.access_token), tokens.access_expires_at_ms, hashToken(tokens.refresh_token),
        tokens.refresh_expires_at_ms, user_agent.substr(0, 256), now_ms, now_ms);
    if (!inserted)
        return inserted.error();
    tokens.session_id = db.lastInsertRowId();
    return tokens;
}

Result<std::optional<SessionTokens>> rotateSession(Connection& db, const std::string& refresh_token,
                                                   const SessionLifetimes& lifetimes, int64_t now_ms) {
    auto statement = db.prepare("SELECT id, user_id FROM sessions WHERE refresh_token_hash = ? "
                                "AND refresh_expires_at > ?");
    statement.bindAll(hashToken(refresh_token), now_ms);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<SessionTokens>();
    }
    SessionTokens tokens = freshTokens(statement.int64(0), statement.text(1), lifetimes, now_ms);
    auto updated =
        db.run("UPDATE sessions SET access_token_hash = ?, access_expires_at = ?, refresh_token_hash = ?, "
               "refresh_expires_at = ?, last_used_at = ? WHERE id = ?",
               hashToken(tokens.access_token), tokens.access_expires_at_ms, hashToken(tokens.refresh_token),
               tokens.refresh_expires_at_ms, now_ms, tokens.session_id);
    if (!updated)
        return updated.error();
    return std::optional<SessionTokens>(std::move(tokens));
}

Result<void> deleteSession(Connection& db, int64_t session_id) {
    return db.run("DELETE FROM sessions WHERE id = ?", session_id);
}

} // namespace fc::server::store
