// framecast-abrsim: every ABR algorithm on every throughput trace of a directory, one table.
//
//   framecast-abrsim --traces DIR [--algorithms a,b,...] [--chunk-sizes DIR] [--rtt-ms 80] [--free-startup]
//                    [--per-trace]
//
// QoE_lin charges the start-up delay like rebuffering (Pensieve's convention) unless --free-startup is given;
// the rebuffer columns count mid-playback stalls only either way.
//
// Algorithms: the online controllers (makeAbrController) and "optimum" (offline_optimum.h). Exit 0 on
// success, 2 on bad input (unknown option or algorithm, unreadable traces or chunk sizes).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/playback/abr_controller.h"
#include "core/playback/offline_optimum.h"
#include "core/playback/session_simulator.h"
#include "core/playback/trace.h"

using namespace fc::playback;

namespace {

constexpr const char* kUsage =
    "usage: framecast-abrsim --traces DIR [--algorithms a,b,...] [--chunk-sizes DIR] [--rtt-ms 80] "
    "[--free-startup] [--per-trace]\n"
    "  --traces DIR       directory of throughput traces (`<time_s>\\t<mbps>` lines), one session per file\n"
    "  --algorithms LIST  comma-separated; default framecast,hlsjs,bola,spec,optimum\n"
    "  --chunk-sizes DIR  video_size_0..5 (bytes per 4 s segment per rung); default "
    "DIR/../pensieve-chunk-sizes\n"
    "  --rtt-ms N         request round-trip time (default 80)\n"
    "  --segments N       segments per session, the first N of the chunk-size files (default 48)\n"
    "  --free-startup     do not charge the start-up delay in QoE_lin (default: 4.3 per second, as "
    "rebuffering)\n"
    "  --per-trace        also print QoE_lin per trace and algorithm\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "framecast-abrsim: %s\n%s", message.c_str(), kUsage);
    return 2;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty())
            out.push_back(item);
    return out;
}

bool have_optimum_rows(const std::map<std::string, double>& row) {
    return row.count("optimum") > 0;
}

struct Totals {
    double qoe = 0, bitrate_kbps = 0, rebuffer_s = 0, played_s = 0, switches = 0, startup_s = 0, abandons = 0;
    double seconds = 0;
    int sessions = 0;
};

} // namespace

