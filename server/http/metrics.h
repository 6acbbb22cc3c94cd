#pragma once
// Prometheus text exposition for /metrics: request counts and latency by route, plus named counters and
// gauges.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace fc::server {

class Metrics {
public:
    void observeRequest(const std::string& route, const std::string& method, int status, double seconds);
    void add(const std::string& name, const std::string& help, double value = 1.0); // counter
    void set(const std::string& name, const std::string& help, double value);       // gauge
    // Gauges computed at scrape time (job counts from the database); the callback returns label→value.
    using GaugeSource = std::function<std::map<std::string, double>()>;
    void addGaugeSource(const std::string& name, const std::string& help, const std::string& label,
                        GaugeSource source);

    std::string renderPrometheus();

private:
    struct RouteStats {
        std::map<int, uint64_t> by_status;
        std::vector<uint64_t> bucket_counts; // cumulative at render time
        double sum_seconds = 0;
        uint64_t count = 0;
    };
    struct Scalar {
        std::string help;
        double value = 0;
        bool counter = true;
    };
    struct Source {
        std::string help;
        std::string label;
        GaugeSource source;
    };
    std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, RouteStats> m_routes; // (route, method)
    std::map<std::string, Scalar> m_scalars;
    std::map<std::string, Source> m_sources;
};

} // namespace fc::server
