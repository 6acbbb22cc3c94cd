#include "server/discovery/recs/eval/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "server/discovery/recs/eval/metrics.h"
#include "server/discovery/recs/rec_builder.h"

namespace fc::server::discovery::recs {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct EvalUser {
    UserIndex user = 0;
    std::vector<Interaction> history; // train
    std::unordered_set<ItemIndex> relevant;
    int64_t now_ms = 0; // just before the first test interaction
};

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

// Runs one method's queries over the users and scores them.
MethodResult score(std::string name, double build_s, const std::vector<EvalUser>& users, size_t catalogue,
                   size_t k, const std::function<std::vector<ItemIndex>(const EvalUser&)>& recommend) {
    MethodResult result{std::move(name)};
    result.build_s = build_s;
    std::vector<double> times_ms;
    std::vector<uint8_t> recommended(catalogue, 0);
    size_t distinct = 0;
    for (const auto& user : users) {
        const auto start = Clock::now();
        const std::vector<ItemIndex> ranked = recommend(user);
        times_ms.push_back(secondsSince(start) * 1000);
        result.recall += recallAtK(ranked, user.relevant, k);
        result.ndcg += ndcgAtK(ranked, user.relevant, k);
        for (size_t i = 0; i < std::min(k, ranked.size()); ++i)
            if (ranked[i] < catalogue && !recommended[ranked[i]]++)
                ++distinct;
    }
    if (!users.empty()) {
        result.recall /= double(users.size());
        result.ndcg /= double(users.size());
    }
    result.coverage = catalogue ? double(distinct) / double(catalogue) : 0;
    result.query_p50_ms = percentile(times_ms, 0.5);
    result.query_p99_ms = percentile(times_ms, 0.99);
    return result;
}

std::vector<ItemIndex> itemsOf(const std::vector<Recommendation>& recs) {
    std::vector<ItemIndex> out;
    out.reserve(recs.size());
    for (const auto& r : recs)
        out.push_back(r.item);
    return out;
}

// A model built on train; its home-feed result, and the index for related().
MethodResult runModel(std::string name, const RecConfig& config, const std::vector<ItemFeatures>& features,
                      const std::vector<Interaction>& train, const std::vector<EvalUser>& users, size_t k,
                      std::shared_ptr<const RecIndex>& index) {
    const auto start = Clock::now();
    RecBuilder builder(config);
    for (ItemIndex item = 0; item < features.size(); ++item)
        builder.setItem(item, features[item]);
    builder.addInteractions(train);
    index = builder.publish();
    const double build_s = secondsSince(start);
    return score(std::move(name), build_s, users, features.size(), k, [&](const EvalUser& user) {
        UserQuery query;
        query.history = user.history;
        query.now_ms = user.now_ms;
        query.count = k;
        return itemsOf(index->recommend(query));
    });
}

// The item the user watched last in train: the video a related list is shown beside.
ItemIndex lastWatched(const EvalUser& user) {
    return std::max_element(user.history.begin(), user.history.end(),
                            [](const Interaction& a, const Interaction& b) { return a.at_ms < b.at_ms; })
        ->item;
}

std::vector<ItemIndex> historyItems(const EvalUser& user) {
    std::vector<ItemIndex> items;
    for (const auto& i : user.history)
        items.push_back(i.item);
    return items;
}

MethodResult scoreRelated(std::string name, double build_s, const RecIndex& index,
                          const std::vector<EvalUser>& users, size_t catalogue, size_t k) {
    return score(std::move(name), build_s, users, catalogue, k, [&](const EvalUser& user) {
        RelatedQuery query;
        query.item = lastWatched(user);
        query.exclude = historyItems(user);
        query.now_ms = user.now_ms;
        query.count = k;
        return itemsOf(index.related(query));
    });
}

// PeerTube's related videos: a search for the video's tags. Items sharing the most tags first, then the most
// popular (train interactions); never the item itself or one the user has watched.
MethodResult tagSearchRelated(const std::vector<ItemFeatures>& features,
                              const std::vector<double>& popularity, const std::vector<EvalUser>& users,
                              size_t k) {
    const auto start = Clock::now();
    std::unordered_map<std::string, std::vector<ItemIndex>> by_tag;
    for (ItemIndex item = 0; item < features.size(); ++item)
        for (const std::string& tag :
             std::unordered_set<std::string>(features[item].tags.begin(), features[item].tags.end()))
            by_tag[tag].push_back(item);
    const double build_s = secondsSince(start);
    return score(
        "tag search (PeerTube's related)", build_s, users, features.size(), k, [&](const EvalUser& user) {
            const ItemIndex seed = lastWatched(user);
            std::unordered_map<ItemIndex, int> shared;
            for (const std::string& tag :
                 std::unordered_set<std::string>(features[seed].tags.begin(), features[seed].tags.end()))
                if (const auto found = by_tag.find(tag); found != by_tag.end())
                    for (const ItemIndex item : found->second)
                        ++shared[item];
            std::unordered_set<ItemIndex> watched;
            for (const auto& i : user.history)
                watched.insert(i.item);
            std::vector<std::pair<ItemIndex, int>> ranked;
            for (const auto& [item, count] : shared)
                if (item != seed && !watched.count(item))
                    ranked.emplace_back(item, count);
            std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
                if (a.second != b.second)
                    return a.second > b.second;
                if (popularity[a.first] != popularity[b.first])
                    return popularity[a.first] > popularity[b.first];
                return a.first < b.first;
            });
            std::vector<ItemIndex> out;
            for (size_t i = 0; i < std::min(k, ranked.size()); ++i)
                out.push_back(ranked[i].first);
            return out;
        });
}

} // namespace

