#pragma once
// The search index's own tokenizer (FTS5 unicode61, remove_diacritics 2) for text outside the index: query
// words, logged queries, suggestion texts. Using SQLite's tokenizer rather than a second folding table means
// "is this word in the index" and "does this prefix match" fold case and accents exactly as the index did.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace fc::server::discovery {

// The tokenizer arguments of video_fts and channel_fts (server/store/sql/007_search.sql).
inline constexpr const char* kSearchTokenizerArgs = "remove_diacritics 2";

struct SearchToken {
    std::string text; // folded: lower case, accents removed
    size_t begin = 0; // byte offsets of the source text it came from
    size_t end = 0;
};

class SearchTokenizer {
public:
    // Opens a private in-memory SQLite connection to reach FTS5's tokenizer; valid() is false if that failed.
    SearchTokenizer();
    ~SearchTokenizer();
    SearchTokenizer(const SearchTokenizer&) = delete;
    SearchTokenizer& operator=(const SearchTokenizer&) = delete;

    bool valid() const { return m_tokenizer != nullptr; }

    // Every token of text, in order. Thread-safe (one tokenizer instance, used under a mutex: calls take
    // microseconds).
    std::vector<SearchToken> tokenize(std::string_view text) const;
    // The folded tokens joined by single spaces ("Big  Bück-Bunny!" -> "big buck bunny").
    std::string normalise(std::string_view text) const;

private:
    struct Module;
    sqlite3* m_db = nullptr;
    std::unique_ptr<Module> m_module;
    void* m_tokenizer = nullptr; // Fts5Tokenizer*
    mutable std::mutex m_mutex;
};

} // namespace fc::server::discovery
