#pragma once
// framecast-receval --latency: the model at production scale on a synthetic log — index build time and
// memory, recommend() and related() latency for users with long histories (the popularity baseline's query
// time in the same run is the reference), and the cost of an incremental refresh.
#include <cstdint>
#include <string>

namespace fc::server::discovery::recs {

struct LatencyOptions {
    size_t items = 100'000;
    size_t users = 20'000;
    double interactions_per_user = 50;
    size_t history = 1000;
    size_t queries = 1000;
    size_t count = 20;
    uint64_t seed = 7;
};

// Prints progress to stderr and returns the Markdown report.
std::string runLatencyBench(const LatencyOptions& options);

} // namespace fc::server::discovery::recs
