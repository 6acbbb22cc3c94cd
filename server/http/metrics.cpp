#include "server/http/metrics.h"

#include <array>
#include <sstream>

namespace fc::server {
namespace {

constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,   0.25,   0.5,   1,    2.5,   10};

std::string escapeLabel(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

void Metrics::observeRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
    std::lock_guard lock(m_mutex);
    RouteStats& stats = m_routes[{route, method}];
    if (stats.bucket_counts.empty())
        stats.bucket_counts.assign(kBuckets.size(), 0);
    stats.by_status[status]++;
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            stats.bucket_counts[i]++;
    stats.sum_seconds += seconds;
    stats.count++;
}

void Metrics::add(const std::string& name, const std::string& help, double value) {
    std::lock_guard lock(m_mutex);
    Scalar& scalar = m_scalars[name];
    scalar.help = help;
    scalar.counter = true;
    scalar.value += value;
}

void Metrics::set(const std::string& name, const std::string& help, double value) {
    std::lock_guard lock(m_mutex);
    Scalar& scalar = m_scalars[name];
    scalar.help = help;
    scalar.counter = false;
    scalar.value = value;
}

void Metrics::addGaugeSource(const std::string& name, const std::string& help, const std::string& label,
                             GaugeSource source) {
    std::lock_guard lock(m_mutex);
    m_sources[name] = Source{help, label, std::move(source)};
}

std::string Metrics::renderPrometheus() {
    std::map<std::string, Source> sources;
    std::ostringstream out;
    {
        std::lock_guard lock(m_mutex);
        sources = m_sources;
        out << "# HELP framecast_http_requests_total HTTP requests by route, method and status.\n"
               "# TYPE framecast_http_requests_total counter\n";
        for (const auto& [key, stats] : m_routes)
            for (const auto& [status, count] : stats.by_status)
                out << "framecast_http_requests_total{route=\"" << escapeLabel(key.first) << "\",method=\""
                    << key.second << "\",status=\"" << status << "\"} " << count << '\n';
        out << "# HELP framecast_http_request_duration_seconds Time from request header to response, by "
               "route.\n"
               "# TYPE framecast_http_request_duration_seconds histogram\n";
        for (const auto& [key, stats] : m_routes) {
            const std::string labels =
                "route=\"" + escapeLabel(key.first) + "\",method=\"" + key.second + "\"";
            for (size_t i = 0; i < kBuckets.size(); ++i)
                out << "framecast_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
                    << "\"} " << stats.bucket_counts[i] << '\n';
            out << "framecast_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
                << stats.count << '\n';
            out << "framecast_http_request_duration_seconds_sum{" << labels << "} " << stats.sum_seconds
                << '\n';
            out << "framecast_http_request_duration_seconds_count{" << labels << "} " << stats.count << '\n';
        }
        for (const auto& [name, scalar] : m_scalars)
            out << "# HELP " << name << ' ' << scalar.help << "\n# TYPE " << name << ' '
                << (scalar.counter ? "counter" : "gauge") << '\n'
                << name << ' ' << scalar.value << '\n';
    }
    // Sources may query the database: call them outside the lock.
    for (const auto& [name, source] : sources) {
        out << "# HELP " << name << ' ' << source.help << "\n# TYPE " << name << " gauge\n";
        for (const auto& [labelValue, value] : source.source())
            out << name << '{' << source.label << "=\"" << escapeLabel(labelValue) << "\"} " << value << '\n';
    }
    return out.str();
}

} // namespace fc::server
