#include "server/discovery/recs/eval/synthetic_log.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_set>

namespace fc::server::discovery::recs {

namespace {

constexpr int64_t kDay_ms = 86'400'000;
constexpr size_t kWordsPerTopic = 14;
constexpr double kNoisePick = 0.1;
constexpr double kFreshPick = 0.25;
constexpr int64_t kFreshWindow_ms = 14 * kDay_ms;

const char* const kSyllables[] = {"ka",  "lo",  "mi",  "ser", "tu",  "van", "dor", "pel",
                                  "qui", "ra",  "sno", "bex", "fil", "gor", "hun", "jat",
                                  "mox", "nep", "oru", "wix", "yel", "zan", "cri", "dal"};
const char* const kGenericWords[] = {"video",    "best",  "new",   "episode", "part", "official",
                                     "review",   "guide", "live",  "full",    "top",  "first",
                                     "ultimate", "week",  "story", "show"};

std::string topicWord(size_t topic, size_t index) {
    const size_t n = std::size(kSyllables);
    const size_t a = (topic * 7 + index * 3) % n, b = (topic * 5 + index * 11 + 1) % n,
                 c = (topic + index) % n;
    return std::string(kSyllables[a]) + kSyllables[b] + (index % 2 ? kSyllables[c] : "") +
           std::to_string(topic);
}

// "prefix" + std::to_string(n) without GCC 12's false -Wrestrict warning on operator+(const char*, string&&).
std::string numbered(const char* prefix, size_t n) {
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}

struct Item {
    size_t topic = 0;
    size_t second_topic = 0;
    double second_share = 0; // 0 when it has one topic
    double popularity = 0;
    int64_t published_ms = 0;
};

// Sampling items published before a time, by weight: per pool, items by publication time and cumulative
// weights.
struct Pool {
    std::vector<ItemIndex> items;
    std::vector<int64_t> published_ms;
    std::vector<double> cumulative; // cumulative[i] = weight of items[0..i)

