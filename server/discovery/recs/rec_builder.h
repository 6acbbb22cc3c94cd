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

// What the last publish() did (the server's refresh log, the benchmark).
struct PublishStats {
    bool cf_full = false; // every collaborative-filtering row was recomputed
    size_t cf_rows = 0;   // rows recomputed because of new interactions (all, when cf_full)
    size_t cf_pair_updates = 0;
    size_t cf_stale_rows = 0;  // stale rows recomputed from the queue
    bool content_full = false; // TF-IDF recomputed for the whole catalogue
    size_t content_items = 0;  // items whose content neighbours were recomputed
    double cf_ms = 0, content_ms = 0, total_ms = 0;
};

class RecBuilder {
public:
    explicit RecBuilder(RecConfig config = {});
    ~RecBuilder();
    RecBuilder(const RecBuilder&) = delete;
    RecBuilder& operator=(const RecBuilder&) = delete;

    // Adds or replaces an item (indexes are dense: growing the index adds unknown, not-recommendable items).
    // Cheap when only the metadata changed (popularity, trending, recommendable, ...): the text is hashed and
    // the content neighbours are recomputed only when title, description, category or tags differ.
    void setItem(ItemIndex item, ItemFeatures features);
    // Folds interactions in (any users, any order); per (user, item) the largest weight counts.
    void addInteractions(std::span<const Interaction> interactions);

    std::shared_ptr<const RecIndex> publish();

    size_t itemCount() const;
    // Added by the model: collaborative-filtering rows queued as slightly stale, refreshed a bounded number
    // per publish() (RecConfig::stale_*_per_publish). 0, with RecConfig::popularity_change_threshold 0: the
    // last snapshot's neighbour lists equal a from-scratch build's.
    size_t pendingStaleItems() const;
    const PublishStats& lastPublishStats() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace fc::server::discovery::recs
