#include "server/discovery/recs/eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace fc::server::discovery::recs {

double recallAtK(const std::vector<ItemIndex>& ranked, const std::unordered_set<ItemIndex>& relevant,
                 size_t k) {
    if (relevant.empty() || k == 0)
        return 0;
    size_t hits = 0;
    for (size_t p = 0; p < std::min(k, ranked.size()); ++p)
        hits += relevant.count(ranked[p]);
    return double(hits) / double(std::min(k, relevant.size()));
}

double ndcgAtK(const std::vector<ItemIndex>& ranked, const std::unordered_set<ItemIndex>& relevant,
               size_t k) {
    if (relevant.empty() || k == 0)
        return 0;
    double dcg = 0, ideal = 0;
    for (size_t p = 0; p < std::min(k, ranked.size()); ++p)
        if (relevant.count(ranked[p]))
            dcg += 1.0 / std::log2(double(p) + 2);
    for (size_t p = 0; p < std::min(k, relevant.size()); ++p)
        ideal += 1.0 / std::log2(double(p) + 2);
    return dcg / ideal;
}

} // namespace fc::server::discovery::recs
