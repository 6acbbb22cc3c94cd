// framecast-recs-bench: request latency of the recommendation routes (issue #7), against a running
// framecastd.
//
//   framecast-recs-bench --server http://127.0.0.1:PORT --token TOKEN --related VIDEO_ID --reference VIDEO_ID
//                        [--requests 2000] [--warmup 100] [--only page1|page2|related|reference]
//
// Sequential requests over one keep-alive connection (libcurl, core/transfer's HttpClient), interleaved so
// the four targets share the same conditions: GET /api/v1/recommendations?limit=20 (page 1: a fresh ranking
// for the signed-in user), the same feed's page 2 through its cursor, GET /api/v1/videos/<related>/related,
// and GET /api/v1/videos/<reference> as the reference route (one row by primary key). Prints one JSON object
// with p50/p99/max per target in ms (client time: request written to body read). --only runs one target alone
// (page2 then reads the same cursor over and over), so the caller can charge the server's CPU time to it.
// Exit 1 when a request fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/transfer/http_client.h"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index =
        std::min(values.size() - 1, static_cast<size_t>(p * double(values.size() - 1) + 0.5));
    return values[index];
}

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback = {}) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return argv[i + 1];
    return fallback;
}

struct Target {
    std::string name;
    std::vector<double> ms;
};

} // namespace

int main(int argc, char** argv) {
    const std::string server = option(argc, argv, "--server");
    const std::string token = option(argc, argv, "--token");
    const std::string related = option(argc, argv, "--related");
    const std::string reference = option(argc, argv, "--reference");
    const int requests = std::atoi(option(argc, argv, "--requests", "2000").c_str());
    const int warmup = std::atoi(option(argc, argv, "--warmup", "100").c_str());
    const std::string only = option(argc, argv, "--only");
    const auto runs = [&only](const char* target) { return only.empty() || only == target; };
    if (server.empty() || token.empty() || related.empty() || reference.empty() || requests <= 0) {
        std::fprintf(stderr,
                     "usage: framecast-recs-bench --server URL --token TOKEN --related ID --reference ID "
                     "[--requests N] [--warmup N]\n");
        return 2;
    }

    fc::transfer::HttpClient http;
    std::string failure;
    // One GET; its body (empty on failure, with `failure` set) and the elapsed ms.
    const auto get = [&](const std::string& path, double& elapsed_ms) -> std::string {
        fc::transfer::HttpCall call;
        call.url = server + path;
        call.headers = {{"Authorization", "Bearer " + token}};
        const auto started = Clock::now();
        auto reply = http.perform(call);
        elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        if (!reply || reply->status != 200) {
            failure = path + ": " +
                      (reply ? std::to_string(reply->status) + " " + reply->body : reply.error().message);
            return {};
        }
        return std::move(reply->body);
    };

    std::map<std::string, Target> targets;
    size_t first_page_items = 0;
    std::string cursor;
    for (int i = -warmup; i < requests && failure.empty(); ++i) {
        double ms = 0;
        if (runs("page1") || (runs("page2") && cursor.empty())) {
            const std::string page = get("/api/v1/recommendations?limit=20", ms);
            if (page.empty())
                break;
            if (i >= 0 && runs("page1"))
                targets["recommendations_page1"].ms.push_back(ms);
            const auto json = nlohmann::json::parse(page, nullptr, false);
            first_page_items = json.is_object() ? json["items"].size() : 0;
            cursor = json.is_object() && json["next_cursor"].is_string()
                         ? json["next_cursor"].get<std::string>()
                         : std::string();
        }
        if (runs("page2") && !cursor.empty()) {
            if (get("/api/v1/recommendations?limit=20&cursor=" + cursor, ms).empty())
                break;
            if (i >= 0)
                targets["recommendations_page2"].ms.push_back(ms);
        }
        if (runs("related")) {
            if (get("/api/v1/videos/" + related + "/related?limit=20", ms).empty())
                break;
            if (i >= 0)
                targets["related"].ms.push_back(ms);
        }
        if (runs("reference")) {
            if (get("/api/v1/videos/" + reference, ms).empty())
                break;
            if (i >= 0)
                targets["reference_video"].ms.push_back(ms);
        }
    }
    if (!failure.empty()) {
        std::fprintf(stderr, "framecast-recs-bench: %s\n", failure.c_str());
        return 1;
    }
    nlohmann::json out = {{"requests", requests}, {"first_page_items", first_page_items}};
    for (const auto& [name, target] : targets) {
        out[name + "_p50_ms"] = percentile(target.ms, 0.50);
        out[name + "_p99_ms"] = percentile(target.ms, 0.99);
        out[name + "_max_ms"] = target.ms.empty() ? 0 : *std::max_element(target.ms.begin(), target.ms.end());
        out[name + "_count"] = target.ms.size();
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
