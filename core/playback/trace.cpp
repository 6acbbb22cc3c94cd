#include "core/playback/trace.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fc::playback {

Result<Trace> Trace::fromSamples(std::string name, std::vector<double> times_s, std::vector<double> mbps) {
    if (times_s.size() != mbps.size() || times_s.empty())
        return makeError("invalid_trace", name + ": no samples");
    for (size_t i = 0; i < times_s.size(); ++i) {
        if (!std::isfinite(times_s[i]) || !std::isfinite(mbps[i]) || mbps[i] < 0)
            return makeError("invalid_trace",
                             name + ": sample " + std::to_string(i + 1) + " is not a number >= 0");
        if (i > 0 && times_s[i] <= times_s[i - 1])
            return makeError("invalid_trace",
                             name + ": times must increase (sample " + std::to_string(i + 1) + ")");
    }
    Trace trace;
    trace.m_name = std::move(name);
    const double t0 = times_s.front();
    for (double& t : times_s)
        t -= t0;
    const size_t n = times_s.size();
    // The last sample lasts one mean interval (1 s for a single sample).
    const double last_len = n > 1 ? times_s.back() / double(n - 1) : 1.0;
    trace.m_period_s = times_s.back() + last_len;
    trace.m_cum_bits.assign(n + 1, 0.0);
    for (size_t i = 0; i < n; ++i) {
        const double end = i + 1 < n ? times_s[i + 1] : trace.m_period_s;
        trace.m_cum_bits[i + 1] = trace.m_cum_bits[i] + mbps[i] * 1e6 * (end - times_s[i]);
    }
    trace.m_bits_per_period = trace.m_cum_bits.back();
    if (trace.m_bits_per_period <= 0)
        return makeError("invalid_trace", trace.m_name + ": throughput is zero throughout");
    trace.m_times_s = std::move(times_s);
    trace.m_mbps = std::move(mbps);
    return trace;
}

Result<Trace> Trace::parse(std::string name, const std::string& text) {
    std::vector<double> times, rates;
    std::istringstream in(text);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        std::istringstream fields(line);
        double t = 0, mbps = 0;
        std::string rest;
        if (!(fields >> t >> mbps) || (fields >> rest))
            return makeError("invalid_trace", name + ":" + std::to_string(line_no) +
                                                  ": expected `<time_s> <mbps>`, got `" + line + "`");
        times.push_back(t);
        rates.push_back(mbps);
    }
    return fromSamples(std::move(name), std::move(times), std::move(rates));
}

Result<Trace> Trace::load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return makeError("trace_unreadable", "cannot read trace " + path);
    std::ostringstream text;
    text << file.rdbuf();
    return parse(std::filesystem::path(path).filename().string(), text.str());
}

double Trace::mbpsAt(double t_s) const {
    const double local = std::fmod(std::max(0.0, t_s), m_period_s);
    const auto it = std::upper_bound(m_times_s.begin(), m_times_s.end(), local);
    return m_mbps[size_t(it - m_times_s.begin()) - 1];
}

double Trace::bitsUntil(double t_s) const {
    t_s = std::max(0.0, t_s);
    const double loops = std::floor(t_s / m_period_s);
    const double local = t_s - loops * m_period_s;
    const auto it = std::upper_bound(m_times_s.begin(), m_times_s.end(), local);
    const size_t i = size_t(it - m_times_s.begin()) - 1;
    return loops * m_bits_per_period + m_cum_bits[i] + m_mbps[i] * 1e6 * (local - m_times_s[i]);
}

double Trace::timeAfterBits(double t_s, double bits) const {
    if (bits <= 0)
        return t_s;
    const double target = bitsUntil(t_s) + bits;
    const double loops = std::floor(target / m_bits_per_period);
    double rest = target - loops * m_bits_per_period;
    // First sample whose end reaches `rest` (zero-throughput samples never end a transfer).
    const auto it = std::lower_bound(m_cum_bits.begin() + 1, m_cum_bits.end(), rest);
    const size_t i = std::min(size_t(it - m_cum_bits.begin()) - 1, m_times_s.size() - 1);
    const double need = rest - m_cum_bits[i];
    const double within = need <= 0 || m_mbps[i] <= 0 ? 0.0 : need / (m_mbps[i] * 1e6);
    return std::max(t_s, loops * m_period_s + m_times_s[i] + within);
}

Result<std::vector<Trace>> loadTraceDirectory(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return makeError("traces_not_found", "not a directory: " + dir);
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
            paths.push_back(entry.path().string());
    if (ec)
        return makeError("traces_unreadable", "cannot list " + dir + ": " + ec.message());
    std::sort(paths.begin(), paths.end());
    if (paths.empty())
        return makeError("traces_not_found", "no trace files in " + dir);
    std::vector<Trace> traces;
    for (const std::string& path : paths) {
        Result<Trace> trace = Trace::load(path);
        if (!trace)
            return trace.error();
        traces.push_back(std::move(trace).value());
    }
    return traces;
}

} // namespace fc::playback
