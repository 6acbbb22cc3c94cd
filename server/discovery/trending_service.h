#pragma once
// The trending side of discovery (docs/API.md §17). Engagement is counted into hourly buckets by SQL triggers
// in the writes themselves (008_trending.sql); this service's own thread recomputes the day/week/month
// rankings from the buckets every --trending-refresh-s seconds (and once at start): the buckets and the
// stored scores are read from one snapshot, and each window's changes (scores that moved by more than 0.1 %,
// videos that joined or left) are written in one write transaction. It also keeps the category counts the
// chips show. Requests only read what the last refresh wrote, so they never wait for one.
#include <array>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/util/result.h"
#include "server/config/server_config.h"
#include "server/discovery/trending_store.h"
#include "server/store/database.h"

namespace fc::server::discovery {

struct TrendingRefreshStats {
    size_t active_videos = 0;                             // listed videos with a bucket in the month window
    std::array<size_t, kTrendingWindowCount> ranked = {}; // videos ranked per window (day, week, month)
    size_t rows_written = 0;      // rows inserted, rewritten or deleted (changed scores only)
    int64_t read_ms = 0;          // reading and decaying the buckets, scoring
    int64_t write_ms = 0;         // writing the three windows' changes
    int64_t longest_write_ms = 0; // the longest of those three write transactions (the writer held)
    int64_t prune_ms = 0;         // deleting old buckets and share rows
    int64_t categories_ms = 0;    // counting the categories
};

class TrendingService {
public:
    TrendingService(const ServerConfig& config, store::Database& database)
        : m_config(config), m_database(database) {}
    ~TrendingService() { stop(); }
    TrendingService(const TrendingService&) = delete;
    TrendingService& operator=(const TrendingService&) = delete;

    void start();
    void stop();

    // One refresh as of now_ms, on the caller's thread (the service's thread runs it; so may a benchmark).
    Result<TrendingRefreshStats> refresh(int64_t now_ms);

    // The categories of listed videos as of the last refresh (counted now if none has finished yet).
    Result<std::vector<CategoryCount>> categories();

    static constexpr int kMaxCategories = 50;
    static constexpr size_t kRowsPerWrite = 4000; // per write transaction of a refresh

private:
    const ServerConfig& m_config;
    store::Database& m_database;

    std::thread m_thread;
    std::mutex m_mutex; // guards everything below
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::optional<std::vector<CategoryCount>> m_categories;
};

} // namespace fc::server::discovery
