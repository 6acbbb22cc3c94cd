#pragma once
// An immutable snapshot of the recommendation model: answers queries from any number of threads at once
// without locks. RecBuilder::publish() makes them; the server swaps a std::shared_ptr<const RecIndex> so a
// request always reads one whole model while the next one is being made.
#include <memory>
#include <utility>
#include <vector>

#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

struct RecIndexData; // defined by rec_builder.cpp / rec_index.cpp; shares unchanged parts between snapshots

class RecIndex {
public:
    explicit RecIndex(std::shared_ptr<const RecIndexData> data);

    // The home feed: hybrid scoring, never an item in query.history or query.exclude or a not-recommendable
    // one, re-ranked by MMR with the per-channel cap and freshness. With an empty history it is the cold
    // start (trending, popular, fresh; subscriptions still count).
    std::vector<Recommendation> recommend(const UserQuery& query) const;
    // Related to one item: watched together, similar content, same channel; never the item itself.
    std::vector<Recommendation> related(const RelatedQuery& query) const;

    size_t itemCount() const;
    size_t userCount() const;

    // Added by the model: the item-to-item lists behind the answers (best first; tests and diagnostics).
    std::vector<std::pair<ItemIndex, float>> watchedTogether(ItemIndex item) const;
    std::vector<std::pair<ItemIndex, float>> similarContent(ItemIndex item) const;
    const RecIndexData& data() const;

private:
    std::shared_ptr<const RecIndexData> m_data;
};

} // namespace fc::server::discovery::recs
