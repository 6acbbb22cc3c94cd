#include "server/discovery/recs/eval/latency_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <numeric>
#include <random>
#include <unordered_set>

#include "server/discovery/recs/eval/synthetic_log.h"
#include "server/discovery/recs/rec_builder.h"
#include "server/discovery/recs/rec_index_data.h"

namespace fc::server::discovery::recs {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: unlike wall time it does not count the time other processes ran on the same core.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Timings {
    std::vector<double> wall_ms, cpu_ms;
};

// Times one call, wall and CPU.
template <class F> void timed(Timings& t, F&& f) {
    const double cpu = threadCpuMs();
    const auto wall = Clock::now();
    f();
    t.wall_ms.push_back(msSince(wall));
    t.cpu_ms.push_back(threadCpuMs() - cpu);
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

long statusKib(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0)
            return std::stol(line.substr(prefix.size()));
    return 0;
}

std::string row(const char* what, const Timings& t) {
    char line[200];
    std::snprintf(line, sizeof line, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |\n", what,
                  percentile(t.wall_ms, 0.5), percentile(t.wall_ms, 0.99), percentile(t.wall_ms, 1.0),
                  percentile(t.cpu_ms, 0.5), percentile(t.cpu_ms, 0.99));
    return line;
}

std::string stats(const PublishStats& s) {
    char line[300];
    std::snprintf(
        line, sizeof line,
        "CF %s %zu rows + %zu pair updates + %zu stale rows in %.0f ms; content %s %zu items in %.0f ms",
        s.cf_full ? "full," : "incremental,", s.cf_rows, s.cf_pair_updates, s.cf_stale_rows, s.cf_ms,
        s.content_full ? "full," : "incremental,", s.content_items, s.content_ms);
    return line;
}

} // namespace

