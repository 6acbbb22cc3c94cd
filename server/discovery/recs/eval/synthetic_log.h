#pragma once
// Synthetic interaction logs with latent tastes, for tests and the benchmark (no public log is available
// offline). Items belong to channels and to one main latent topic (sometimes a second one); their text is
// drawn from their topics' vocabularies, so content similarity carries real signal. Item popularity is
// Zipf-distributed. Users like 1-3 topics; they watch in sessions that stay on one of their topics, pick
// items among those already published (favouring popular and, a quarter of the time, recent ones), and the
// fraction watched grows with how well the item's topics match their tastes. A tenth of the picks are
// taste-blind (popularity only).
#include <cstdint>

#include "server/discovery/recs/eval/interaction_log.h"

namespace fc::server::discovery::recs {

struct SyntheticConfig {
    size_t users = 2000;
    size_t items = 2000;
    size_t topics = 20;
    double interactions_per_user = 50; // mean; per user it varies (heavy-tailed), at least 3
    size_t channels = 0;               // 0: items / 25
    double zipf_exponent = 1.0;
    int days = 180;
    int64_t start_s = 1'700'000'000;
    uint64_t seed = 1;
};

struct SyntheticData {
    InteractionLog log;
    ItemCatalogue items; // every item known, with channel and publication time
};

SyntheticData generateSyntheticLog(const SyntheticConfig& config);

} // namespace fc::server::discovery::recs
