#include "server/discovery/recs/rec_index.h"

#include <algorithm>
#include <cmath>

#include "server/discovery/recs/rec_index_data.h"
#include "server/discovery/recs/rec_ranking.h"

namespace fc::server::discovery::recs {

namespace {

constexpr size_t kPriorCandidates = 200;      // popular (trending first) items always in the pool
constexpr size_t kFreshCandidates = 100;      // newest items always in the pool
constexpr size_t kSameChannelCandidates = 30; // related(): newest items of the item's channel
constexpr double kMsPerDay = 86'400'000.0;
constexpr double kMinRecency = 1.0 / 64; // history items weighing less generate no candidates
constexpr size_t kMinHistoryItems = 20;  // ... except the newest ones, whatever the half-life
constexpr size_t kMinNeighbours = 10;    // neighbours read per history item, at least

// Per-thread scratch, indexed by item: a query touches a few thousand entries, and the stamp makes "clearing"
// free.
struct Candidate {
    uint32_t stamp = 0;
    bool excluded = false;
    float cf = 0, content = 0, channel = 0;
    float cf_best = 0, content_best = 0; // the largest single history contribution to each
    ItemIndex cf_from = 0, content_from = 0;
};

struct Scratch {
    std::vector<Candidate> items;
    std::vector<ItemIndex> touched;
    uint32_t stamp = 0;

    void begin(size_t item_count) {
        if (items.size() < item_count)
            items.resize(item_count);
        touched.clear();
        if (++stamp == 0) { // wrapped: really clear once every 4 billion queries
            std::fill(items.begin(), items.end(), Candidate{});
            stamp = 1;
        }
    }
    Candidate& at(ItemIndex item) {
        Candidate& c = items[item];
        if (c.stamp != stamp) {
            c = Candidate{};
            c.stamp = stamp;
            touched.push_back(item);
        }
        return c;
    }
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

struct Scorer {
    const RecIndexData& data;
    int64_t now_ms;

