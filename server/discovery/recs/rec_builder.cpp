#include "server/discovery/recs/rec_builder.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include "server/discovery/recs/cf_model.h"
#include "server/discovery/recs/content_model.h"
#include "server/discovery/recs/rec_index_data.h"
#include "server/discovery/recs/text_features.h"

namespace fc::server::discovery::recs {

namespace {

constexpr size_t kColdStartListSize = 1000; // popular and fresh lists kept for cold start and the prior

size_t textHash(const ItemFeatures& f) {
    std::hash<std::string> hash;
    size_t h = hash(f.title);
    const auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(hash(f.description));
    mix(hash(f.category));
    for (const auto& tag : f.tags)
        mix(hash(tag));
    mix(f.tags.size());
    return h;
}

} // namespace

struct RecBuilder::State {
    explicit State(RecConfig c) : config(c), cf(config), content(config) { data.config = config; }

    RecConfig config;
    CfModel cf;
    ContentModel content;
    RecIndexData data;
    std::vector<size_t> text_hash;                       // per item, 0: no text yet
    std::vector<std::vector<ItemIndex>> channel_members; // per channel, any order
    std::vector<ChannelIndex> dirty_channels;
    std::vector<uint8_t> channel_dirty_flag;
    bool meta_changed = true;
    PublishStats last_stats;

    void markChannel(ChannelIndex channel) {
        if (channel >= channel_members.size()) {
            channel_members.resize(size_t(channel) + 1);
            channel_dirty_flag.resize(size_t(channel) + 1, 0);
        }
        if (!channel_dirty_flag[channel]) {
            channel_dirty_flag[channel] = 1;
            dirty_channels.push_back(channel);
        }
    }

    void growItems(size_t size) {
        if (size > data.items.size()) {
            data.items.resize(size);
            text_hash.resize(size, 0);
        }
    }

    void rebuildChannels() {
        data.channel_items.resize(channel_members.size());
        for (const ChannelIndex channel : dirty_channels) {
            std::vector<ItemIndex> items;
            for (const ItemIndex item : channel_members[channel])
                if (data.items[item].recommendable)
                    items.push_back(item);
            std::sort(items.begin(), items.end(), [&](ItemIndex a, ItemIndex b) {
                const int64_t pa = data.items[a].published_at_ms, pb = data.items[b].published_at_ms;
                return pa != pb ? pa > pb : a < b;
            });
            data.channel_items.mutableAt(channel) = std::move(items);
            channel_dirty_flag[channel] = 0;
        }
        dirty_channels.clear();
    }

    void rebuildColdStart() {
        std::vector<ItemIndex> candidates;
        float max_popularity = 0;
        for (ItemIndex item = 0; item < data.items.size(); ++item) {
            const ItemMeta& meta = data.items[item];
            if (meta.recommendable) {
                candidates.push_back(item);
                max_popularity = std::max(max_popularity, meta.popularity);
            }
        }
        data.max_popularity = max_popularity;
        const size_t keep = std::min(candidates.size(), kColdStartListSize);
        auto popular = candidates;
        std::partial_sort(popular.begin(), popular.begin() + keep, popular.end(),
                          [&](ItemIndex a, ItemIndex b) {
                              const ItemMeta &ma = data.items[a], &mb = data.items[b];
                              if (ma.trending != mb.trending)
                                  return ma.trending;
                              return ma.popularity != mb.popularity ? ma.popularity > mb.popularity : a < b;
                          });
        popular.resize(keep);
        auto fresh = std::move(candidates);
        std::partial_sort(fresh.begin(), fresh.begin() + keep, fresh.end(), [&](ItemIndex a, ItemIndex b) {
            const int64_t pa = data.items[a].published_at_ms, pb = data.items[b].published_at_ms;
            return pa != pb ? pa > pb : a < b;
        });
        fresh.resize(keep);
        data.popular = std::make_shared<const std::vector<ItemIndex>>(std::move(popular));
        data.fresh = std::make_shared<const std::vector<ItemIndex>>(std::move(fresh));
    }
};

RecBuilder::RecBuilder(RecConfig config) : m_state(std::make_unique<State>(config)) {}

RecBuilder::~RecBuilder() = default;

void RecBuilder::setItem(ItemIndex item, ItemFeatures features) {
    State& s = *m_state;
    s.growItems(size_t(item) + 1);
    const ItemMeta old = s.data.items[item];
    const ItemMeta meta{features.channel, features.published_at_ms, float(std::max(features.popularity, 0.0)),
                        features.trending, features.recommendable};
    const bool known = s.text_hash[item] != 0;
    if (!known || old.channel != meta.channel || old.published_at_ms != meta.published_at_ms ||
        old.recommendable != meta.recommendable) {
        if (known && old.channel != meta.channel) {
            std::erase(s.channel_members[old.channel], item);
            s.markChannel(old.channel);
        }
        s.markChannel(meta.channel);
        if (!known || old.channel != meta.channel)
            s.channel_members[meta.channel].push_back(item);
    }
    if (!known || old.popularity != meta.popularity || old.trending != meta.trending ||
        old.recommendable != meta.recommendable || old.published_at_ms != meta.published_at_ms)
        s.meta_changed = true;
    if (!known || old.channel != meta.channel || old.published_at_ms != meta.published_at_ms ||
        old.popularity != meta.popularity || old.trending != meta.trending ||
        old.recommendable != meta.recommendable)
        s.data.items.mutableAt(item) = meta;
    const size_t hash = textHash(features) | 1; // never 0, which means "no text yet"
    if (hash != s.text_hash[item]) {
        s.text_hash[item] = hash;
        s.content.setText(item, features);
    }
}

void RecBuilder::addInteractions(std::span<const Interaction> interactions) {
    for (const auto& interaction : interactions)
        m_state->cf.add(interaction);
}

std::shared_ptr<const RecIndex> RecBuilder::publish() {
    State& s = *m_state;
    using Clock = std::chrono::steady_clock;
    const auto ms = [](Clock::time_point from) {
        return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
    };
    const auto start = Clock::now();
    s.growItems(s.cf.itemCount());
    const size_t items = s.data.items.size();
    PublishStats stats;
    const CfRefreshStats cf = s.cf.refresh(s.data.cf, items);
    stats.cf_full = cf.full;
    stats.cf_rows = cf.rows_recomputed;
    stats.cf_pair_updates = cf.pair_updates;
    stats.cf_stale_rows = cf.stale_recomputed;
    stats.cf_ms = ms(start);
    const auto content_start = Clock::now();
    stats.content_items = s.content.refresh(s.data.content, items, &stats.content_full);
    stats.content_ms = ms(content_start);
    s.rebuildChannels();
    if (s.meta_changed || !s.data.popular) {
        s.rebuildColdStart();
        s.meta_changed = false;
    }
    s.data.user_count = s.cf.userCount();
    stats.total_ms = ms(start);
    s.last_stats = stats;
    return std::make_shared<const RecIndex>(std::make_shared<const RecIndexData>(s.data));
}

size_t RecBuilder::pendingStaleItems() const {
    return m_state->cf.pendingStale();
}

const PublishStats& RecBuilder::lastPublishStats() const {
    return m_state->last_stats;
}

size_t RecBuilder::itemCount() const {
    return m_state->data.items.size();
}

} // namespace fc::server::discovery::recs
