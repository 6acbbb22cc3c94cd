#pragma once
// Users and the one channel each user owns (created together at registration).
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

struct UserRecord {
    std::string id;
    std::string username;
    std::string email;
    std::string password_hash;
    std::string display_name;
    std::string bio;
    std::optional<std::string> avatar_key;
    std::string channel_id;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct NewUser {
    std::string username;
    std::string email;
    std::string password_hash;
};

// Inserts the user and their channel (handle = name = username). Errors "username_taken" / "email_taken"
// (compared case-insensitively, as the schema's NOCASE columns do).
Result<UserRecord> createUserWithChannel(Connection& db, const NewUser& user, int64_t now_ms);

Result<std::optional<UserRecord>> findUserById(Connection& db, const std::string& user_id);
// By username or email, case-insensitively (usernames cannot contain '@', so the two never collide).
Result<std::optional<UserRecord>> findUserByLogin(Connection& db, const std::string& username_or_email);

struct UserProfilePatch {
    std::optional<std::string> display_name;
    std::optional<std::string> bio;
};
Result<void> updateUserProfile(Connection& db, const std::string& user_id, const UserProfilePatch& patch,
                               int64_t now_ms);

// Sets the avatar image key; returns the key it replaced (its file can then be removed).
Result<std::optional<std::string>> replaceUserAvatar(Connection& db, const std::string& user_id,
                                                     const std::string& image_key, int64_t now_ms);

} // namespace fc::server::store
