#pragma once
// Turning an item's text into weighted terms for the content signal: lowercased words of title, tags,
// description and category, stop words out, each field with its own boost.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

// Lowercases ASCII letters and splits on anything that is not a letter or digit; bytes of multi-byte UTF-8
// characters count as letters, so non-Latin words stay whole. Drops stop words and one-character tokens.
std::vector<std::string> tokenize(std::string_view text);

bool isStopWord(std::string_view word);

// The field-boosted term frequencies of an item (before IDF): title x2, each tag's words x2.5 (a multi-word
// tag also as one "tag:<tag>" token), category x1.5 as one "cat:<name>" token (its words x0.75), description
// x1 with at most kMaxDescriptionWords words.
std::vector<std::pair<std::string, float>> weightedTerms(const ItemFeatures& features);

inline constexpr size_t kMaxDescriptionWords = 300;

// True when two feature sets have the same text (the content signal needs no recomputation).
bool sameText(const ItemFeatures& a, const ItemFeatures& b);

} // namespace fc::server::discovery::recs
