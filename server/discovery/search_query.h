#pragma once
// What a user typed into the search box, parsed (words, "quoted phrases", -exclusions, the last word as a
// prefix) and turned into FTS5 query text. User text never reaches FTS5 as syntax: every term is reduced to
// the index's own tokens (SearchTokenizer) and each phrase is emitted as a double-quoted string, so
// operators, column filters, parentheses, stars and quotes typed by the user are just separators.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/discovery/search_tokenizer.h"

namespace fc::server::discovery {

struct SearchTerm {
    std::string text;                // as typed, without quotes or the leading '-'
    std::vector<std::string> tokens; // folded, as the index holds them
    bool phrase = false;             // typed in double quotes
    bool excluded = false;           // -word or -"phrase"
    bool prefix = false;             // the last word: its last token also matches as a prefix
};

struct SearchQuery {
    std::vector<SearchTerm> terms; // terms without any token are dropped

    bool hasPositiveTerm() const;
    // The query as it would be typed again (for corrected_query): words, "phrases", -exclusions.
    std::string display() const;
};

SearchQuery parseSearchQuery(std::string_view text, const SearchTokenizer& tokenizer);

// Which rows a query matches: all matches, or (the cheap first pass over a huge match set) only those with
// every positive term in the title.
enum class ColumnScope { All = 1, Title };

// How a prefix token is matched. FTS5's own prefix query merges the doclists of every word with that prefix,
// which over a million videos costs hundreds of milliseconds for a one- or two-letter prefix; expanding it to
// the most frequent indexed words that start with it (from the in-memory vocabulary) bounds that work.
struct PrefixCompletion {
    std::string term;
    int64_t doc_count = 0;
};
using PrefixExpander = std::function<std::vector<PrefixCompletion>(std::string_view prefix)>;
// Document frequency of one indexed token, -1 when unknown (the ranking function then counts it).
using DocCountLookup = std::function<int64_t(std::string_view token)>;

// A phrase's doc count that tells fc_bm25 to leave the phrase out of the score (it only filters).
inline constexpr int64_t kFilterOnlyPhrase = -2;

// What a positive term matches in a row's tokens, for marking it outside FTS5 (search_highlight.h): its
// tokens in order, the last of which is any of several words (a word, or a prefix's completions) or, for
// FTS5's native prefix query, any word starting with the one alternative.
struct MatchedPhrase {
    std::vector<std::string> tokens; // all but the last
    std::vector<std::string> last_alternatives;
    bool last_is_prefix = false;
};

struct FtsExpression {
    std::string text; // FTS5 MATCH text; empty when there is nothing to match
    // One per phrase in order of appearance: rows holding it, -1 unknown, kFilterOnlyPhrase.
    std::vector<int64_t> phrase_doc_counts;
    int64_t estimated_matches = -1; // an upper bound from the doc counts (-1: unknown)
    // How many rows match if the terms occur independently of each other (-1: unknown, or no
    // ExpressionOptions::document_count): decides whether a scan will reach the ranking cap at all.
    double expected_matches = -1;
    std::vector<MatchedPhrase> phrases; // the positive terms, in order
};

struct ExpressionOptions {
    ColumnScope scope = ColumnScope::All;
    const char* title_column = "title";
    PrefixExpander expand_prefix; // empty: FTS5's native prefix query
    DocCountLookup doc_count;     // empty: every count unknown
    int64_t document_count = 0;   // rows in the index (0: unknown)
    // Without completions a prefix token shorter than this matches as a whole word only (no vocabulary
    // loaded yet: a native one-letter prefix query is too costly). With a vocabulary, a prefix it cannot
    // complete belongs to words newer than it, which are few, so the native query is cheap.
    size_t min_native_prefix_chars = 1;
};

FtsExpression buildFtsExpression(const SearchQuery& query, const ExpressionOptions& options);

// "word" with embedded double quotes doubled: an FTS5 string, never syntax.
std::string ftsString(std::string_view text);

} // namespace fc::server::discovery
