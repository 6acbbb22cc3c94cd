#pragma once
#include <string>
#include <string_view>

namespace fc {

// Public ids: 11 base64url characters from 64 random bits, as YouTube's video ids.
std::string newId();
bool isValidId(std::string_view id);
// Opaque bearer secrets: 32 random bytes, base64url without padding (43 characters).
std::string newSecretToken();

} // namespace fc
