#include "server/auth/password_hasher.h"

#include <argon2.h>

#include <vector>

#include "core/util/hashing.h"
#include "core/util/log.h"

namespace fc::server::auth {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

} // namespace

Result<std::string> hashPassword(std::string_view password, const PasswordHashParams& params) {
    const std::string salt = secureRandomBytes(kSaltBytes);
    if (salt.size() != kSaltBytes)
        return makeError("internal_error", "no random bytes for the password salt");
    std::vector<char> encoded(argon2_encodedlen(params.time_cost, params.memory_kib, params.parallelism,
                                                kSaltBytes, kHashBytes, Argon2_id) +
                              1);
    const int rc = argon2id_hash_encoded(params.time_cost, params.memory_kib, params.parallelism,
                                         password.data(), password.size(), salt.data(), salt.size(),
                                         kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) {
        logError(std::string("password hashing failed: ") + argon2_error_message(rc));
        return makeError("internal_error", "the password could not be hashed");
    }
    return std::string(encoded.data());
}

PasswordCheck verifyPassword(std::string_view password, const std::string& encoded_hash) {
    const int rc = argon2id_verify(encoded_hash.c_str(), password.data(), password.size());
    if (rc == ARGON2_OK)
        return PasswordCheck::Match;
    if (rc != ARGON2_VERIFY_MISMATCH)
        logWarn(std::string("password verification failed: ") + argon2_error_message(rc));
    return PasswordCheck::Mismatch;
}

void burnPasswordCheck(std::string_view password) {
    // A fixed hash with the default parameters; computed once, verified against every time.
    static const std::string kDummyHash = [] {
        auto hashed = hashPassword("framecast-dummy-password");
        return hashed ? *hashed : std::string();
    }();
    if (!kDummyHash.empty())
        (void)verifyPassword(password, kDummyHash);
}

} // namespace fc::server::auth
