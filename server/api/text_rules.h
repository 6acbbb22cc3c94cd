#pragma once
// Length and character rules for user-written text fields (names, titles, descriptions). Each returns
// nullopt when valid, else a message naming the field. Lengths count Unicode characters.
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::api {

// No control characters at all (names, titles, tags).
std::optional<std::string> checkSingleLineText(std::string_view field, std::string_view text,
                                               size_t min_chars, size_t max_chars);
// Newlines and tabs allowed, other control characters not (descriptions, bios).
std::optional<std::string> checkMultiLineText(std::string_view field, std::string_view text,
                                              size_t max_chars);

} // namespace fc::server::api
