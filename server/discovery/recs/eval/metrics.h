#pragma once
// Top-k ranking metrics with binary relevance.
#include <cstddef>
#include <unordered_set>
#include <vector>

#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

// Hits in the first k of `ranked` divided by min(k, |relevant|), so a perfect list scores 1 even when there
// are more than k relevant items. 0 when nothing is relevant.
double recallAtK(const std::vector<ItemIndex>& ranked, const std::unordered_set<ItemIndex>& relevant,
                 size_t k);

// DCG of the first k (a hit at position p, from 0, counts 1 / log2(p + 2)) over the DCG of a perfect list of
// min(k, |relevant|) hits.
double ndcgAtK(const std::vector<ItemIndex>& ranked, const std::unordered_set<ItemIndex>& relevant, size_t k);

} // namespace fc::server::discovery::recs
