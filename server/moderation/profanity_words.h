#pragma once
// The server's profanity list: lower-case words as they appear after foldForMatching(); an entry ending in
// '*' matches every word that starts with the rest. Kept short and plain on purpose (common English words
// only); the filter only holds comments for a person to look at, so a miss or a false hit costs little.
#include <span>
#include <string_view>

namespace fc::server::moderation {

std::span<const std::string_view> profanityWords();

} // namespace fc::server::moderation
