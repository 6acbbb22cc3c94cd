#pragma once
// Network throughput traces for the ABR simulator: `<time_s>\t<mbps>` lines (the Pensieve "cooked" format of
// the FCC and HSDPA sets in ../shared/abr-traces). The trace is a step function: sample i's throughput holds
// from its time until the next sample's; the last sample holds for the mean sample interval, and then the
// trace loops (sessions may outlast it). Times are taken relative to the first sample.
#include <string>
#include <vector>

#include "core/util/result.h"

namespace fc::playback {

class Trace {
public:
    // Samples must have strictly increasing times and non-negative throughput, with some throughput > 0.
    static Result<Trace> fromSamples(std::string name, std::vector<double> times_s, std::vector<double> mbps);
    static Result<Trace> parse(std::string name, const std::string& text);
    static Result<Trace> load(const std::string& path);

    const std::string& name() const { return m_name; }
    double periodS() const { return m_period_s; }
    size_t sampleCount() const { return m_times_s.size(); }
    double meanMbps() const { return m_bits_per_period / m_period_s / 1e6; }
    double mbpsAt(double t_s) const;

    // Bits the link delivers in [0, t_s) (t_s >= 0; loops).
    double bitsUntil(double t_s) const;
    // The time at which the link has delivered `bits` more bits than at t_s: the end of a transfer of `bits`
    // started at t_s.
    double timeAfterBits(double t_s, double bits) const;

private:
    std::string m_name;
    std::vector<double> m_times_s; // relative to the first sample; m_times_s[0] == 0
    std::vector<double> m_mbps;
    std::vector<double> m_cum_bits; // bits delivered before sample i's start, size n + 1 (last = one period)
    double m_period_s = 0;
    double m_bits_per_period = 0;
};

// Every regular file in dir, sorted by name. Errors: missing dir, no traces, any unreadable or malformed
// file.
Result<std::vector<Trace>> loadTraceDirectory(const std::string& dir);

} // namespace fc::playback