RecConfig plainItemKnnConfig(size_t neighbours_per_item) {
    RecConfig config;
    config.neighbours_per_item = neighbours_per_item;
    config.cf_method = CfMethod::Cosine;
    config.cosine_shrinkage = 0;
    config.max_user_items_for_cf = SIZE_MAX;
    config.content_weight = 0;
    config.subscription_weight = 0;
    config.popularity_weight = 0;
    config.history_half_life_items = 1e12;
    config.max_history_items = SIZE_MAX;
    config.rerank = false;
    return config;
}

EvalReport evaluate(const InteractionLog& log, const ItemCatalogue* items, const EvalOptions& options) {
    EvalReport report;
    const size_t catalogue = log.item_ids.size();
    report.users = log.user_ids.size();
    report.items = catalogue;
    report.interactions = log.interactions.size();
    const TemporalSplit split = temporalSplit(log.interactions, options.test_fraction, options.split);
    report.train_interactions = split.train.size();

    // The users to evaluate: those with a relevant test item they had not met in train.
    std::vector<std::vector<Interaction>> train_by_user(report.users);
    std::vector<double> train_count(catalogue, 0);
    for (const auto& i : split.train) {
        train_by_user[i.user].push_back(i);
        train_count[i.item] += 1;
    }
    std::vector<EvalUser> users;
    for (UserIndex u = 0; u < split.test_by_user.size(); ++u) {
        const auto& test = split.test_by_user[u];
        if (test.empty())
            continue;
        std::unordered_set<ItemIndex> seen;
        for (const auto& i : train_by_user[u])
            seen.insert(i.item);
        EvalUser user{u, train_by_user[u], {}, test.front().at_ms - 1};
        for (const auto& i : test)
            if (i.weight > options.min_weight && !seen.count(i.item))
                user.relevant.insert(i.item);
        if (!user.relevant.empty())
            users.push_back(std::move(user));
    }
    std::mt19937_64 rng(options.seed);
    std::shuffle(users.begin(), users.end(), rng);
    if (users.size() > options.max_users)
        users.resize(options.max_users);
    report.evaluated_users = users.size();

    // Item features: the file's text and channels, else an own channel each; popularity from train;
    // publication from the file, else the item's first interaction anywhere in the log (the platform knows
    // upload times).
    std::vector<ItemFeatures> features(catalogue);
    std::vector<int64_t> first_seen(catalogue, INT64_MAX);
    for (const auto& i : log.interactions)
        first_seen[i.item] = std::min(first_seen[i.item], i.at_ms);
    for (ItemIndex item = 0; item < catalogue; ++item) {
        ItemFeatures& f = features[item];
        if (items && item < items->features.size())
            f = items->features[item];
        else
            f.channel = ChannelIndex(item);
        if (!(items && items->has_published_at))
            f.published_at_ms = first_seen[item] == INT64_MAX ? 0 : first_seen[item];
        f.popularity = std::log1p(train_count[item]);
        f.recommendable = true;
    }

    std::shared_ptr<const RecIndex> hybrid_index, knn_index;
    double hybrid_build_s = 0, knn_build_s = 0;
    for (const EvalMethod method : options.methods) {
        if (method == EvalMethod::Popularity) {
            const auto start = Clock::now();
            std::vector<ItemIndex> order(catalogue);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(),
                             [&](ItemIndex a, ItemIndex b) { return train_count[a] > train_count[b]; });
            const double build_s = secondsSince(start);
            report.rows.push_back(
                score("popularity", build_s, users, catalogue, options.k, [&](const EvalUser& u) {
                    std::unordered_set<ItemIndex> seen;
                    for (const auto& i : u.history)
                        seen.insert(i.item);
                    std::vector<ItemIndex> out;
                    for (size_t p = 0; p < order.size() && out.size() < options.k; ++p)
                        if (!seen.count(order[p]))
                            out.push_back(order[p]);
                    return out;
                }));
        } else if (method == EvalMethod::ItemKnn) {
            std::vector<ItemFeatures> plain(catalogue);
            for (ItemIndex item = 0; item < catalogue; ++item) {
                plain[item].channel = ChannelIndex(item);
                plain[item].published_at_ms = features[item].published_at_ms;
            }
            report.rows.push_back(runModel("item-kNN (cosine)",
                                           plainItemKnnConfig(options.hybrid.neighbours_per_item), plain,
                                           split.train, users, options.k, knn_index));
            knn_build_s = report.rows.back().build_s;
        } else {
            report.rows.push_back(runModel("ours (hybrid)", options.hybrid, features, split.train, users,
                                           options.k, hybrid_index));
            hybrid_build_s = report.rows.back().build_s;
        }
    }
    if (!options.related)
        return report;
    // Related videos: only users with a train item to stand beside.
    std::vector<EvalUser> watchers;
    for (const EvalUser& user : users)
        if (!user.history.empty())
            watchers.push_back(user);
    if (hybrid_index)
        report.related_rows.push_back(
            scoreRelated("ours: related()", hybrid_build_s, *hybrid_index, watchers, catalogue, options.k));
    if (knn_index)
        report.related_rows.push_back(
            scoreRelated("item-kNN (cosine)", knn_build_s, *knn_index, watchers, catalogue, options.k));
    const bool tagged =
        std::any_of(features.begin(), features.end(), [](const ItemFeatures& f) { return !f.tags.empty(); });
    if (tagged)
        report.related_rows.push_back(tagSearchRelated(features, train_count, watchers, options.k));
    return report;
}