    void finish(const std::vector<Item>& all, const std::vector<double>& weight) {
        std::sort(items.begin(), items.end(), [&](ItemIndex a, ItemIndex b) {
            return all[a].published_ms != all[b].published_ms ? all[a].published_ms < all[b].published_ms
                                                              : a < b;
        });
        cumulative.assign(1, 0);
        for (const ItemIndex item : items) {
            published_ms.push_back(all[item].published_ms);
            cumulative.push_back(cumulative.back() + weight[item]);
        }
    }
    // An item published in [from_ms, to_ms], or none.
    bool pick(int64_t from_ms, int64_t to_ms, std::mt19937_64& rng, ItemIndex& out) const {
        const size_t lo = size_t(std::lower_bound(published_ms.begin(), published_ms.end(), from_ms) -
                                 published_ms.begin());
        const size_t hi =
            size_t(std::upper_bound(published_ms.begin(), published_ms.end(), to_ms) - published_ms.begin());
        if (lo >= hi || cumulative[hi] <= cumulative[lo])
            return false;
        const double u = std::uniform_real_distribution<double>(cumulative[lo], cumulative[hi])(rng);
        size_t at = size_t(std::upper_bound(cumulative.begin() + lo, cumulative.begin() + hi + 1, u) -
                           cumulative.begin());
        at = std::clamp<size_t>(at, lo + 1, hi);
        out = items[at - 1];
        return true;
    }
};

} // namespace

SyntheticData generateSyntheticLog(const SyntheticConfig& config) {
    std::mt19937_64 rng(config.seed);
    std::uniform_real_distribution<double> unit(0, 1);
    const size_t topics = std::max<size_t>(config.topics, 1);
    const size_t channels = config.channels ? config.channels : std::max<size_t>(1, config.items / 25);
    const int64_t start_ms = config.start_s * 1000;
    const int64_t end_ms = start_ms + config.days * kDay_ms;

    SyntheticData data;
    std::vector<size_t> channel_topic(channels);
    for (auto& t : channel_topic)
        t = rng() % topics;

    // Items: popularity by a shuffled Zipf rank, publication spread from 60 days before the start to the end.
    std::vector<Item> items(config.items);
    std::vector<size_t> rank(config.items);
    std::iota(rank.begin(), rank.end(), 0);
    std::shuffle(rank.begin(), rank.end(), rng);
    data.items.features.resize(config.items);
    data.items.known.assign(config.items, true);
    data.items.has_published_at = true;
    for (size_t i = 0; i < config.items; ++i) {
        data.log.itemFor(numbered("v", i));
        const ChannelIndex channel = ChannelIndex(rng() % channels);
        Item& item = items[i];
        item.topic = unit(rng) < 0.8 ? channel_topic[channel] : rng() % topics;
        if (unit(rng) < 0.3) {
            item.second_topic = rng() % topics;
            item.second_share = item.second_topic == item.topic ? 0 : 0.3;
        }
        item.popularity = 1.0 / std::pow(double(rank[i] + 1), config.zipf_exponent);
        item.published_ms = start_ms - 60 * kDay_ms +
                            int64_t(unit(rng) * double(end_ms - kDay_ms - (start_ms - 60 * kDay_ms)));

        ItemFeatures& f = data.items.features[i];
        f.channel = channel;
        f.published_at_ms = item.published_ms / 1000 * 1000; // the log keeps seconds
        const auto word = [&](size_t topic) { return topicWord(topic, rng() % kWordsPerTopic); };
        const auto generic = [&] { return std::string(kGenericWords[rng() % std::size(kGenericWords)]); };
        f.title = word(item.topic) + " " + word(item.topic) + " " + generic();
        if (item.second_share > 0)
            f.title.append(" ").append(word(item.second_topic));
        f.tags = {word(item.topic), word(item.topic)};
        if (item.second_share > 0)
            f.tags.push_back(word(item.second_topic));
        f.category = numbered("Topic ", item.topic);
        for (int w = 0; w < 10; ++w) {
            if (w > 0)
                f.description += ' ';
            f.description += unit(rng) < 0.5 ? word(item.topic) : generic();
        }
    }

    std::vector<double> weight(config.items);
    std::vector<Pool> by_topic(topics);
    Pool everything;
    for (ItemIndex i = 0; i < config.items; ++i) {
        weight[i] = items[i].popularity;
        by_topic[items[i].topic].items.push_back(i);
        if (items[i].second_share > 0)
            by_topic[items[i].second_topic].items.push_back(i);
        everything.items.push_back(i);
    }
    for (auto& pool : by_topic)
        pool.finish(items, weight);
    everything.finish(items, weight);

    std::normal_distribution<double> noise(0, 0.15);
    std::lognormal_distribution<double> activity(0, 0.8); // heavy-tailed; mean exp(0.32)
    for (size_t u = 0; u < config.users; ++u) {
        const UserIndex user = data.log.userFor(numbered("u", u));
        // Tastes: 1-3 topics with decreasing shares.
        const size_t liked = 1 + rng() % 3;
        std::vector<std::pair<size_t, double>> tastes;
        double total = 0;
        for (size_t k = 0; k < liked; ++k) {
            const double share = 1.0 / double(k + 1) * (0.5 + unit(rng));
            tastes.emplace_back(rng() % topics, share);
            total += share;
        }
        for (auto& t : tastes)
            t.second /= total;
        const auto affinity = [&](ItemIndex i) {
            double a = 0;
            for (const auto& [topic, share] : tastes) {
                if (topic == items[i].topic)
                    a += share * (1 - items[i].second_share);
                if (items[i].second_share > 0 && topic == items[i].second_topic)
                    a += share * items[i].second_share;
            }
            return std::min(a * double(tastes.size()), 1.0); // a single liked topic is a full match
        };

        const size_t count = std::max<size_t>(
            3, std::min<size_t>(5000, size_t(config.interactions_per_user * activity(rng) / std::exp(0.32))));
        const int64_t user_start = start_ms + int64_t(unit(rng) * 0.7 * double(end_ms - start_ms));
        std::vector<int64_t> times(count);
        for (auto& t : times)
            t = user_start + int64_t(unit(rng) * double(end_ms - user_start));
        std::sort(times.begin(), times.end());
        std::unordered_set<ItemIndex> seen;
        size_t session_topic = tastes[0].first;
        for (size_t n = 0; n < count; ++n) {
            if (n % 4 == 0) { // a new session: one of the user's topics, by share
                double r = unit(rng);
                for (const auto& [topic, share] : tastes)
                    if ((r -= share) <= 0 || topic == tastes.back().first) {
                        session_topic = topic;
                        break;
                    }
            }
            const int64_t at = times[n];
            ItemIndex item = 0;
            bool found = false;
            for (int attempt = 0; attempt < 6 && !found; ++attempt) {
                const double r = unit(rng);
                const Pool& pool = r < kNoisePick ? everything : by_topic[session_topic];
                const int64_t from = r > 1 - kFreshPick ? at - kFreshWindow_ms : INT64_MIN;
                found = pool.pick(from, at, rng, item) && !seen.count(item);
            }
            if (!found)
                continue;
            seen.insert(item);
            const float w = float(std::clamp(0.15 + 0.7 * affinity(item) + noise(rng), 0.05, 1.0));
            data.log.interactions.push_back(
                Interaction{user, item, std::round(w * 100) / 100, at / 1000 * 1000});
        }
    }
    return data;
}

} // namespace fc::server::discovery::recs
