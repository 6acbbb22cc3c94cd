#pragma once
// The content signal's state in RecBuilder: TF-IDF vectors of the items' text and an inverted index whose
// postings are kept strongest first, so an item's neighbours are found by reading the top postings of its top
// terms (never all pairs).
//
// Incremental: an item whose text changed gets a new vector (with the current IDF) and neighbour list, and is
// inserted into (or removed from) the lists of its neighbours. IDF drifts as the catalogue grows; everything
// is recomputed once the catalogue has grown by kRebuildGrowth since the last full build, or when more than a
// fifth of it changed at once.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/discovery/recs/block_array.h"
#include "server/discovery/recs/rec_index_data.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

class ContentModel {
public:
    static constexpr double kRebuildGrowth = 1.2;

    explicit ContentModel(const RecConfig& config) : m_config(config) {}

    void setText(ItemIndex item, const ItemFeatures& features);
    // Returns how many items got a new neighbour list; *full tells whether that was a full build.
    size_t refresh(BlockArray<NeighbourList>& lists, size_t item_count, bool* full = nullptr);

    // The cosine of two items' current vectors (0 when either has none).
    float cosine(ItemIndex a, ItemIndex b) const;

private:
    struct TermWeight {
        uint32_t term = 0;
        float weight = 0;
    };
    struct Posting {
        ItemIndex item = 0;
        float weight = 0;
    };
    using Vector = std::vector<TermWeight>; // by term

    void ensureItem(ItemIndex item);
    Vector vectorize(const Vector& raw) const;
    void addPostings(ItemIndex item);
    void removePostings(ItemIndex item);
    NeighbourList neighboursOf(ItemIndex item);
    void fullBuild(BlockArray<NeighbourList>& lists);
    void insertInto(NeighbourList& list, Neighbour neighbour) const;

    const RecConfig& m_config;
    std::unordered_map<std::string, uint32_t> m_term_ids;
    std::vector<uint32_t> m_df;                   // per term: items whose text has it
    std::vector<Vector> m_raw;                    // per item: boosted term frequencies
    std::vector<Vector> m_vectors;                // per item: normalised TF-IDF as of its last computation
    std::vector<std::vector<Posting>> m_postings; // per term, strongest first
    size_t m_items_with_text = 0;
    size_t m_items_at_full_build = 0;
    bool m_built = false;

    std::vector<ItemIndex> m_dirty;
    std::vector<uint8_t> m_dirty_flag;
    std::vector<float> m_acc;
    std::vector<ItemIndex> m_touched;
};

} // namespace fc::server::discovery::recs
