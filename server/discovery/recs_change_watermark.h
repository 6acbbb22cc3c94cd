#pragma once
// How far the recommendation model has read one kind of change (video rows, history rows, ratings) by their
// timestamp column. A writer stamps a row before it commits, so a row stamped a little earlier than one
// already read may still appear: every read starts kOverlapMs before the newest stamp seen, and rows re-read
// inside that window with the stamp they were applied at are recognised by key and skipped.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "server/discovery/recs_repository.h"

namespace fc::server::discovery {

class RecsChangeWatermark {
public:
    static constexpr int64_t kOverlapMs = 5000;

    // The stamp to read after.
    int64_t readFrom() const { return m_newest == kFromTheStart ? kFromTheStart : m_newest - kOverlapMs; }

    // A row read by a full load: moves the watermark, remembers no key (the next incremental read applies the
    // overlap window's rows once more, which the model takes as no change).
    void seen(int64_t stamp) { m_newest = std::max(m_newest, stamp); }

    // Whether the row (key, stamp) is news, remembering it while it is inside the window.
    bool take(const std::string& key, int64_t stamp) {
        seen(stamp);
        const auto [it, added] = m_recent.try_emplace(key, stamp);
        if (!added) {
            if (it->second == stamp)
                return false;
            it->second = stamp;
        }
        return true;
    }

    // Forgets keys that fell out of the window.
    void prune() {
        const int64_t from = readFrom();
        std::erase_if(m_recent, [from](const auto& entry) { return entry.second <= from; });
    }

private:
    int64_t m_newest = kFromTheStart;
    std::unordered_map<std::string, int64_t> m_recent;
};

} // namespace fc::server::discovery
