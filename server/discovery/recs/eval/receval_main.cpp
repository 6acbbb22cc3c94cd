// framecast-receval: the recommendation model's offline evaluation (issue #7).
//
//   framecast-receval --log FILE [--items FILE] [options]     the evaluation table for a log
//   framecast-receval --generate OUT [--users N --items M --seed S --per-user X --topics T]
//                                                             a synthetic log (OUT) and its items
//                                                             (OUT.items.tsv)
//   framecast-receval --latency [--items M --users N --history H --queries Q --seed S]
//                                                             build time, memory and query latency at scale
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "server/discovery/recs/eval/evaluation.h"
#include "server/discovery/recs/eval/latency_bench.h"
#include "server/discovery/recs/eval/synthetic_log.h"

using namespace fc::server::discovery::recs;

namespace {

constexpr const char* kUsage = R"(usage:
  framecast-receval --log FILE [--items FILE] [--split user|global] [--test-fraction F] [--k K]
                    [--eval-users N] [--min-weight W] [--methods ours,popularity,itemknn] [--set key=value]...
      Temporal split of a `user item weight timestamp` log (per user: the last 20% of each user's
      interactions by time are test; or one global time cut), then Recall@K, NDCG@K (K = 20) and catalogue
      coverage of ours, a popularity baseline and plain cosine item-kNN. --items: TSV
      item<TAB>title<TAB>category<TAB>tags[<TAB>channel[<TAB>published]] for the content signal.
      --set overrides a model setting (RecConfig field), e.g. --set rp3_beta=0.4.
  framecast-receval --generate OUT [--users N] [--items M] [--seed S] [--per-user X] [--topics T]
      Writes a synthetic log with latent tastes to OUT and its item file to OUT.items.tsv.
  framecast-receval --latency [--items M] [--users N] [--per-user X] [--history H] [--queries Q] [--seed S]
      Builds the model on a synthetic log (default 100,000 items, 20,000 users, 50 per user) and times
      recommend() for H-item histories (default 1,000) against the popularity baseline.
)";

int fail(const std::string& message) {
    std::fprintf(stderr, "framecast-receval: %s\n", message.c_str());
    return 2;
}

bool number(const std::string& text, double& out) {
    try {
        size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size();
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string mode, log_path, items_path, generate_path;
    EvalOptions eval;
    SyntheticConfig synthetic;
    LatencyOptions latency;
    bool items_given = false, users_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto next = [&](std::string& out) {
            if (i + 1 >= argc)
                return false;
            out = argv[++i];
            return true;
        };
        std::string value;
        double n = 0;
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (arg == "--log" && next(log_path)) {
            mode = "log";
        } else if (arg == "--generate" && next(generate_path)) {
            mode = "generate";
        } else if (arg == "--latency") {
            mode = "latency";
        } else if (arg == "--items" && next(value)) {
            items_path = value; // a file for --log, a count otherwise
            if (number(value, n)) {
                synthetic.items = latency.items = size_t(n);
                items_given = true;
            }
        } else if (arg == "--users" && next(value) && number(value, n)) {
            synthetic.users = latency.users = size_t(n);
            users_given = true;
        } else if (arg == "--seed" && next(value) && number(value, n)) {
            synthetic.seed = latency.seed = eval.seed = uint64_t(n);
        } else if (arg == "--per-user" && next(value) && number(value, n)) {
            synthetic.interactions_per_user = latency.interactions_per_user = n;
        } else if (arg == "--topics" && next(value) && number(value, n)) {
            synthetic.topics = size_t(n);
        } else if (arg == "--history" && next(value) && number(value, n)) {
            latency.history = size_t(n);
        } else if (arg == "--queries" && next(value) && number(value, n)) {
            latency.queries = size_t(n);
        } else if (arg == "--split" && next(value) && (value == "user" || value == "global")) {
            eval.split = value == "user" ? SplitKind::PerUser : SplitKind::Global;
        } else if (arg == "--test-fraction" && next(value) && number(value, n) && n > 0 && n < 1) {
            eval.test_fraction = n;
        } else if (arg == "--k" && next(value) && number(value, n) && n >= 1) {
            eval.k = size_t(n);
        } else if (arg == "--eval-users" && next(value) && number(value, n) && n >= 1) {
            eval.max_users = size_t(n);
        } else if (arg == "--min-weight" && next(value) && number(value, n)) {
            eval.min_weight = float(n);
        } else if (arg == "--methods" && next(value)) {
            eval.methods.clear();
            size_t start = 0;
            while (start <= value.size()) {
                const size_t comma = std::min(value.find(',', start), value.size());
                const std::string name = value.substr(start, comma - start);
                if (name == "ours")
                    eval.methods.push_back(EvalMethod::Hybrid);
                else if (name == "popularity")
                    eval.methods.push_back(EvalMethod::Popularity);
                else if (name == "itemknn")
                    eval.methods.push_back(EvalMethod::ItemKnn);
                else
                    return fail("unknown method " + name + " (ours, popularity, itemknn)");
                start = comma + 1;
            }
        } else if (arg == "--set" && next(value)) {
            if (const auto applied = applyConfigOption(eval.hybrid, value); !applied)
                return fail(applied.error().message);
        } else {
            std::fputs(kUsage, stderr);
            return fail("bad or incomplete argument: " + arg);
        }
    }

    if ((mode == "generate" || mode == "latency") && !items_path.empty() && !items_given)
        return fail("--items needs a number with --" + mode);
    if (mode == "generate") {
        if (!items_given)
            synthetic.items = 2000;
        if (!users_given)
            synthetic.users = 2000;
        const SyntheticData data = generateSyntheticLog(synthetic);
        std::ofstream log_out(generate_path), items_out(generate_path + ".items.tsv");
        if (!log_out || !items_out)
            return fail("cannot write " + generate_path);
        log_out << "# framecast-receval synthetic log: user item weight timestamp (seed " << synthetic.seed
                << ")\n";
        writeLog(data.log, log_out);
        writeItems(data.log, data.items, items_out);
        std::fprintf(stderr, "wrote %zu interactions (%zu users, %zu items) to %s and %s.items.tsv\n",
                     data.log.interactions.size(), data.log.user_ids.size(), data.log.item_ids.size(),
                     generate_path.c_str(), generate_path.c_str());
        return 0;
    }
    if (mode == "latency") {
        std::fputs(runLatencyBench(latency).c_str(), stdout);
        return 0;
    }
    if (mode != "log") {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto log = readLogFile(log_path);
    if (!log)
        return fail(log.error().message);
    ItemCatalogue catalogue;
    const bool with_items = !items_path.empty(); // with --log, --items is always a file
    if (with_items) {
        auto read = readItemsFile(items_path, *log);
        if (!read)
            return fail(read.error().message);
        catalogue = std::move(*read);
    }
    const EvalReport report = evaluate(*log, with_items ? &catalogue : nullptr, eval);
    std::fputs(formatReport(report, eval.k).c_str(), stdout);
    return 0;
}
