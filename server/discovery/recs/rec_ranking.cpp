#include "server/discovery/recs/rec_ranking.h"

#include <algorithm>
#include <unordered_map>

namespace fc::server::discovery::recs {

namespace {

constexpr size_t kCapWindow = 20;

Recommendation toRecommendation(const PoolEntry& entry) {
    return Recommendation{entry.item, entry.score, entry.reason, entry.because_of};
}

} // namespace

std::vector<Recommendation> diversify(std::vector<PoolEntry> pool, size_t count, const RecIndexData& data) {
    std::sort(pool.begin(), pool.end(), [](const PoolEntry& a, const PoolEntry& b) {
        return a.score != b.score ? a.score > b.score : a.item < b.item;
    });
    std::vector<Recommendation> out;
    count = std::min(count, pool.size());
    out.reserve(count);
    if (!data.config.rerank || count == 0) {
        for (size_t i = 0; i < count; ++i)
            out.push_back(toRecommendation(pool[i]));
        return out;
    }

    // Dense local ids for the pool's items and channels keep the inner loop free of hashing.
    std::unordered_map<ItemIndex, uint32_t> position;
    std::unordered_map<ChannelIndex, uint32_t> channel_ids;
    std::vector<uint32_t> channel(pool.size());
    position.reserve(pool.size() * 2);
    for (uint32_t i = 0; i < pool.size(); ++i) {
        position.emplace(pool[i].item, i);
        const auto [it, inserted] =
            channel_ids.emplace(data.items[pool[i].item].channel, uint32_t(channel_ids.size()));
        channel[i] = it->second;
    }
    std::vector<uint32_t> window_count(channel_ids.size(), 0);
    std::vector<uint32_t> picked_channels;
    std::vector<float> max_similarity(pool.size(), 0);
    std::vector<uint8_t> taken(pool.size(), 0);

    const float lambda = float(data.config.mmr_lambda);
    const float top = pool.front().score > 0 ? pool.front().score : 1.0f;
    const uint32_t cap = uint32_t(std::max<size_t>(data.config.max_per_channel_per_20, 1));
    while (out.size() < count) {
        size_t best = pool.size(), best_any = pool.size();
        float best_value = 0, best_any_value = 0;
        for (size_t i = 0; i < pool.size(); ++i) {
            if (taken[i])
                continue;
            const float value = lambda * pool[i].score / top - (1 - lambda) * max_similarity[i];
            if (best_any == pool.size() || value > best_any_value) {
                best_any = i;
                best_any_value = value;
            }
            if (window_count[channel[i]] < cap && (best == pool.size() || value > best_value)) {
                best = i;
                best_value = value;
            }
        }
        const size_t pick = best != pool.size() ? best : best_any;
        taken[pick] = 1;
        out.push_back(toRecommendation(pool[pick]));
        picked_channels.push_back(channel[pick]);
        ++window_count[channel[pick]];
        if (picked_channels.size() >= kCapWindow) // the window is the last kCapWindow - 1 picks plus the next
            --window_count[picked_channels[picked_channels.size() - kCapWindow]];
        for (const auto& neighbour : data.content[pool[pick].item]) {
            const auto it = position.find(neighbour.item);
            if (it != position.end())
                max_similarity[it->second] = std::max(max_similarity[it->second], neighbour.score);
        }
    }
    return out;
}

} // namespace fc::server::discovery::recs
