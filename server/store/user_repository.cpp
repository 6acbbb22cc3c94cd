#include "server/store/user_repository.h"

#include "core/util/ids.h"

namespace fc::server::store {
namespace {

constexpr const char* kUserColumns =
    "SELECT u.id, u.username, u.email, u.password_hash, u.display_name, u.bio, u.avatar_key, "
    "COALESCE(c.id, ''), u.created_at, u.updated_at FROM users u LEFT JOIN channels c ON c.owner_id = u.id ";

UserRecord readUser(const Statement& row) {
    UserRecord user;
    user.id = row.text(0);
    user.username = row.text(1);
    user.email = row.text(2);
    user.password_hash = row.text(3);
    user.display_name = row.text(4);
    user.bio = row.text(5);
    user.avatar_key = row.optionalText(6);
    user.channel_id = row.text(7);
    user.created_at_ms = row.int64(8);
    user.updated_at_ms = row.int64(9);
    return user;
}

Result<std::optional<UserRecord>> findOne(Statement& statement) {
    if (statement.step())
        return std::optional<UserRecord>(readUser(statement));
    if (statement.error())
        return *statement.error();
    return std::optional<UserRecord>();
}

Result<bool> exists(Connection& db, std::string_view sql, const std::string& value) {
    auto statement = db.prepare(sql);
    statement.bindAll(value);
    if (statement.step())
        return true;
    if (statement.error())
        return *statement.error();
    return false;
}

} // namespace

Result<UserRecord> createUserWithChannel(Connection& db, const NewUser& user, int64_t now_ms) {
    // Checked inside the caller's BEGIN IMMEDIATE transaction, so no other writer can slip in between.
    auto usernameTaken = exists(db, "SELECT 1 FROM users WHERE username = ?", user.username);
    if (!usernameTaken)
        return usernameTaken.error();
    auto handleTaken = exists(db, "SELECT 1 FROM channels WHERE handle = ?", user.username);
    if (!handleTaken)
        return handleTaken.error();
    if (*usernameTaken || *handleTaken)
        return makeError("username_taken", "that username is taken");
    auto emailTaken = exists(db, "SELECT 1 FROM users WHERE email = ?", user.email);
    if (!emailTaken)
        return emailTaken.error();
    if (*emailTaken)
        return makeError("email_taken", "an account with that email exists");

    UserRecord record;
    record.id = newId();
    record.username = user.username;
    record.email = user.email;
    record.password_hash = user.password_hash;
    record.channel_id = newId();
    record.created_at_ms = now_ms;
    record.updated_at_ms = now_ms;
    if (auto inserted =
            db.run("INSERT INTO users (id, username, email, password_hash, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   record.id, record.username, record.email, record.password_hash, now_ms, now_ms);
        !inserted)
        return inserted.error();
    if (auto inserted =
            db.run("INSERT INTO channels (id, owner_id, handle, name, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   record.channel_id, record.id, record.username, record.username, now_ms, now_ms);
        !inserted)
        return inserted.error();
    return record;
}

Result<std::optional<UserRecord>> findUserById(Connection& db, const std::string& user_id) {
    auto statement = db.prepare(std::string(kUserColumns) + "WHERE u.id = ?");
    statement.bindAll(user_id);
    return findOne(statement);
}

Result<std::optional<UserRecord>> findUserByLogin(Connection& db, const std::string& username_or_email) {
    auto statement = db.prepare(std::string(kUserColumns) + "WHERE u.username = ?1 OR u.email = ?1");
    statement.bindAll(username_or_email);
    return findOne(statement);
}

Result<void> updateUserProfile(Connection& db, const std::string& user_id, const UserProfilePatch& patch,
                               int64_t now_ms) {
    return db.run("UPDATE users SET display_name = COALESCE(?, display_name), bio = COALESCE(?, bio), "
                  "updated_at = ? WHERE id = ?",
                  patch.display_name, patch.bio, now_ms, user_id);
}

Result<std::optional<std::string>> replaceUserAvatar(Connection& db, const std::string& user_id,
                                                     const std::string& image_key, int64_t now_ms) {
    auto statement = db.prepare("SELECT avatar_key FROM users WHERE id = ?");
    statement.bindAll(user_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("user_not_found", "no such user");
    std::optional<std::string> previous = statement.optionalText(0);
    if (auto updated = db.run("UPDATE users SET avatar_key = ?, updated_at = ? WHERE id = ?", image_key,
                              now_ms, user_id);
        !updated)
        return updated.error();
    return previous;
}

} // namespace fc::server::store
