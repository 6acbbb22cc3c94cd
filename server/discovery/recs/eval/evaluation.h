#pragma once
// The offline evaluation behind framecast-receval: a temporal split of a log, then Recall@k, NDCG@k and
// catalogue coverage of our hybrid model against a popularity baseline and plain cosine item-kNN, each with
// its build time and per-query latency. Related videos are scored the same way as "what is watched next":
// the list related to each user's last train item against the user's test items, for our related() against
// item-kNN's and a tag search (videos sharing the most tags, then the most popular: PeerTube's related).
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/recs/eval/interaction_log.h"
#include "server/discovery/recs/eval/temporal_split.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

enum class EvalMethod {
    Hybrid,     // ours: RecBuilder / RecIndex with EvalOptions::hybrid
    Popularity, // most interactions in train, minus the user's history
    ItemKnn,    // plain cosine item-kNN: same neighbour count, no shrinkage, no damping, no other signal
};

struct EvalOptions {
    size_t k = 20;
    double test_fraction = 0.2;
    SplitKind split = SplitKind::PerUser;
    size_t max_users = 5000; // users evaluated (a seeded sample of those with a relevant test item)
    float min_weight = 0;    // a test interaction is relevant when its weight is above this
    uint64_t seed = 1;
    RecConfig hybrid;
    std::vector<EvalMethod> methods = {EvalMethod::Hybrid, EvalMethod::Popularity, EvalMethod::ItemKnn};
    bool related = true; // also score related videos (with Hybrid and ItemKnn among the methods)
};

struct MethodResult {
    std::string method;
    double recall = 0;
    double ndcg = 0;
    double coverage = 0; // distinct items recommended to the evaluated users / catalogue size
    double build_s = 0;
    double query_p50_ms = 0;
    double query_p99_ms = 0;
};

struct EvalReport {
    size_t users = 0, items = 0, interactions = 0, train_interactions = 0, evaluated_users = 0;
    std::vector<MethodResult> rows;
    std::vector<MethodResult> related_rows; // ours, item-kNN, tag search (only when items have tags)
};

// `items` may be null (no content signal: titles unknown, every item on its own channel).
EvalReport evaluate(const InteractionLog& log, const ItemCatalogue* items, const EvalOptions& options);

std::string formatReport(const EvalReport& report, size_t k);

RecConfig plainItemKnnConfig(size_t neighbours_per_item);

// `key=value` overrides of RecConfig for experiments (receval --set), e.g. rp3_beta=0.4, cf_method=cosine.
Result<void> applyConfigOption(RecConfig& config, std::string_view assignment);

} // namespace fc::server::discovery::recs
