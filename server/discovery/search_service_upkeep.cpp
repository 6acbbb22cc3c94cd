// SearchService's background thread: writes the queued search log, reloads the vocabulary when the index
// changed and the suggestion snapshot when the log or the index changed. Requests only swap in what it built.
#include <algorithm>
#include <chrono>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/discovery/search_service.h"

namespace fc::server::discovery {
namespace {

constexpr int64_t kTickMs = 500;
constexpr int64_t kMinRefreshMs = 1000;
constexpr int64_t kRefreshCostFactor = 10;       // at most ~10 % of one core on reloads
constexpr int64_t kSuggestionsMaxAgeMs = 60'000; // view counts change without the index changing
constexpr size_t kMaxVocabularyTerms = 300'000;
constexpr size_t kPopularQueries = 5'000;
constexpr size_t kPopularTitles = 20'000;
constexpr size_t kMaxPendingLog = 10'000;

int64_t nextAllowed(int64_t now_ms, int64_t took_ms) {
    return now_ms + std::max(kMinRefreshMs, kRefreshCostFactor * took_ms);
}

} // namespace

void SearchService::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void SearchService::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable())
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    flushLog(); // what was queued before the stop still counts
}

void SearchService::logSearch(SearchLogEntry entry) {
    std::lock_guard lock(m_mutex);
    if (m_pendingLog.size() < kMaxPendingLog)
        m_pendingLog.push_back(std::move(entry));
}

bool SearchService::flushLog() {
    std::vector<SearchLogEntry> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pendingLog);
    }
    if (batch.empty())
        return false;
    auto written =
        m_database.write([&](store::Connection& db) -> Result<void> { return insertSearchLog(db, batch); });
    if (!written)
        logWarn("search: could not write " + std::to_string(batch.size()) + " search log rows");
    return written.ok();
}

void SearchService::refreshVocabulary(int64_t version) {
    const int64_t started = steadyMillisNow();
    auto loaded =
        m_database.read([](store::Connection& db) { return loadVocabulary(db, kMaxVocabularyTerms); });
    if (!loaded) {
        m_nextVocabularyMs = nextAllowed(steadyMillisNow(), 1000);
        return;
    }
    const int64_t document_count = loaded->document_count;
    auto built = std::make_shared<const SearchVocabulary>(std::move(loaded->terms), document_count);
    const int64_t took = steadyMillisNow() - started;
    logInfo("search: vocabulary of " + std::to_string(built->size()) + " words over " +
            std::to_string(document_count) + " videos loaded in " + std::to_string(took) + " ms");
    {
        std::lock_guard lock(m_snapshotMutex);
        m_vocabulary = std::move(built);
    }
    m_vocabularyVersion = version;
    m_nextVocabularyMs = nextAllowed(steadyMillisNow(), took);
}

void SearchService::refreshSuggestions(bool reload_titles) {
    const int64_t started = steadyMillisNow();
    auto queries =
        m_database.read([](store::Connection& db) { return loadPopularQueries(db, kPopularQueries); });
    if (!queries) {
        m_nextSuggestionsMs = nextAllowed(steadyMillisNow(), 1000);
        return;
    }
    if (reload_titles || !m_titleEntries) {
        auto titles =
            m_database.read([](store::Connection& db) { return loadPopularTitles(db, kPopularTitles); });
        if (!titles) {
            m_nextSuggestionsMs = nextAllowed(steadyMillisNow(), 1000);
            return;
        }
        m_titleEntries = suggestionEntries(*titles, m_tokenizer);
    }
    auto built =
        std::make_shared<const SuggestionIndex>(suggestionEntries(*queries, m_tokenizer), m_titleEntries);
    {
        std::lock_guard lock(m_snapshotMutex);
        m_suggestions = std::move(built);
    }
    m_nextSuggestionsMs = nextAllowed(steadyMillisNow(), steadyMillisNow() - started);
}

void SearchService::run() {
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(kTickMs), [this] { return m_stopping; });
            if (m_stopping)
                return;
        }
        if (flushLog())
            m_logChanged = true;
        auto version = m_database.read([](store::Connection& db) { return searchIndexVersion(db); });
        if (!version)
            continue;
        const int64_t now = steadyMillisNow();
        if (*version != m_vocabularyVersion && now >= m_nextVocabularyMs)
            refreshVocabulary(*version);
        // Titles follow the index and, slowly, view counts; popular queries follow the log.
        const bool titles_stale =
            *version != m_titlesVersion || now - m_titlesLoadedMs >= kSuggestionsMaxAgeMs;
        if ((titles_stale || m_logChanged) && now >= m_nextSuggestionsMs) {
            m_logChanged = false;
            if (titles_stale) {
                m_titlesVersion = *version;
                m_titlesLoadedMs = now;
            }
            refreshSuggestions(titles_stale);
        }
    }
}

} // namespace fc::server::discovery
