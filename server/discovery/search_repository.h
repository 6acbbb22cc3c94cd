#pragma once
// The search tables' SQL (server/store/sql/007_search.sql): candidate scans over the FTS5 indexes,
// highlights, the vocabulary, the search log and what suggestions are made of.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/search_highlight.h"
#include "server/discovery/search_query.h"
#include "server/discovery/search_vocabulary.h"
#include "server/store/database.h"

namespace fc::server::discovery {

// Column weights of relevance (docs/API.md §17), in index column order.
inline constexpr const char* kVideoColumnWeights = "3 2 1.5 1"; // title, tags, channel name, description
inline constexpr const char* kChannelColumnWeights = "3 2 1";   // name, handle, description

struct VideoFilters {
    std::optional<int64_t> min_duration_ms; // inclusive
    std::optional<int64_t> max_duration_ms; // inclusive
    std::optional<int64_t> published_after_ms;
    std::optional<std::string> category; // case-insensitive
};

struct VideoCandidate {
    int64_t doc_id = 0;
    std::string video_id;
    double score = 0;
    int64_t view_count = 0;
    int64_t published_at_ms = 0;
    int64_t like_count = 0;
    int64_t dislike_count = 0;
};

struct ScoredDoc {
    int64_t doc_id = 0;
    double score = 0; // fc_bm25
};

// Which doc ids a scan reads (inclusive) and in which order. Newest first is what a scan stopped at a cap
// must use to keep the newest matches, but FTS5 walks its doclists backwards at two to three times the cost
// of forwards when common words are intersected (over a million videos), so the service reads windows of the
// newest doc ids forwards where it can (SearchService::matchVideos).
struct ScanRange {
    int64_t low = std::numeric_limits<int64_t>::min();
    int64_t high = std::numeric_limits<int64_t>::max();
    bool newest_first = true;
};

// The cheap pass: matches of expression in range with their relevance, straight from the index (no other
// table), until `out` holds `limit`; doc ids in `seen` are skipped and added. Returns whether the limit was
// reached.
Result<bool> scanMatches(store::Connection& db, const FtsExpression& expression, size_t limit,
                         const ScanRange& range, std::vector<ScoredDoc>& out,
                         std::unordered_set<int64_t>& seen);
// The highest doc id in the video index (0 when empty).
Result<int64_t> lastVideoDocId(store::Connection& db);
// The videos behind these docs with what sorting needs (from the index's copies), in no particular order.
Result<std::vector<VideoCandidate>> videoCandidatesOf(store::Connection& db,
                                                      const std::vector<ScoredDoc>& docs);

// Appends videos matching expression and filters, most recently indexed first, until `out` holds
// `limit` candidates; doc ids in `seen` are skipped and added. Returns whether the limit was reached (more
// matches may exist). Rows are read lazily, so stopping early costs nothing more.
Result<bool> scanVideoCandidates(store::Connection& db, const FtsExpression& expression,
                                 const VideoFilters& filters, size_t limit, std::vector<VideoCandidate>& out,
                                 std::unordered_set<int64_t>& seen);

// Whether anything in the video index matches (a word's presence, for spelling correction).
Result<bool> videoIndexMatches(store::Connection& db, const std::string& match);

struct ChannelCandidate {
    int64_t doc_id = 0;
    std::string channel_id;
    double score = 0;
    int64_t subscriber_count = 0;
    int64_t created_at_ms = 0;
};
Result<bool> scanChannelCandidates(store::Connection& db, const FtsExpression& expression, size_t limit,
                                   std::vector<ChannelCandidate>& out);

// The highlights of these channel rows, in one statement (rows that no longer match are left out). Video
// results are marked without the index (search_highlight.h).
Result<std::unordered_map<int64_t, SearchHighlights>>
channelHighlights(store::Connection& db, const std::string& match, const std::vector<int64_t>& doc_ids);

// The video index's words, the most widespread max_terms of them, and how many videos it holds.
struct VocabularySnapshot {
    std::vector<VocabularyTerm> terms;
    int64_t document_count = 0;
};
Result<VocabularySnapshot> loadVocabulary(store::Connection& db, size_t max_terms);
// Changes whenever either index changes.
Result<int64_t> searchIndexVersion(store::Connection& db);

struct SearchLogEntry {
    std::string query; // normalised
    int64_t result_count = 0;
    std::string searcher; // "u:<user id>" or "a:<address>"
    int64_t created_at_ms = 0;
};
Result<void> insertSearchLog(store::Connection& db, const std::vector<SearchLogEntry>& entries);

struct WeightedText {
    std::string text;
    int64_t weight = 0;
};
// Queries searched by at least two different searchers that found something, most searched first.
Result<std::vector<WeightedText>> loadPopularQueries(store::Connection& db, size_t limit);
// Titles of listed videos, most viewed first.
Result<std::vector<WeightedText>> loadPopularTitles(store::Connection& db, size_t limit);

} // namespace fc::server::discovery
