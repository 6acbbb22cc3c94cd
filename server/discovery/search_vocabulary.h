#pragma once
// The words of the video index (read from its fts5vocab table) with how many videos hold each, kept in
// memory by the search service: document frequencies for ranking, prefix completions, and spelling
// corrections found through a trigram index and checked with the Damerau–Levenshtein distance. Immutable once
// built, so requests share it without locks while the service builds the next one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/discovery/search_query.h"

namespace fc::server::discovery {

struct VocabularyTerm {
    std::string term; // folded, as the index holds it
    int64_t doc_count = 0;
};

class SearchVocabulary {
public:
    // document_count: videos in the index (for IDF); terms in any order.
    SearchVocabulary(std::vector<VocabularyTerm> terms, int64_t document_count);

    size_t size() const { return m_terms.size(); }
    int64_t documentCount() const { return m_documentCount; }

    // How many videos hold the term, -1 when it is not in the vocabulary.
    int64_t docCount(std::string_view term) const;
    // The most frequent terms starting with prefix (the prefix itself included if it is a term).
    std::vector<PrefixCompletion> completions(std::string_view prefix, size_t limit) const;
    // The closest term within the allowed edits (1 for words of 3–4 letters, 2 from 5; shorter words are not
    // corrected), the most frequent among equally close ones; nullopt when none is close enough.
    std::optional<std::string> correct(std::string_view word) const;

private:
    std::vector<VocabularyTerm> m_terms;                            // sorted by term
    std::vector<uint16_t> m_lengths;                                // code points of each term
    std::unordered_map<uint64_t, std::vector<uint32_t>> m_trigrams; // trigram -> term indexes
    int64_t m_documentCount = 0;
};

// Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions) over code
// points; any value above max_distance is reported as max_distance + 1.
int damerauLevenshtein(std::u32string_view a, std::u32string_view b, int max_distance);

std::u32string decodeUtf8(std::string_view text); // invalid bytes become U+FFFD

} // namespace fc::server::discovery
