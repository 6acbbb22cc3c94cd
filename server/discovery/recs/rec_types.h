#pragma once
// The vocabulary of the recommendation model (docs/API.md §17): dense indexes for users, items and channels
// (the server maps its string ids to them), implicit-feedback interactions, item features for the content
// signal, and scored recommendations with the reason each was chosen.
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

struct RecConfig {
    size_t neighbours_per_item = 50; // item-to-item lists kept per item (CF and content)
    double mmr_lambda = 0.7;         // relevance vs diversity in the re-ranking
    size_t max_per_channel_per_20 = 3;
    double freshness_half_life_days = 14;
    // Signal weights of the hybrid; the offline evaluation (framecast-receval) is where they were chosen.
    double cf_weight = 1.0;
    double content_weight = 0.35;
    double subscription_weight = 0.5;
    double popularity_weight = 0.1;
};

} // namespace fc::server::discovery::recs
