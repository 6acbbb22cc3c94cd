#pragma once
// The ranked lists behind the home feed's pages (docs/API.md §17: every page of one feed comes from one list
// of at most 500). Page 1 ranks a list and keeps it here under a random id; the cursor is that id and the
// position reached, so later pages read the same list even when the model refreshed in between. Lists are
// dropped least recently used first (kCapacity) or after kTtlMs; a cursor whose list is gone (or a restart)
// gets a new list ranked from the current model, read from the same position — the one case where a page may
// repeat or miss a few videos.
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/discovery/recs/rec_types.h"
#include "server/discovery/recs_id_table.h"

namespace fc::server::discovery {

struct RecsFeedList {
    std::optional<std::string> user_id; // whose feed (nullopt: the anonymous one)
    std::vector<recs::Recommendation> items;
    std::shared_ptr<const RecsIdTable> videos; // maps the items' indexes to video ids
    uint64_t generation = 0;                   // of the model it was ranked by (0: none yet)
    int64_t ranked_at_ms = 0;
};

struct RecsFeedCursor {
    uint64_t list_id = 0;
    size_t offset = 0; // the next position in the list to read
};

std::string encodeFeedCursor(const RecsFeedCursor& cursor);
std::optional<RecsFeedCursor> decodeFeedCursor(std::string_view text); // nullopt when malformed

class RecsFeedCache {
public:
    static constexpr size_t kCapacity = 2048; // ~8 KB each at 500 items
    static constexpr int64_t kTtlMs = 60 * 60 * 1000;

    uint64_t put(std::shared_ptr<const RecsFeedList> list);
    // The list if it is still here, belongs to this user and is not too old.
    std::shared_ptr<const RecsFeedList> find(uint64_t list_id, const std::optional<std::string>& user_id,
                                             int64_t now_ms);

private:
    struct Entry {
        std::shared_ptr<const RecsFeedList> list;
        std::list<uint64_t>::iterator order;
    };
    std::mutex m_mutex;
    std::mt19937_64 m_random{std::random_device{}()};
    std::list<uint64_t> m_order; // most recently used first
    std::unordered_map<uint64_t, Entry> m_entries;
};

} // namespace fc::server::discovery
