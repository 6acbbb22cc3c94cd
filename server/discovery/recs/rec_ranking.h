#pragma once
// The last step of recommend() and related(): MMR re-ranking of a scored pool with the per-channel cap.
#include <optional>
#include <vector>

#include "server/discovery/recs/rec_index_data.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

struct PoolEntry {
    ItemIndex item = 0;
    float score = 0;
    ReasonKind reason = ReasonKind::Popular;
    std::optional<ItemIndex> because_of;
};

// Picks up to `count` of `pool` (any order). With config.rerank: maximal marginal relevance — each next pick
// maximises lambda x score / best score - (1 - lambda) x its largest content similarity to an item already
// picked (read from the picked items' content neighbour lists: pairs outside them count as 0) — and never
// more than config.max_per_channel_per_20 of one channel in any 20 consecutive picks, as long as any
// candidate allows it (when none does, the best remaining one is taken rather than ending the list). Without:
// score order.
std::vector<Recommendation> diversify(std::vector<PoolEntry> pool, size_t count, const RecIndexData& data);

} // namespace fc::server::discovery::recs
