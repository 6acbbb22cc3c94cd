#include "server/discovery/recs/content_model.h"

#include <algorithm>
#include <cmath>

#include "server/discovery/recs/text_features.h"

namespace fc::server::discovery::recs {

void ContentModel::ensureItem(ItemIndex item) {
    if (item < m_raw.size())
        return;
    const size_t size = size_t(item) + 1;
    m_raw.resize(size);
    m_vectors.resize(size);
    m_dirty_flag.resize(size, 0);
    m_acc.resize(size, 0);
}

void ContentModel::setText(ItemIndex item, const ItemFeatures& features) {
    ensureItem(item);
    Vector raw;
    for (const auto& [term, frequency] : weightedTerms(features)) {
        const auto [it, inserted] = m_term_ids.emplace(term, uint32_t(m_df.size()));
        if (inserted) {
            m_df.push_back(0);
            m_postings.emplace_back();
        }
        raw.push_back(TermWeight{it->second, frequency});
    }
    std::sort(raw.begin(), raw.end(),
              [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
    auto& old = m_raw[item];
    if (old.empty() != raw.empty())
        m_items_with_text += raw.empty() ? size_t(-1) : 1;
    for (const auto& tw : old)
        --m_df[tw.term];
    for (const auto& tw : raw)
        ++m_df[tw.term];
    old = std::move(raw);
    if (!m_dirty_flag[item]) {
        m_dirty_flag[item] = 1;
        m_dirty.push_back(item);
    }
}

ContentModel::Vector ContentModel::vectorize(const Vector& raw) const {
    Vector out;
    out.reserve(raw.size());
    double norm2 = 0;
    const double n = double(std::max<size_t>(m_items_with_text, 1));
    for (const auto& tw : raw) {
        const double idf = std::log(1.0 + n / std::max<uint32_t>(m_df[tw.term], 1));
        const double weight = std::log1p(tw.weight) * idf;
        norm2 += weight * weight;
        out.push_back(TermWeight{tw.term, float(weight)});
    }
    const double norm = std::sqrt(norm2);
    for (auto& tw : out)
        tw.weight = norm > 0 ? float(tw.weight / norm) : 0.0f;
    return out;
}

void ContentModel::addPostings(ItemIndex item) {
    for (const auto& tw : m_vectors[item]) {
        auto& postings = m_postings[tw.term];
        const auto at = std::upper_bound(postings.begin(), postings.end(), tw.weight,
                                         [](float weight, const Posting& p) { return weight > p.weight; });
        postings.insert(at, Posting{item, tw.weight});
    }
}

void ContentModel::removePostings(ItemIndex item) {
    for (const auto& tw : m_vectors[item]) {
        auto& postings = m_postings[tw.term];
        const auto at =
            std::find_if(postings.begin(), postings.end(), [&](const Posting& p) { return p.item == item; });
        if (at != postings.end())
            postings.erase(at);
    }
}

NeighbourList ContentModel::neighboursOf(ItemIndex item) {
    Vector terms = m_vectors[item];
    const size_t used = std::min(terms.size(), m_config.content_max_terms);
    std::partial_sort(terms.begin(), terms.begin() + used, terms.end(),
                      [](const TermWeight& a, const TermWeight& b) { return a.weight > b.weight; });
    for (size_t t = 0; t < used; ++t) {
        const auto& postings = m_postings[terms[t].term];
        const size_t read = std::min(postings.size(), m_config.content_max_postings);
        for (size_t p = 0; p < read; ++p) {
            const ItemIndex other = postings[p].item;
            if (other == item)
                continue;
            if (m_acc[other] == 0)
                m_touched.push_back(other);
            m_acc[other] += terms[t].weight * postings[p].weight;
        }
    }
    NeighbourList list;
    list.reserve(m_touched.size());
    for (const ItemIndex other : m_touched) {
        list.push_back(Neighbour{other, std::min(m_acc[other], 1.0f)});
        m_acc[other] = 0;
    }
    m_touched.clear();
    const size_t keep = std::min(list.size(), m_config.neighbours_per_item);
    topK(list, keep);
    list.resize(keep);
    list.shrink_to_fit();
    return list;
}

void ContentModel::insertInto(NeighbourList& list, Neighbour neighbour) const {
    std::erase_if(list, [&](const Neighbour& n) { return n.item == neighbour.item; });
    list.insert(std::upper_bound(list.begin(), list.end(), neighbour, betterNeighbour), neighbour);
    if (list.size() > m_config.neighbours_per_item)
        list.pop_back();
}

void ContentModel::fullBuild(BlockArray<NeighbourList>& lists) {
    for (auto& postings : m_postings)
        postings.clear();
    for (ItemIndex item = 0; item < m_raw.size(); ++item) {
        m_vectors[item] = vectorize(m_raw[item]);
        for (const auto& tw : m_vectors[item])
            m_postings[tw.term].push_back(Posting{item, tw.weight});
    }
    for (auto& postings : m_postings)
        std::stable_sort(postings.begin(), postings.end(),
                         [](const Posting& a, const Posting& b) { return a.weight > b.weight; });
    for (ItemIndex item = 0; item < lists.size(); ++item) {
        NeighbourList list = item < m_vectors.size() ? neighboursOf(item) : NeighbourList{};
        if (!list.empty() || !lists[item].empty())
            lists.mutableAt(item) = std::move(list);
    }
    m_items_at_full_build = m_items_with_text;
    m_built = true;
}

size_t ContentModel::refresh(BlockArray<NeighbourList>& lists, size_t item_count, bool* full) {
    if (item_count > 0)
        ensureItem(ItemIndex(item_count - 1));
    lists.resize(item_count);
    const bool rebuild = !m_built ||
                         double(m_items_with_text) > kRebuildGrowth * double(m_items_at_full_build) ||
                         m_dirty.size() * 5 > m_items_with_text;
    if (full)
        *full = rebuild;
    const size_t changed = rebuild ? m_items_with_text : m_dirty.size();
    if (rebuild) {
        fullBuild(lists);
    } else {
        std::sort(m_dirty.begin(), m_dirty.end());
        for (const ItemIndex item : m_dirty) {
            const NeighbourList old = lists[item];
            removePostings(item);
            m_vectors[item] = vectorize(m_raw[item]);
            addPostings(item);
            NeighbourList list = neighboursOf(item);
            for (const auto& o : old) {
                const auto& theirs = lists[o.item];
                if (std::any_of(theirs.begin(), theirs.end(),
                                [&](const Neighbour& n) { return n.item == item; }))
                    std::erase_if(lists.mutableAt(o.item),
                                  [&](const Neighbour& n) { return n.item == item; });
            }
            for (const auto& n : list) {
                const auto& theirs = lists[n.item];
                if (theirs.size() < m_config.neighbours_per_item ||
                    betterNeighbour(Neighbour{item, n.score}, theirs.back()))
                    insertInto(lists.mutableAt(n.item), Neighbour{item, n.score});
            }
            lists.mutableAt(item) = std::move(list);
        }
    }
    for (const ItemIndex item : m_dirty)
        m_dirty_flag[item] = 0;
    m_dirty.clear();
    return changed;
}

float ContentModel::cosine(ItemIndex a, ItemIndex b) const {
    if (a >= m_vectors.size() || b >= m_vectors.size())
        return 0;
    const auto& x = m_vectors[a];
    const auto& y = m_vectors[b];
    double dot = 0;
    for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
        if (x[i].term < y[j].term) {
            ++i;
        } else if (y[j].term < x[i].term) {
            ++j;
        } else {
            dot += double(x[i].weight) * y[j].weight;
            ++i;
            ++j;
        }
    }
    return float(dot);
}

} // namespace fc::server::discovery::recs
