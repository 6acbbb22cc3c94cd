#pragma once
// Item-to-item collaborative filtering state of RecBuilder: who watched what (the largest weight per user and
// item), and which items' neighbour lists (rows) the interactions since the last refresh made out of date.
//
// Row j depends on the users of j, on those users' recent items (the window,
// RecConfig::max_user_items_for_cf) and total weights, and on each neighbour's own weight (the popularity
// penalty / cosine norm). A new or raised (u, i) therefore
// - recomputes row i at the next refresh (dirty);
// - updates, in the rows of u's recent items, the one entry for i (computed exactly from the two items' user
//   lists), so "watched together" reflects it at once;
// - queues the rows of all of u's items as stale (u's total weight and window moved, which rescales them a
//   little), and, once i's total weight moved by RecConfig::popularity_change_threshold, the rows of every
//   item sharing a user with i.
// Stale rows are recomputed RecConfig::stale_refresh_per_publish per refresh, oldest first, so a refresh
// costs what changed plus a bounded amount, and the model converges to the from-scratch one. A burst too
// large for targeted updates (a first build) recomputes every row instead.
#include <cstdint>
#include <utility>
#include <vector>

#include "server/discovery/recs/block_array.h"
#include "server/discovery/recs/rec_index_data.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

struct CfRefreshStats {
    bool full = false;
    size_t rows_recomputed = 0; // dirty rows, or all of them when full
    size_t pair_updates = 0;
    size_t stale_recomputed = 0;
};

class CfModel {
public:
    explicit CfModel(const RecConfig& config) : m_config(config) {}

    void add(const Interaction& interaction);
    // Brings lists (resized to item_count) up to date as described above.
    CfRefreshStats refresh(BlockArray<NeighbourList>& lists, size_t item_count);

    size_t userCount() const { return m_user_count; }
    size_t itemCount() const { return m_item_users.size(); }
    size_t pendingStale() const { return m_stale_count; }

private:
    struct UserEntry {
        ItemIndex item = 0;
        float weight = 0;
        int64_t at_ms = 0;
    };
    struct ItemUser {
        UserIndex user = 0;
        float weight = 0;
    };

    NeighbourList computeRow(ItemIndex item); // within one refresh (user window weights are cached)
    void updateScale(ItemIndex item);
    float pairScore(ItemIndex row, ItemIndex neighbour);
    float finalScore(ItemIndex row, ItemIndex neighbour, double accumulated) const;
    bool inWindow(UserIndex user, ItemIndex item) const;
    void upsert(NeighbourList& row, Neighbour neighbour) const;
    void ensureItem(ItemIndex item);
    void markDirty(ItemIndex item);
    void markStale(ItemIndex item);
    void markStaleAround(ItemIndex item);
    double windowWeight(UserIndex user);
    void rebuildAll(BlockArray<NeighbourList>& lists, CfRefreshStats& stats);

    const RecConfig& m_config;
    std::vector<std::vector<UserEntry>> m_user_items; // per user, newest first (ties: item ascending)
    std::vector<uint32_t> m_user_positive;            // per user: entries with a positive weight
    std::vector<std::vector<ItemUser>> m_item_users;  // per item: its users with positive weights, by user
    std::vector<double> m_item_weight;                // per item: sum of its positive weights
    std::vector<double> m_item_norm2;                 // per item: sum of squared positive weights
    std::vector<double> m_item_scale;        // per item: 1 / weight^beta (RP3beta) or its norm (cosine)
    std::vector<double> m_weight_propagated; // per item: m_item_weight when its two hops were last queued
    size_t m_user_count = 0;

    bool m_built = false;
    bool m_rebuild_all = false;
    std::vector<ItemIndex> m_dirty;
    std::vector<uint8_t> m_dirty_flag;
    std::vector<std::pair<ItemIndex, ItemIndex>> m_pair_updates; // (row, neighbour)
    std::vector<ItemIndex> m_popularity_moved; // items whose weight changed since the refresh
    std::vector<uint8_t> m_moved_flag;
    std::vector<uint8_t> m_stale_flag;
    size_t m_stale_count = 0;
    ItemIndex m_stale_cursor = 0; // the sweep over stale rows goes on from here (item order: block locality)

    // Scratch for computeRow.
    std::vector<double> m_acc;
    std::vector<ItemIndex> m_touched;
    std::vector<double>
        m_user_window_weight; // per refresh: the user's window weight, or < 0 when not computed
    std::vector<UserIndex> m_window_cached;
    size_t m_work = 0; // user-item visits of computeRow since the refresh began (the stale budget)
};

} // namespace fc::server::discovery::recs
