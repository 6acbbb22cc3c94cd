#pragma once
// What a RecIndex snapshot holds. Per-item state lives in BlockArrays, so consecutive snapshots share every
// block of 256 items that the changes between them did not touch.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "server/discovery/recs/block_array.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

struct ItemMeta {
    ChannelIndex channel = 0;
    int64_t published_at_ms = 0;
    float popularity = 0;
    bool trending = false;
    bool recommendable = false; // unknown items (indexes grown past) are not
};

struct Neighbour {
    ItemIndex item = 0;
    float score = 0;
};
using NeighbourList = std::vector<Neighbour>; // best first

// Best first: higher score, then lower item (deterministic).
inline bool betterNeighbour(const Neighbour& a, const Neighbour& b) {
    return a.score != b.score ? a.score > b.score : a.item < b.item;
}

// Keeps the best `keep` of a list, sorted: a selection first, so a long list costs linear time.
inline void topK(NeighbourList& list, size_t keep) {
    keep = std::min(keep, list.size());
    if (keep < list.size())
        std::nth_element(list.begin(), list.begin() + ptrdiff_t(keep), list.end(), betterNeighbour);
    list.resize(keep);
    std::sort(list.begin(), list.end(), betterNeighbour);
}

struct RecIndexData {
    RecConfig config;
    BlockArray<ItemMeta> items;
    BlockArray<NeighbourList> cf;      // item-to-item collaborative filtering, config.cf_method
    BlockArray<NeighbourList> content; // TF-IDF cosine
    BlockArray<std::vector<ItemIndex>> channel_items; // per channel, recommendable items, newest first
    // Cold start: the best recommendable items by popularity (trending first), and the newest ones.
    std::shared_ptr<const std::vector<ItemIndex>> popular;
    std::shared_ptr<const std::vector<ItemIndex>> fresh;
    float max_popularity = 0;
    size_t user_count = 0;
};

} // namespace fc::server::discovery::recs
