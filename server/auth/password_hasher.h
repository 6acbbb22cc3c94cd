#pragma once
// Argon2id password hashes in the PHC encoded form ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), so the
// parameters travel with each hash and can be raised later without breaking old accounts.
// Hashing is deliberately slow (tens of ms): call it from worker threads only.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::server::auth {

struct PasswordHashParams {
    uint32_t time_cost = 2;
    uint32_t memory_kib = 19 * 1024; // OWASP's Argon2id baseline: m=19 MiB, t=2, p=1
    uint32_t parallelism = 1;
};

Result<std::string> hashPassword(std::string_view password, const PasswordHashParams& params = {});

enum class PasswordCheck { Invalid = 0, Match, Mismatch };

// Mismatch also for a malformed stored hash (logged), so a broken row never signs anyone in.
PasswordCheck verifyPassword(std::string_view password, const std::string& encoded_hash);

// Spends the same time as a real verification; used when the account does not exist, so response timing
// does not tell which usernames are registered.
void burnPasswordCheck(std::string_view password);

} // namespace fc::server::auth