std::string runLatencyBench(const LatencyOptions& options) {
    SyntheticConfig synthetic;
    synthetic.items = options.items;
    synthetic.users = options.users;
    synthetic.interactions_per_user = options.interactions_per_user;
    synthetic.seed = options.seed;
    std::fprintf(stderr, "[receval] generating %zu users x %zu items\n", options.users, options.items);
    const SyntheticData data = generateSyntheticLog(synthetic);
    const long rss_before_kib = statusKib("VmRSS");

    std::fprintf(stderr, "[receval] building the index (%zu interactions)\n", data.log.interactions.size());
    auto start = Clock::now();
    double cpu_start = processCpuMs();
    RecBuilder builder;
    std::vector<double> count(options.items, 0);
    for (const auto& i : data.log.interactions)
        count[i.item] += 1;
    for (ItemIndex item = 0; item < options.items; ++item) {
        ItemFeatures f = data.items.features[item];
        f.popularity = std::log1p(count[item]);
        builder.setItem(item, std::move(f));
    }
    builder.addInteractions(data.log.interactions);
    auto index = builder.publish();
    const double build_ms = msSince(start);
    const double build_cpu_ms = processCpuMs() - cpu_start;
    const PublishStats build_stats = builder.lastPublishStats();
    const long rss_after_kib = statusKib("VmRSS");

    // Long histories: the interactions of random users, concatenated until `history` distinct items.
    std::vector<std::vector<Interaction>> by_user(data.log.user_ids.size());
    for (const auto& i : data.log.interactions)
        by_user[i.user].push_back(i);
    std::mt19937_64 rng(options.seed);
    std::vector<UserQuery> queries(options.queries);
    int64_t now_ms = 0;
    for (const auto& i : data.log.interactions)
        now_ms = std::max(now_ms, i.at_ms);
    for (auto& q : queries) {
        std::unordered_set<ItemIndex> seen;
        while (q.history.size() < options.history) {
            for (const auto& i : by_user[rng() % by_user.size()])
                if (q.history.size() < options.history && seen.insert(i.item).second)
                    q.history.push_back(i);
        }
        q.subscribed_channels = {ChannelIndex(rng() % 100), ChannelIndex(rng() % 100)};
        q.now_ms = now_ms;
        q.count = options.count;
    }

    Timings ours, ours500, related, popularity;
    size_t answered = 0;
    for (auto& q : queries) {
        timed(ours, [&] { answered += index->recommend(q).size(); });
        q.count = 500;
        timed(ours500, [&] { answered += index->recommend(q).size(); });
        q.count = options.count;
        timed(related, [&] {
            answered += index->related(RelatedQuery{q.history.front().item, {}, now_ms, 20}).size();
        });
    }
    // The reference: popularity order minus the history (the baseline of the evaluation), same queries.
    std::vector<ItemIndex> order(options.items);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](ItemIndex a, ItemIndex b) { return count[a] > count[b]; });
    for (const auto& q : queries) {
        timed(popularity, [&] {
            std::unordered_set<ItemIndex> seen;
            for (const auto& i : q.history)
                seen.insert(i.item);
            std::vector<ItemIndex> out;
            for (size_t p = 0; p < order.size() && out.size() < q.count; ++p)
                if (!seen.count(order[p]))
                    out.push_back(order[p]);
            answered += out.size();
        });
    }

    // Incremental refreshes: a burst of 1,000 new interactions from existing users, then a quiet 20.
    struct Refresh {
        size_t interactions = 0;
        double wall_ms = 0, cpu_ms = 0, shared = 0;
        PublishStats stats;
    };
    std::vector<Refresh> refreshes;
    auto previous = index;
    for (const size_t size : {size_t(1000), size_t(20)}) {
        std::vector<Interaction> fresh;
        for (size_t n = 0; n < size; ++n)
            fresh.push_back(Interaction{UserIndex(rng() % options.users), ItemIndex(rng() % options.items),
                                        0.8f, now_ms + int64_t(n)});
        Refresh r;
        r.interactions = size;
        start = Clock::now();
        cpu_start = processCpuMs();
        builder.addInteractions(fresh);
        auto next = builder.publish();
        r.wall_ms = msSince(start);
        r.cpu_ms = processCpuMs() - cpu_start;
        r.stats = builder.lastPublishStats();
        const auto& a = previous->data();
        const auto& b = next->data();
        r.shared = double(b.cf.sharedBlocksWith(a.cf) + b.content.sharedBlocksWith(a.content)) /
                   double(b.cf.blockCount() + b.content.blockCount());
        refreshes.push_back(r);
        previous = next;
    }

    char text[2048];
    std::string out;
    std::snprintf(
        text, sizeof text,
        "Synthetic catalogue: %zu items, %zu users, %zu interactions; queries: %zu users with %zu-item "
        "histories (and 2 subscriptions each).\n\n"
        "| index | wall | CPU | detail |\n| --- | ---: | ---: | --- |\n"
        "| full build (setItem + addInteractions + publish) | %.2f s | %.2f s | publish(): %s |\n",
        options.items, options.users, data.log.interactions.size(), options.queries, options.history,
        build_ms / 1000, build_cpu_ms / 1000, stats(build_stats).c_str());
    out += text;
    for (const auto& r : refreshes) {
        std::snprintf(
            text, sizeof text,
            "| refresh: %zu new interactions, addInteractions + publish() | %.0f ms | %.0f ms | %s; %.0f %% "
            "of the neighbour-list blocks shared with the previous snapshot |\n",
            r.interactions, r.wall_ms, r.cpu_ms, stats(r.stats).c_str(), r.shared * 100);
        out += text;
    }
    std::snprintf(text, sizeof text,
                  "| memory added by the builder and its index (VmRSS) | %.0f MiB | | |\n"
                  "| peak RSS of the process (VmHWM, includes the generated log) | %.0f MiB | | |\n\n",
                  double(rss_after_kib - rss_before_kib) / 1024, double(statusKib("VmHWM")) / 1024);
    out += text;
    out += "| query | wall p50 ms | wall p99 ms | wall max ms | CPU p50 ms | CPU p99 ms |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    out += row("recommend(), 20 items", ours);
    out += row("recommend(), 500 items (a full feed)", ours500);
    out += row("related(), 20 items", related);
    out += row("reference: popularity baseline, 20 items", popularity);
    std::fprintf(stderr, "[receval] %zu items answered\n", answered);
    return out;
}

} // namespace fc::server::discovery::recs
