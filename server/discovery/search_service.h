#pragma once
// The search side of discovery (docs/API.md §17): video and channel search over the FTS5 indexes, spelling
// correction, suggestions, and the search log.
//
// State kept between requests lives here and is refreshed by the service's own thread, never by a request:
// the vocabulary (document frequencies, prefix completions, the trigram index for corrections) is reloaded
// when the index changed, at most every max(1 s, 10 x the last load's duration), and the suggestion snapshot
// (popular queries, popular titles) when the log or the index changed. Logged searches are queued and written
// by that thread in batches, so a search never waits for the database writer.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/util/result.h"
#include "server/config/server_config.h"
#include "server/discovery/search_highlight.h"
#include "server/discovery/search_repository.h"
#include "server/discovery/search_suggestions.h"
#include "server/discovery/search_tokenizer.h"
#include "server/discovery/search_vocabulary.h"
#include "server/store/channel_repository.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"

namespace fc::server::discovery {

enum class SearchType { Video = 1, Channel };
enum class SearchSort { Relevance = 1, Date, Views, Rating };

// How deep a search reads (docs/API.md §17), and how many matches are ranked at most: a query matching more
// (only common words) ranks the newest kRankedCandidates of its matches that hold every word in the title,
// then, if there are not enough of those, the newest other matches (sorted by date: the newest matches).
inline constexpr size_t kMaxSearchDepth = 500;
inline constexpr size_t kRankedCandidates = 1000;

struct SearchRequest {
    std::string q;
    SearchType type = SearchType::Video;
    SearchSort sort = SearchSort::Relevance;
    VideoFilters filters; // videos only
    size_t offset = 0;
    size_t limit = 20;
};

struct VideoHit {
    store::VideoRecord video;
    double score = 0;
    SearchHighlights highlights;
};

struct ChannelHit {
    store::ChannelRecord channel;
    double score = 0;
    SearchHighlights highlights;
};

struct SearchResult {
    std::vector<VideoHit> videos;
    std::vector<ChannelHit> channels;
    std::optional<size_t> next_offset;
    std::optional<std::string> corrected_query;
    int64_t estimated_total = 0;
    std::string searched; // the normalised query that was searched (after correction), for the log
};

// Wilson score interval's lower bound (95 %) of the share of likes among ratings; 0 without ratings.
double wilsonLowerBound(int64_t likes, int64_t dislikes);

class SearchService {
public:
    SearchService(const ServerConfig& config, store::Database& database);
    ~SearchService();
    SearchService(const SearchService&) = delete;
    SearchService& operator=(const SearchService&) = delete;

    void start();
    void stop();

    Result<SearchResult> search(const SearchRequest& request);
    std::vector<Suggestion> suggest(std::string_view q, size_t limit) const;
    // Queues a search for the log (dropped when the queue is full: the log only feeds suggestions).
    void logSearch(SearchLogEntry entry);

private:
    struct VideoMatches {
        // The ranked matches' videos; by relevance without filters only the best ones the page needs.
        std::vector<VideoCandidate> candidates;
        size_t ranked = 0; // how many matches were ranked
        bool capped = false;
        std::vector<MatchedPhrase> phrases; // the positive terms, for highlights
    };
    Result<VideoMatches> matchVideos(store::Connection& db, const SearchQuery& query,
                                     const SearchRequest& request,
                                     const std::shared_ptr<const SearchVocabulary>& vocabulary) const;
    Result<std::optional<SearchQuery>> correctQuery(store::Connection& db, const SearchQuery& query,
                                                    const SearchVocabulary& vocabulary) const;
    Result<SearchResult> searchVideos(store::Connection& db, const SearchRequest& request,
                                      const SearchQuery& query) const;
    Result<SearchResult> searchChannels(store::Connection& db, const SearchRequest& request,
                                        const SearchQuery& query) const;
    ExpressionOptions videoExpressionOptions(const std::shared_ptr<const SearchVocabulary>& vocabulary) const;
    std::shared_ptr<const SearchVocabulary> vocabulary() const;

    void run();
    bool flushLog();
    void refreshVocabulary(int64_t version);
    void refreshSuggestions(bool reload_titles);

    const ServerConfig& m_config;
    store::Database& m_database;
    SearchTokenizer m_tokenizer;

    mutable std::mutex m_snapshotMutex; // guards the two pointers only
    std::shared_ptr<const SearchVocabulary> m_vocabulary;
    std::shared_ptr<const SuggestionIndex> m_suggestions;

    std::mutex m_mutex; // the log queue and the thread's state
    std::condition_variable m_wake;
    std::vector<SearchLogEntry> m_pendingLog;
    bool m_stopping = false;
    std::thread m_thread;

    // Background thread only.
    int64_t m_vocabularyVersion = -1;
    int64_t m_titlesVersion = -1;
    int64_t m_titlesLoadedMs = 0;
    int64_t m_nextVocabularyMs = 0;
    int64_t m_nextSuggestionsMs = 0;
    bool m_logChanged = true;
    SuggestionEntries m_titleEntries;
};

} // namespace fc::server::discovery
