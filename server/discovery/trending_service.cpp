#include "server/discovery/trending_service.h"

#include <algorithm>
#include <chrono>

#include "core/util/log.h"
#include "core/util/time.h"

namespace fc::server::discovery {

void TrendingService::start() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            lock.unlock();
            if (auto refreshed = refresh(unixMillisNow()); !refreshed)
                logWarn("trending: refresh failed: " + refreshed.error().message);
            lock.lock();
            m_wake.wait_for(lock, std::chrono::seconds(m_config.trending_refresh_s),
                            [this] { return m_stopping; });
        }
    });
}

void TrendingService::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Result<TrendingRefreshStats> TrendingService::refresh(int64_t now_ms) {
    TrendingRefreshStats stats;
    const int64_t started_ms = steadyMillisNow();
    const EngagementDecay decay(now_ms);
    // Read on a reader connection (one snapshot): writes go on meanwhile.
    struct Inputs {
        std::vector<VideoEngagement> engagement;
        std::array<std::unordered_map<std::string, double>, kTrendingWindowCount> stored;
    };
    auto inputs = m_database.read([&](store::Connection& db) -> Result<Inputs> {
        Inputs read;
        auto engagement = readListedEngagement(db, decay);
        if (!engagement)
            return engagement.error();
        read.engagement = std::move(engagement).value();
        for (TrendingWindow window : kTrendingWindows) {
            auto stored = readStoredScores(db, window);
            if (!stored)
                return stored.error();
            read.stored[trendingWindowIndex(window)] = std::move(stored).value();
        }
        return read;
    });
    if (!inputs)
        return inputs.error();
    stats.active_videos = inputs->engagement.size();
    std::array<TrendingChanges, kTrendingWindowCount> changes;
    for (TrendingWindow window : kTrendingWindows) {
        const size_t w = trendingWindowIndex(window);
        const std::vector<TrendingScore> scores = scoreTrendingWindow(inputs->engagement, window);
        stats.ranked[w] = scores.size();
        changes[w] = diffTrendingScores(std::move(inputs->stored[w]), scores);
    }
    const int64_t computed_ms = steadyMillisNow();
    stats.read_ms = computed_ms - started_ms;

    // Write transactions of at most kRowsPerWrite rows: the one writer is never held long, so a like or a
    // comment never waits behind a refresh for more than a few tens of milliseconds (a window's changes in
    // one transaction held it ~0.7 s at 100,000 active videos). Requests may meanwhile page through a ranking
    // half rewritten; the window's refresh time is recorded with its last batch.
    for (TrendingWindow window : kTrendingWindows) {
        std::vector<TrendingChanges> batches =
            splitTrendingChanges(std::move(changes[trendingWindowIndex(window)]), kRowsPerWrite);
        for (size_t b = 0; b < batches.size(); ++b) {
            const int64_t batch_started_ms = steadyMillisNow();
            auto written = m_database.write([&](store::Connection& db) {
                return writeTrendingChanges(db, window, batches[b], now_ms, b + 1 == batches.size());
            });
            if (!written)
                return written.error();
            stats.rows_written += *written;
            stats.longest_write_ms = std::max(stats.longest_write_ms, steadyMillisNow() - batch_started_ms);
        }
    }
    const int64_t written_ms = steadyMillisNow();
    stats.write_ms = written_ms - computed_ms;
    if (auto pruned = m_database.write([&](store::Connection& db) { return pruneEngagement(db, now_ms); });
        !pruned)
        return pruned.error();
    const int64_t pruned_ms = steadyMillisNow();
    stats.prune_ms = pruned_ms - written_ms;
    auto counted =
        m_database.read([](store::Connection& db) { return countListedCategories(db, kMaxCategories); });
    if (!counted)
        return counted.error();
    {
        std::lock_guard lock(m_mutex);
        m_categories = std::move(counted).value();
    }
    stats.categories_ms = steadyMillisNow() - pruned_ms;
    logDebug("trending: ranked " + std::to_string(stats.ranked[0]) + "/" + std::to_string(stats.ranked[1]) +
             "/" + std::to_string(stats.ranked[2]) + " videos (day/week/month) of " +
             std::to_string(stats.active_videos) + " active, " + std::to_string(stats.rows_written) +
             " rows written; read " + std::to_string(stats.read_ms) + " ms, write " +
             std::to_string(stats.write_ms) + " ms, prune " + std::to_string(stats.prune_ms) +
             " ms, categories " + std::to_string(stats.categories_ms) + " ms");
    return stats;
}

Result<std::vector<CategoryCount>> TrendingService::categories() {
    {
        std::lock_guard lock(m_mutex);
        if (m_categories)
            return *m_categories;
    }
    return m_database.read([](store::Connection& db) { return countListedCategories(db, kMaxCategories); });
}

} // namespace fc::server::discovery