    static Scorer make(const RecIndexData& data, int64_t now_ms) {
        if (now_ms <= 0) // no clock given: the newest item's time
            now_ms = data.fresh && !data.fresh->empty() ? data.items[data.fresh->front()].published_at_ms : 0;
        return Scorer{data, now_ms};
    }
    float freshness(ItemIndex item) const {
        const double age_days =
            std::max<double>(0, double(now_ms - data.items[item].published_at_ms) / kMsPerDay);
        return float(std::exp2(-age_days / std::max(data.config.freshness_half_life_days, 1e-6)));
    }
    float popularity(ItemIndex item) const {
        return data.max_popularity > 0 ? data.items[item].popularity / data.max_popularity : 0.0f;
    }
    // `fresh` is freshness(item), computed once per candidate.
    float prior(ItemIndex item, float fresh) const {
        const auto& c = data.config;
        return popularity(item) + (data.items[item].trending ? float(c.trending_bonus) : 0.0f) +
               float(c.cold_fresh_bonus) * fresh;
    }
    // The freshness boost of the personal signals; the prior has its own freshness term, so the cold-start
    // tiers (trending, popular, fresh) stay in that order.
    float boosted(float fresh, float score) const {
        return data.config.rerank ? score * float(1 + data.config.freshness_weight * fresh) : score;
    }
    ReasonKind coldReason(ItemIndex item, float fresh) const {
        if (data.items[item].trending)
            return ReasonKind::Trending;
        if (fresh > 0.5f && popularity(item) < 0.5f)
            return ReasonKind::Fresh;
        return ReasonKind::Popular;
    }
};

void addList(Scratch& s, const RecIndexData& data, const std::vector<ItemIndex>* list, size_t limit) {
    if (!list)
        return;
    for (size_t i = 0; i < std::min(limit, list->size()); ++i)
        if ((*list)[i] < data.items.size())
            s.at((*list)[i]);
}

// Keeps the best `size` of the pool (by score) before the quadratic re-ranking.
void trimPool(std::vector<PoolEntry>& pool, size_t size) {
    if (pool.size() <= size)
        return;
    std::nth_element(pool.begin(), pool.begin() + size, pool.end(),
                     [](const PoolEntry& a, const PoolEntry& b) {
                         return a.score != b.score ? a.score > b.score : a.item < b.item;
                     });
    pool.resize(size);
}

// Room for MMR to choose: 50 more than asked for small answers, up to 250 more for a full feed.
size_t poolSize(size_t count) {
    return count + std::clamp<size_t>(count * 2, 50, 250);
}

struct HistoryItem {
    ItemIndex item = 0;
    float weight = 0;
    int64_t at_ms = 0;
};

// One entry per item (largest weight, latest time), newest first.
std::vector<HistoryItem> normalisedHistory(const std::vector<Interaction>& history) {
    std::vector<HistoryItem> items;
    items.reserve(history.size());
    for (const auto& i : history)
        items.push_back(HistoryItem{i.item, i.weight, i.at_ms});
    std::sort(items.begin(), items.end(), [](const HistoryItem& a, const HistoryItem& b) {
        return a.item != b.item ? a.item < b.item : a.at_ms > b.at_ms;
    });
    std::vector<HistoryItem> out;
    for (const auto& h : items) {
        if (!out.empty() && out.back().item == h.item)
            out.back().weight = std::max(out.back().weight, h.weight);
        else
            out.push_back(h);
    }
    std::sort(out.begin(), out.end(), [](const HistoryItem& a, const HistoryItem& b) {
        return a.at_ms != b.at_ms ? a.at_ms > b.at_ms : a.item < b.item;
    });
    return out;
}

} // namespace

RecIndex::RecIndex(std::shared_ptr<const RecIndexData> data) : m_data(std::move(data)) {}

size_t RecIndex::itemCount() const {
    return m_data->items.size();
}

size_t RecIndex::userCount() const {
    return m_data->user_count;
}

const RecIndexData& RecIndex::data() const {
    return *m_data;
}

std::vector<std::pair<ItemIndex, float>> RecIndex::watchedTogether(ItemIndex item) const {
    std::vector<std::pair<ItemIndex, float>> out;
    if (item < m_data->cf.size())
        for (const auto& n : m_data->cf[item])
            out.emplace_back(n.item, n.score);
    return out;
}

std::vector<std::pair<ItemIndex, float>> RecIndex::similarContent(ItemIndex item) const {
    std::vector<std::pair<ItemIndex, float>> out;
    if (item < m_data->content.size())
        for (const auto& n : m_data->content[item])
            out.emplace_back(n.item, n.score);
    return out;
}

std::vector<Recommendation> RecIndex::recommend(const UserQuery& query) const {
    const RecIndexData& data = *m_data;
    const RecConfig& config = data.config;
    const size_t item_count = data.items.size();
    const Scorer scorer = Scorer::make(data, query.now_ms);
    Scratch& s = scratch();
    s.begin(item_count);

    const std::vector<HistoryItem> history = normalisedHistory(query.history);
    for (const auto& h : history)
        if (h.item < item_count)
            s.at(h.item).excluded = true;
    for (const ItemIndex item : query.exclude)
        if (item < item_count)
            s.at(item).excluded = true;

    // Collaborative and content candidates from the newest history first, each weighted by the fraction
    // watched and halving every history_half_life_items newer items.
    // The candidate generation is bounded: an item's strongest neighbours only, fewer as its recency weight
    // falls, and none once that weight is below kMinRecency (1/64: six half-lives back).
    for (size_t rank = 0; rank < history.size() && rank < config.max_history_items; ++rank) {
        const HistoryItem& h = history[rank];
        if (h.item >= item_count)
            continue;
        const double recency = std::exp2(-double(rank) / config.history_half_life_items);
        if (recency < kMinRecency && rank >= kMinHistoryItems)
            break;
        const float weight = h.weight * float(recency);
        const auto& cf = data.cf[h.item];
        const size_t read =
            std::min(cf.size(), std::max(kMinNeighbours, size_t(std::ceil(double(cf.size()) * recency))));
        for (size_t k = 0; k < read; ++k) {
            const Neighbour& n = cf[k];
            Candidate& c = s.at(n.item);
            const float contribution = weight * n.score;
            c.cf += contribution;
            if (contribution > c.cf_best) {
                c.cf_best = contribution;
                c.cf_from = h.item;
            }
        }
        if (rank >= config.max_content_history_items || config.content_weight <= 0)
            continue;
        for (const auto& n : data.content[h.item]) {
            Candidate& c = s.at(n.item);
            const float contribution = weight * n.score;
            c.content += contribution;
            if (contribution > c.content_best) {
                c.content_best = contribution;
                c.content_from = h.item;
            }
        }
    }
    // Subscriptions: the newest items of each subscribed channel, scored by how new they are.
    for (size_t i = 0; i < query.subscribed_channels.size() && i < config.max_subscribed_channels; ++i) {
        const ChannelIndex channel = query.subscribed_channels[i];
        if (channel >= data.channel_items.size())
            continue;
        const auto& items = data.channel_items[channel];
        for (size_t k = 0; k < items.size() && k < config.subscription_items_per_channel; ++k)
            s.at(items[k]).channel = 0.5f + 0.5f * scorer.freshness(items[k]);
    }
    if (config.popularity_weight > 0) {
        addList(s, data, data.popular.get(), kPriorCandidates);
        addList(s, data, data.fresh.get(), kFreshCandidates);
    }

    float cf_max = 0, content_max = 0;
    for (const ItemIndex item : s.touched) {
        cf_max = std::max(cf_max, s.items[item].cf);
        content_max = std::max(content_max, s.items[item].content);
    }
    std::vector<PoolEntry> pool;
    pool.reserve(s.touched.size());
    for (const ItemIndex item : s.touched) {
        const Candidate& c = s.items[item];
        if (c.excluded || !data.items[item].recommendable)
            continue;
        const float cf_part = cf_max > 0 ? float(config.cf_weight) * c.cf / cf_max : 0.0f;
        const float content_part =
            content_max > 0 ? float(config.content_weight) * c.content / content_max : 0.0f;
        const float channel_part = float(config.subscription_weight) * c.channel;
        const float fresh = scorer.freshness(item);
        const float prior_part = float(config.popularity_weight) * scorer.prior(item, fresh);
        const float score = scorer.boosted(fresh, cf_part + content_part + channel_part) + prior_part;
        if (score <= 0)
            continue;
        PoolEntry entry{item, score, scorer.coldReason(item, fresh), std::nullopt};
        if (cf_part + content_part >= std::max(channel_part, prior_part) &&
            (c.cf_best > 0 || c.content_best > 0)) {
            entry.reason = ReasonKind::BecauseYouWatched;
            const float from_cf = cf_max > 0 ? float(config.cf_weight) * c.cf_best / cf_max : 0.0f;
            const float from_content =
                content_max > 0 ? float(config.content_weight) * c.content_best / content_max : 0.0f;
            entry.because_of = from_cf >= from_content ? c.cf_from : c.content_from;
        } else if (channel_part > 0 && channel_part >= prior_part) {
            entry.reason = ReasonKind::Subscription;
        }
        pool.push_back(entry);
    }
    trimPool(pool, poolSize(query.count));
    return diversify(std::move(pool), query.count, data);
}

std::vector<Recommendation> RecIndex::related(const RelatedQuery& query) const {
    const RecIndexData& data = *m_data;
    const RecConfig& config = data.config;
    const size_t item_count = data.items.size();
    const Scorer scorer = Scorer::make(data, query.now_ms);
    Scratch& s = scratch();
    s.begin(item_count);
    for (const ItemIndex item : query.exclude)
        if (item < item_count)
            s.at(item).excluded = true;

    float cf_max = 0;
    if (query.item < item_count) {
        s.at(query.item).excluded = true;
        const auto& cf = data.cf[query.item];
        cf_max = cf.empty() ? 0.0f : cf.front().score;
        for (const auto& n : cf)
            s.at(n.item).cf = n.score;
        for (const auto& n : data.content[query.item])
            s.at(n.item).content = n.score;
        const ChannelIndex channel = data.items[query.item].channel;
        if (channel < data.channel_items.size()) {
            const auto& items = data.channel_items[channel];
            for (size_t k = 0; k < items.size() && k < kSameChannelCandidates; ++k)
                s.at(items[k]).channel = 1;
        }
    }
    addList(s, data, data.popular.get(), kPriorCandidates);

    std::vector<PoolEntry> pool;
    pool.reserve(s.touched.size());
    for (const ItemIndex item : s.touched) {
        const Candidate& c = s.items[item];
        if (c.excluded || !data.items[item].recommendable)
            continue;
        const float cf_part = cf_max > 0 ? float(config.cf_weight) * c.cf / cf_max : 0.0f;
        const float content_part = float(config.content_weight) * c.content;
        const float channel_part = float(config.same_channel_weight) * c.channel;
        const float fresh = scorer.freshness(item);
        const float prior_part = float(config.popularity_weight) * scorer.prior(item, fresh);
        const float score = scorer.boosted(fresh, cf_part + content_part + channel_part) + prior_part;
        if (score <= 0)
            continue;
        // Without a tie to this item it is there on the prior: trending, popular or fresh, as in the cold
        // start.
        ReasonKind reason = scorer.coldReason(item, fresh);
        const float strongest = std::max({cf_part, content_part, channel_part});
        if (strongest > 0)
            reason = strongest == cf_part        ? ReasonKind::WatchedTogether
                     : strongest == content_part ? ReasonKind::Similar
                                                 : ReasonKind::SameChannel;
        pool.push_back(PoolEntry{item, score, reason, std::nullopt});
    }
    trimPool(pool, poolSize(query.count));
    return diversify(std::move(pool), query.count, data);
}

} // namespace fc::server::discovery::recs