std::string formatReport(const EvalReport& report, size_t k) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line,
                  "%zu users, %zu items, %zu interactions (%zu train); %zu users evaluated, k = %zu\n\n",
                  report.users, report.items, report.interactions, report.train_interactions,
                  report.evaluated_users, k);
    out += line;
    const auto table = [&](const std::vector<MethodResult>& rows) {
        std::snprintf(
            line, sizeof line,
            "| method | Recall@%zu | NDCG@%zu | coverage | build s | query p50 ms | query p99 ms |\n", k, k);
        out += line;
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
        for (const auto& row : rows) {
            std::snprintf(line, sizeof line, "| %s | %.4f | %.4f | %.3f | %.2f | %.3f | %.3f |\n",
                          row.method.c_str(), row.recall, row.ndcg, row.coverage, row.build_s,
                          row.query_p50_ms, row.query_p99_ms);
            out += line;
        }
    };
    table(report.rows);
    if (!report.related_rows.empty()) {
        out +=
            "\nRelated videos: the list beside each user's last train item, scored against the user's test "
            "items\n\n";
        table(report.related_rows);
    }
    return out;
}

Result<void> applyConfigOption(RecConfig& config, std::string_view assignment) {
    const size_t eq = assignment.find('=');
    if (eq == std::string_view::npos)
        return makeError("invalid_option", "expected key=value, got " + std::string(assignment));
    const std::string key(assignment.substr(0, eq));
    const std::string value(assignment.substr(eq + 1));
    if (key == "cf_method") {
        if (value != "rp3beta" && value != "cosine")
            return makeError("invalid_option", "cf_method is rp3beta or cosine");
        config.cf_method = value == "cosine" ? CfMethod::Cosine : CfMethod::Rp3Beta;
        return {};
    }
    if (key == "rerank") {
        config.rerank = value == "1" || value == "true";
        return {};
    }
    double number = 0;
    try {
        size_t used = 0;
        number = std::stod(value, &used);
        if (used != value.size())
            throw std::invalid_argument(value);
    } catch (const std::exception&) {
        return makeError("invalid_option", key + " needs a number");
    }
    const auto count = [&] { return number < 0 ? size_t(0) : size_t(number); };
    struct Double {
        const char* name;
        double RecConfig::*field;
    };
    struct Count {
        const char* name;
        size_t RecConfig::*field;
    };
    static const Double doubles[] = {{"mmr_lambda", &RecConfig::mmr_lambda},
                                     {"freshness_half_life_days", &RecConfig::freshness_half_life_days},
                                     {"cf_weight", &RecConfig::cf_weight},
                                     {"content_weight", &RecConfig::content_weight},
                                     {"subscription_weight", &RecConfig::subscription_weight},
                                     {"popularity_weight", &RecConfig::popularity_weight},
                                     {"rp3_beta", &RecConfig::rp3_beta},
                                     {"cosine_shrinkage", &RecConfig::cosine_shrinkage},
                                     {"freshness_weight", &RecConfig::freshness_weight},
                                     {"same_channel_weight", &RecConfig::same_channel_weight},
                                     {"trending_bonus", &RecConfig::trending_bonus},
                                     {"cold_fresh_bonus", &RecConfig::cold_fresh_bonus},
                                     {"history_half_life_items", &RecConfig::history_half_life_items}};
    static const Count counts[] = {{"neighbours_per_item", &RecConfig::neighbours_per_item},
                                   {"max_per_channel_per_20", &RecConfig::max_per_channel_per_20},
                                   {"max_user_items_for_cf", &RecConfig::max_user_items_for_cf},
                                   {"stale_refresh_per_publish", &RecConfig::stale_refresh_per_publish},
                                   {"max_history_items", &RecConfig::max_history_items},
                                   {"max_content_history_items", &RecConfig::max_content_history_items},
                                   {"content_max_terms", &RecConfig::content_max_terms},
                                   {"content_max_postings", &RecConfig::content_max_postings}};
    for (const auto& d : doubles)
        if (key == d.name) {
            config.*d.field = number;
            return {};
        }
    for (const auto& c : counts)
        if (key == c.name) {
            config.*c.field = count();
            return {};
        }
    return makeError("invalid_option", "unknown setting " + key);
}

} // namespace fc::server::discovery::recs
