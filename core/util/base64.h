#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fc {

enum class Base64Alphabet { Standard = 1, Url = 2 };
enum class Base64Padding { With = 1, Without = 2 };

std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet = Base64Alphabet::Standard,
                         Base64Padding padding = Base64Padding::With);
// Accepts both alphabets, with or without padding; nullopt on any other character.
std::optional<std::string> base64Decode(std::string_view text);

} // namespace fc