int main(int argc, char** argv) {
    std::string traces_dir, chunk_dir;
    std::vector<std::string> algorithms = abrControllerNames();
    algorithms.push_back("optimum");
    SimOptions options;
    bool per_trace = false;
    int segments = kPensieveSegments;
    size_t peak_states = 0;
    double grid_s = kOptimumGridS;

    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (arg == "--per-trace") {
            per_trace = true;
        } else if (arg == "--free-startup") {
            options.charge_startup = false;
        } else if (arg == "--traces" || arg == "--chunk-sizes" || arg == "--algorithms" ||
                   arg == "--rtt-ms" || arg == "--segments") {
            const char* v = value();
            if (!v)
                return usageError(arg + " needs a value");
            if (arg == "--traces")
                traces_dir = v;
            else if (arg == "--chunk-sizes")
                chunk_dir = v;
            else if (arg == "--algorithms")
                algorithms = splitList(v);
            else if (arg == "--segments") {
                char* end = nullptr;
                const long count = std::strtol(v, &end, 10);
                if (end == v || *end != '\0' || count < 1 || count > 100000)
                    return usageError(std::string("--segments must be a positive whole number, got ") + v);
                segments = static_cast<int>(count);
            } else {
                char* end = nullptr;
                options.rtt_ms = std::strtod(v, &end);
                if (end == v || *end != '\0' || options.rtt_ms < 0 || options.rtt_ms > 60000)
                    return usageError(std::string("--rtt-ms must be a number of milliseconds, got ") + v);
            }
        } else {
            return usageError("unknown argument " + arg);
        }
    }
    if (traces_dir.empty())
        return usageError("--traces DIR is required");
    if (algorithms.empty())
        return usageError("--algorithms is empty");
    for (const std::string& name : algorithms)
        if (name != "optimum" && !makeAbrController(name))
            return usageError("unknown algorithm " + name);
    if (chunk_dir.empty()) {
        const auto sibling =
            std::filesystem::path(traces_dir).lexically_normal().parent_path() / "pensieve-chunk-sizes";
        std::error_code ec;
        if (!std::filesystem::is_directory(sibling, ec))
            return usageError("no --chunk-sizes given and " + sibling.string() + " does not exist");
        chunk_dir = sibling.string();
    }
    auto traces = loadTraceDirectory(traces_dir);
    if (!traces)
        return usageError(traces.error().message);
    auto ladder = loadChunkSizes(chunk_dir, segments);
    if (!ladder)
        return usageError(ladder.error().message);

    std::map<std::string, Totals> totals;
    std::vector<std::map<std::string, double>> qoe_per_trace(traces->size());
    std::vector<std::map<std::string, double>> rebuffer_per_trace(traces->size());
    for (size_t k = 0; k < traces->size(); ++k) {
        const Trace& trace = (*traces)[k];
        for (const std::string& name : algorithms) {
            const auto started = std::chrono::steady_clock::now();
            SessionResult session;
            if (name == "optimum") {
                OptimumResult optimum = offlineOptimum(trace, *ladder, options, grid_s);
                peak_states = std::max(peak_states, optimum.peak_states);
                session = std::move(optimum.session);
            } else {
                auto controller = makeAbrController(name);
                session = simulateSession(trace, *ladder, *controller, options);
            }
            Totals& t = totals[name];
            t.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            t.qoe += session.qoe_lin;
            t.bitrate_kbps += session.mean_bitrate_kbps;
            t.rebuffer_s += session.rebuffer_s;
            t.played_s += session.played_s;
            t.switches += session.switches;
            t.startup_s += session.startup_s;
            t.abandons += session.abandonments;
            ++t.sessions;
            qoe_per_trace[k][name] = session.qoe_lin;
            rebuffer_per_trace[k][name] = session.rebuffer_s;
        }
    }

    const bool have_optimum = totals.count("optimum") > 0;
    std::printf(
        "%zu traces from %s; ladder %s (%d segments of %.0f s, %d rungs); RTT %.0f ms; buffer cap %.0f "
        "s; start-up %s\n\n",
        traces->size(), traces_dir.c_str(), chunk_dir.c_str(), ladder->segmentCount(), options.segment_s,
        ladder->rungCount(), options.rtt_ms, options.buffer_capacity_s,
        options.charge_startup ? "charged in QoE_lin" : "free (not in QoE_lin)");
    std::printf("| algorithm | mean QoE_lin | %% of optimum | mean bitrate kb/s | rebuffer ratio %% | "
                "rebuffer ratio %% where avoidable | switches / session | abandons / session | startup s | "
                "run time s |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    // Traces the optimum plays without any stall: there, rebuffering was avoidable.
    std::vector<size_t> avoidable;
    for (size_t k = 0; k < traces->size(); ++k)
        if (have_optimum_rows(qoe_per_trace[k]) && rebuffer_per_trace[k]["optimum"] == 0)
            avoidable.push_back(k);
    const double optimum_mean = have_optimum ? totals["optimum"].qoe / totals["optimum"].sessions : 0;
    for (const std::string& name : algorithms) {
        const Totals& t = totals[name];
        const double n = t.sessions;
        const double mean = t.qoe / n;
        char percent[32] = "–";
        if (have_optimum && optimum_mean > 0)
            std::snprintf(percent, sizeof percent, "%.1f", 100 * mean / optimum_mean);
        char avoidable_ratio[32] = "–";
        if (!avoidable.empty()) {
            double rebuffer = 0;
            for (size_t k : avoidable)
                rebuffer += rebuffer_per_trace[k][name];
            const double played =
                double(avoidable.size()) * double(ladder->segmentCount()) * options.segment_s;
            std::snprintf(avoidable_ratio, sizeof avoidable_ratio, "%.3f",
                          100 * rebuffer / (rebuffer + played));
        }
        std::printf("| %s | %.2f | %s | %.0f | %.3f | %s | %.1f | %.2f | %.2f | %.2f |\n", name.c_str(), mean,
                    percent, t.bitrate_kbps / n, 100 * t.rebuffer_s / (t.rebuffer_s + t.played_s),
                    avoidable_ratio, t.switches / n, t.abandons / n, t.startup_s / n, t.seconds);
    }
    int violations = 0;
    if (have_optimum) {
        for (size_t k = 0; k < traces->size(); ++k)
            for (const auto& [name, qoe] : qoe_per_trace[k])
                if (name != "optimum" && qoe > qoe_per_trace[k]["optimum"] + 1e-6) {
                    ++violations;
                    std::fprintf(stderr,
                                 "framecast-abrsim: warning: %s beats the optimum on %s (%.3f > %.3f)\n",
                                 name.c_str(), (*traces)[k].name().c_str(), qoe, qoe_per_trace[k]["optimum"]);
                }
    }
    std::printf("\nQoE_lin = sum bitrate_Mbps - 4.3 x %s - sum |delta bitrate_Mbps| per session (%d "
                "segments); rebuffer ratio = total mid-playback rebuffer / (rebuffer + played), start-up not "
                "included; \"where avoidable\": over the %zu traces the optimum plays without a mid-playback "
                "stall; %% of optimum = ratio of the mean QoE_lin.%s\n",
                options.charge_startup ? "(rebuffer_s + startup_s)" : "rebuffer_s (start-up free)",
                ladder->segmentCount(), avoidable.size(),
                have_optimum ? (violations ? " WARNING: some online result beats the optimum (see stderr)."
                                           : " The optimum is >= every online algorithm on every trace.")
                             : "");
    if (have_optimum)
        std::printf("The optimum's DP kept at most %zu states per segment.\n", peak_states);
    if (per_trace) {
        std::printf("\n| trace |");
        for (const std::string& name : algorithms)
            std::printf(" %s |", name.c_str());
        std::printf("\n| --- |");
        for (size_t i = 0; i < algorithms.size(); ++i)
            std::printf(" --- |");
        std::printf("\n");
        for (size_t k = 0; k < traces->size(); ++k) {
            std::printf("| %s |", (*traces)[k].name().c_str());
            for (const std::string& name : algorithms)
                std::printf(" %.2f |", qoe_per_trace[k][name]);
            std::printf("\n");
        }
    }
    return 0;
}
