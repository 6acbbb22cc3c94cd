#include "server/store/session_repository.h"

#include "core/util/hashing.h"

namespace fc::server::store {

std::string hashToken(const std::string& token) { return sha256Hex(token); }

Result<std::optional<SessionUser>> findSessionByAccessToken(Connection& db, const std::string& access_token,
                                                             int64_t now_ms) {
    auto statement = db.prepare("SELECT s.id, u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id "
                                "WHERE s.access_token_hash = ? AND s.access_expires_at > ?");
    statement.bindAll(hashToken(access_token), now_ms);
    if (statement.step())
        return std::optional<SessionUser>(SessionUser{statement.int64(0), statement.text(1), statement.text(2)});
    if (statement.error())
        return *statement.error();
    return std::optional<SessionUser>();
}

} // namespace fc::server::store
