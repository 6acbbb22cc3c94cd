#pragma once
// The vocabulary of the recommendation model (docs/API.md §17): dense indexes for users, items and channels
// (the server maps its string ids to them), implicit-feedback interactions, item features for the content
// signal, and scored recommendations with the reason each was chosen.
//
// Changes to the first contract (model helper, issue #7): RecConfig::content_weight's default went from 0.35
// to 0.15 (the offline evaluation: content above ~0.2 lowered NDCG@20, see docs/PERFORMANCE.md); RecConfig
// gained members after popularity_weight, and the CfMethod enum. Nothing was removed or renamed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fc::server::discovery::recs {

using UserIndex = uint32_t;
using ItemIndex = uint32_t;
using ChannelIndex = uint32_t;

// One user's feedback on one item. A user watching an item again is a new Interaction with the new weight;
// the model keeps the largest weight per (user, item).
struct Interaction {
    UserIndex user = 0;
    ItemIndex item = 0;
    float weight =
        0; // (0, 1]: the fraction watched, raised by a like; <= 0 means a dislike (negative evidence)
    int64_t at_ms = 0;
};

struct ItemFeatures {
    std::string title;
    std::string description;
    std::string category;
    std::vector<std::string> tags;
    ChannelIndex channel = 0;
    int64_t published_at_ms = 0;
    double popularity = 0;     // >= 0, e.g. log(1 + views) or the trending score: cold start and the prior
    bool trending = false;     // in the current trending ranking (the reason shown for cold-start items)
    bool recommendable = true; // false: still evidence for others, never returned (not public/ready, deleted)
};

enum class ReasonKind {
    BecauseYouWatched, // because_of = the history item
    Subscription,      // from a subscribed channel
    Trending,
    Popular,
    Fresh,
    WatchedTogether, // related: item-to-item collaborative filtering
    Similar,         // related: content
    SameChannel,     // related: the current item's channel
};

struct Recommendation {
    ItemIndex item = 0;
    float score = 0; // higher is better; comparable within one answer only
    ReasonKind reason = ReasonKind::Popular;
    std::optional<ItemIndex> because_of;
};

// What the model needs to know of the user asking. The history is passed in (the server reads it fresh from
// the database), so a watch made a second ago is already excluded even before the model folded it in.
struct UserQuery {
    std::vector<Interaction> history; // this user's interactions, any order; `user` is ignored
    std::vector<ChannelIndex> subscribed_channels;
    std::vector<ItemIndex> exclude; // besides the history: e.g. the user's own videos
    int64_t now_ms = 0;
    size_t count = 20; // how many to return at most (the server asks for up to 500 and pages through them)
};

struct RelatedQuery {
    ItemIndex item = 0;
    std::vector<ItemIndex> exclude; // e.g. the signed-in user's history
    int64_t now_ms = 0;
    size_t count = 20;
};

enum class CfMethod {
    Rp3Beta, // a two-step random walk item -> user -> item with a popularity penalty (Paudel et al. 2017)
    Cosine,  // cosine of the items' weighted user vectors, with shrinkage
};

struct RecConfig {
    size_t neighbours_per_item = 50; // item-to-item lists kept per item (CF and content)
    double mmr_lambda = 0.7;         // relevance vs diversity in the re-ranking
    size_t max_per_channel_per_20 = 3;
    double freshness_half_life_days = 14;
    // Signal weights of the hybrid; the offline evaluation (framecast-receval) is where they were chosen.
    double cf_weight = 1.0;
    double content_weight = 0.15;
    double subscription_weight = 0.5;
    double popularity_weight = 0.1;

    // Added by the model (not part of the first contract; all have working defaults).
    CfMethod cf_method = CfMethod::Rp3Beta;
    double rp3_beta = 0.3;              // RP3beta: a neighbour's score is divided by its popularity^beta
    double cosine_shrinkage = 10;       // Cosine: sim = dot / (|a| |b| + shrinkage), damping thin evidence
    size_t max_user_items_for_cf = 500; // a user's most recent items used for co-occurrence (power users)
    // Incremental CF (see cf_model.h): rows that a new interaction moved only a little are queued as stale
    // and recomputed by a sweep in item order, at most this many rows and this much work per publish(); the
    // rest wait for the next publish().
    size_t stale_refresh_per_publish = 5000;
    size_t stale_work_per_publish = 5'000'000; // user-item visits (~0.15 s here); popular rows cost many
    // Rows two hops from an item are queued stale once its total weight moved by this fraction since they
    // last were (0: every time, so an incremental build equals a from-scratch one as soon as the queue is
    // drained).
    double popularity_change_threshold = 0.05;
    double freshness_weight = 0.5;    // personal score x (1 + weight x 2^(-age / half-life))
    double same_channel_weight = 0.3; // related(): the current item's channel
    // The prior (cold start, and the popularity_weight part of the hybrid): popularity / max popularity, plus
    // trending_bonus when trending, plus cold_fresh_bonus x 2^(-age / half-life).
    double trending_bonus = 1.5; // above any non-trending prior: trending first in the cold start
    double cold_fresh_bonus = 0.25;
    double history_half_life_items = 50;   // a history item's weight halves every this many newer items
    size_t max_history_items = 1000;       // most recent history items that generate CF candidates
    size_t max_content_history_items = 50; // most recent history items that generate content candidates
    size_t max_subscribed_channels = 200;  // subscribed channels read per query
    size_t subscription_items_per_channel = 20;
    size_t content_max_terms = 12;     // an item's strongest terms used to find its content neighbours
    size_t content_max_postings = 200; // strongest postings read per term (impact-ordered)
    bool rerank = true;                // false: plain score order (no MMR, no cap, no freshness)
};

} // namespace fc::server::discovery::recs
