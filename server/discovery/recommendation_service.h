#pragma once
// The recommendation side of discovery (docs/API.md §17): the home feed and related videos. Its own thread
// keeps the model (RecsModelKeeper: a full load at start, then every config.recs_refresh_s only what changed)
// and publishes snapshots; requests read the last one through an atomic shared_ptr and never wait for a
// refresh. Each request reads the user's signals fresh from the database, so a video watched a second ago is
// already excluded, and its page's videos as they are now.
#include <atomic>
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
#include "server/discovery/recs_feed_cache.h"
#include "server/discovery/recs_pages.h"
#include "server/store/database.h"

namespace fc::server::discovery {

class RecommendationService {
public:
    static constexpr size_t kFeedDepth = 500; // a feed's ranked list
    static constexpr size_t kMaxRelated = 50;

    struct Page {
        std::vector<RecsItem> items;
        std::optional<std::string> next_cursor;
    };

    RecommendationService(const ServerConfig& config, store::Database& database);
    ~RecommendationService();
    RecommendationService(const RecommendationService&) = delete;
    RecommendationService& operator=(const RecommendationService&) = delete;

    void start();
    void stop();

    // One page of the home feed (anonymous when user_id is empty). The error "invalid_cursor" for a cursor
    // this server did not hand out.
    Result<Page> recommendations(const std::optional<std::string>& user_id, size_t limit,
                                 const std::optional<std::string>& cursor);
    // Up to `limit` videos related to `video` (the caller checked that the viewer may see it).
    Result<std::vector<RecsItem>> related(const store::VideoRecord& video,
                                          const std::optional<std::string>& viewer_id, size_t limit);

    // The last published model; null before the first.
    std::shared_ptr<const RecsSnapshot> snapshot() const { return m_snapshot.load(); }

private:
    void run();
    void refreshOnce();
    // The anonymous feed is one list per model snapshot, shared by every anonymous reader.
    Result<std::pair<std::shared_ptr<const RecsFeedList>, uint64_t>>
    anonymousFeed(store::Connection& db, const std::shared_ptr<const RecsSnapshot>& snapshot, int64_t now_ms);

    const ServerConfig& m_config;
    store::Database& m_database;
    std::unique_ptr<RecsModelKeeper> m_keeper; // used by the refresh thread only
    std::atomic<std::shared_ptr<const RecsSnapshot>> m_snapshot;
    RecsFeedCache m_feeds;

    std::mutex m_anonymous_mutex;
    std::shared_ptr<const RecsFeedList> m_anonymous;
    uint64_t m_anonymous_id = 0;

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace fc::server::discovery
