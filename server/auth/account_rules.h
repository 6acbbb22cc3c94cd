#pragma once
// What a valid username, email and password look like. Each check returns nullopt when valid, else a message
// for people that names the field (the API answers 400 invalid_request with it).
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::auth {

constexpr size_t kUsernameMinChars = 3;
constexpr size_t kUsernameMaxChars = 30;
constexpr size_t kEmailMaxChars = 254;
constexpr size_t kPasswordMinChars = 8;
constexpr size_t kPasswordMaxBytes = 1024; // Argon2 takes any length; this bounds the work per request

std::optional<std::string> checkUsername(std::string_view username);
std::optional<std::string> checkEmail(std::string_view email);
std::optional<std::string> checkPassword(std::string_view password);

// Number of Unicode code points in valid UTF-8 (text length limits count characters, not bytes).
size_t utf8Length(std::string_view text);
bool isValidUtf8(std::string_view text);

} // namespace fc::server::auth
