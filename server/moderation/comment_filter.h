#pragma once
// The comment filter's text rules (docs/API.md §13): a suspicious comment is not refused but held for the
// creator, with the reason. The rules that need history (the same text again, too many comments) are counted
// by the caller against the database with the thresholds below.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::moderation {

enum class HoldReason { Invalid = 0, Profanity, Link, Repetition, Rate, Reported, ReviewAll };
std::string_view holdReasonName(HoldReason reason); // "profanity", "link", ... "review_all"

enum class LinkPolicy { Invalid = 0, Hold, Allow }; // the video's owner may post links

// More than kRateMaxComments comments by one user on one video within kRateWindow_ms: held ("rate").
constexpr int64_t kRateMaxComments = 5;
constexpr int64_t kRateWindow_ms = 2 * 60 * 1000;
// The same text by the same user on the same video within kRepeatWindow_ms: held ("repetition").
constexpr int64_t kRepeatWindow_ms = 10 * 60 * 1000;

// Lower case (ASCII) with common leetspeak folded: 0→o 1→i 3→e 4→a 5→s @→a $→s.
std::string foldForMatching(std::string_view text);

// A word of the profanity list (whole words of the folded text; a list entry ending in '*' matches any word
// that starts with it).
bool containsProfanity(std::string_view text);
// A URL (scheme://, www.) or a bare domain with a common top-level domain ("example.com/x").
bool containsLink(std::string_view text);
// One character or one word filling most of the text, or a short piece repeated over and over.
bool isRepetitive(std::string_view text);

// The first text rule that holds the comment, in the order profanity, link, repetition; nullopt when clean.
std::optional<HoldReason> checkCommentText(std::string_view text, LinkPolicy links);

} // namespace fc::server::moderation
