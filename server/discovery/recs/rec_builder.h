#pragma once
// Builds the recommendation model incrementally, on one thread (the server's refresh thread, or the
// evaluation): items and interactions are added as they come, and publish() makes an immutable RecIndex that
// shares every part the additions since the last publish() did not touch, so a refresh costs what changed,
// not the catalogue.
#include <memory>
#include <span>

#include "server/discovery/recs/rec_index.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

class RecBuilder {
public:
    explicit RecBuilder(RecConfig config = {});
    ~RecBuilder();
    RecBuilder(const RecBuilder&) = delete;
    RecBuilder& operator=(const RecBuilder&) = delete;

    // Adds or replaces an item (indexes are dense: growing the index adds unknown, not-recommendable items).
    void setItem(ItemIndex item, ItemFeatures features);
    // Folds interactions in (any users, any order); per (user, item) the largest weight counts.
    void addInteractions(std::span<const Interaction> interactions);

    std::shared_ptr<const RecIndex> publish();

    size_t itemCount() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace fc::server::discovery::recs
