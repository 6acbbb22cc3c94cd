#pragma once
// Suggestions as you type (docs/API.md §17 "GET /api/v1/search/suggest"), answered from memory: popular
// queries (most searched first), then titles of listed videos (most viewed first). The search service
// rebuilds this from the database on its background thread; a request only reads an immutable snapshot.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/discovery/search_repository.h"
#include "server/discovery/search_tokenizer.h"

namespace fc::server::discovery {

struct Suggestion {
    std::string text;
    std::string kind; // "query" or "title"
};

// Texts ready for matching (tokenized once, when the snapshot is built), most important first, with every
// word of every text sorted, so the texts holding a word that starts with a prefix are one binary search
// away.
struct SuggestionEntry {
    std::string text;
    std::vector<std::string> words; // folded
    std::string key;                // the folded words joined, for duplicates
};
struct SuggestionList {
    std::vector<SuggestionEntry> entries;
    std::vector<std::pair<std::string_view, uint32_t>> words; // (word, entry), sorted; views into entries
};
using SuggestionEntries = std::shared_ptr<const SuggestionList>;
SuggestionEntries suggestionEntries(const std::vector<WeightedText>& texts, const SearchTokenizer& tokenizer);

class SuggestionIndex {
public:
    SuggestionIndex() = default;
    // Both most important first. Title entries are shared between snapshots: a new popular query does not
    // tokenize thousands of titles again.
    SuggestionIndex(SuggestionEntries queries, SuggestionEntries titles)
        : m_queries(std::move(queries)), m_titles(std::move(titles)) {}

    // typed: the folded words of what was typed. Each must begin a word of the suggestion, in order
    // ("bu bun" suggests "big buck bunny"); none typed: the most popular queries. No two suggestions fold to
    // the same words.
    std::vector<Suggestion> suggest(const std::vector<std::string>& typed, size_t limit) const;

private:
    SuggestionEntries m_queries;
    SuggestionEntries m_titles;
};

} // namespace fc::server::discovery
