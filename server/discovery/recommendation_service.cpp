#include "server/discovery/recommendation_service.h"

#include <chrono>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/discovery/recs_model_keeper.h"

namespace fc::server::discovery {
namespace {

// The anonymous feed is ranked again at least this often, for freshness, even when the model did not change.
constexpr int64_t kAnonymousMaxAgeMs = 5 * 60 * 1000;
constexpr int64_t kAnonymousColdMaxAgeMs = 10 * 1000; // before the first model (it is seconds away)
// Related videos asked of the model beyond the limit, for those that turn out excluded or no longer listed.
constexpr size_t kRelatedSlack = 10;

std::string describe(const RecsRefreshStats& stats) {
    return std::to_string(stats.videos) + " videos set, " + std::to_string(stats.feedback) +
           " feedback rows, " + std::to_string(stats.trending) + " trending moves, " +
           std::to_string(stats.removed) + " removed; " + std::to_string(stats.listed) + " listed, " +
           std::to_string(stats.users) + " users; read " + std::to_string(stats.read_ms) + " ms, publish " +
           std::to_string(stats.publish_ms) + " ms, total " + std::to_string(stats.total_ms) + " ms (cpu " +
           std::to_string(stats.cpu_ms) + " ms)";
}

} // namespace

RecommendationService::RecommendationService(const ServerConfig& config, store::Database& database)
    : m_config(config), m_database(database), m_keeper(std::make_unique<RecsModelKeeper>(database)) {}

RecommendationService::~RecommendationService() {
    stop();
}

void RecommendationService::start() {
    if (m_thread.joinable())
        return;
    m_thread = std::thread([this] { run(); });
}

void RecommendationService::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void RecommendationService::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        refreshOnce();
        lock.lock();
        m_wake.wait_for(lock, std::chrono::seconds(m_config.recs_refresh_s), [this] { return m_stopping; });
    }
}

void RecommendationService::refreshOnce() {
    auto published = m_keeper->refresh(unixMillisNow());
    if (!published) {
        logWarn("recommendations: refresh failed: " + published.error().message);
        return;
    }
    const RecsRefreshStats& stats = m_keeper->lastStats();
    if (!*published)
        return;
    m_snapshot.store(*published);
    logInfo(std::string("recommendations: ") + (stats.full ? "model built" : "model refreshed") + ": " +
            describe(stats));
}

Result<std::pair<std::shared_ptr<const RecsFeedList>, uint64_t>>
RecommendationService::anonymousFeed(store::Connection& db,
                                     const std::shared_ptr<const RecsSnapshot>& snapshot, int64_t now_ms) {
    std::lock_guard lock(m_anonymous_mutex);
    const uint64_t generation = snapshot ? snapshot->generation : 0;
    const int64_t max_age_ms = snapshot ? kAnonymousMaxAgeMs : kAnonymousColdMaxAgeMs;
    if (m_anonymous && m_anonymous->generation == generation &&
        now_ms - m_anonymous->ranked_at_ms < max_age_ms && m_feeds.find(m_anonymous_id, std::nullopt, now_ms))
        return std::make_pair(m_anonymous, m_anonymous_id);
    auto ranked = rankFeed(db, snapshot.get(), RecsUserSignals{}, now_ms, kFeedDepth);
    if (!ranked)
        return ranked.error();
    m_anonymous = std::move(*ranked);
    m_anonymous_id = m_feeds.put(m_anonymous);
    return std::make_pair(m_anonymous, m_anonymous_id);
}

Result<RecommendationService::Page>
RecommendationService::recommendations(const std::optional<std::string>& user_id, size_t limit,
                                       const std::optional<std::string>& cursor_text) {
    std::optional<RecsFeedCursor> cursor;
    if (cursor_text) {
        cursor = decodeFeedCursor(*cursor_text);
        if (!cursor)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    const int64_t now_ms = unixMillisNow();
    const auto snapshot = m_snapshot.load();
    return m_database.read([&](store::Connection& db) -> Result<Page> {
        RecsUserSignals signals;
        if (user_id) {
            auto read = readRecsUserSignals(db, *user_id);
            if (!read)
                return read.error();
            signals = std::move(*read);
        }
        std::shared_ptr<const RecsFeedList> list;
        uint64_t list_id = 0;
        if (cursor) {
            list = m_feeds.find(cursor->list_id, user_id, now_ms);
            list_id = cursor->list_id;
        }
        if (!list && !user_id) {
            auto shared = anonymousFeed(db, snapshot, now_ms);
            if (!shared)
                return shared.error();
            std::tie(list, list_id) = std::move(*shared);
        } else if (!list) {
            auto ranked = rankFeed(db, snapshot.get(), signals, now_ms, kFeedDepth);
            if (!ranked)
                return ranked.error();
            (*ranked)->user_id = user_id;
            list = std::move(*ranked);
            list_id = m_feeds.put(list);
        }
        auto fill = fillPage(db, *list, cursor ? cursor->offset : 0, limit, feedExclusions(signals), user_id);
        if (!fill)
            return fill.error();
        Page page;
        page.items = std::move(fill->items);
        if (fill->next < list->items.size())
            page.next_cursor = encodeFeedCursor({list_id, fill->next});
        return page;
    });
}

Result<std::vector<RecsItem>> RecommendationService::related(const store::VideoRecord& video,
                                                             const std::optional<std::string>& viewer_id,
                                                             size_t limit) {
    const int64_t now_ms = unixMillisNow();
    const auto snapshot = m_snapshot.load();
    return m_database.read([&](store::Connection& db) -> Result<std::vector<RecsItem>> {
        std::vector<std::string> history;
        if (viewer_id) {
            auto read = readHistoryIds(db, *viewer_id);
            if (!read)
                return read.error();
            history = std::move(*read);
        }
        auto list = rankRelated(db, snapshot.get(), video, history, now_ms, limit + kRelatedSlack);
        if (!list)
            return list.error();
        std::unordered_set<std::string> excluded(history.begin(), history.end());
        excluded.insert(video.id);
        auto fill = fillPage(db, **list, 0, limit, excluded, viewer_id);
        if (!fill)
            return fill.error();
        return std::move(fill->items);
    });
}

} // namespace fc::server::discovery
