#pragma once
// Throughput estimation as hls.js does it (EwmaBandWidthEstimator): two exponentially weighted moving
// averages whose weights are seconds of download time (a 2 s download counts twice a 1 s one), with
// half-lives in seconds, zero-bias corrected (an average over 1 s of samples is not dragged towards the 0 it
// started from), and the estimate is the smaller (the more pessimistic) of the fast and the slow one.
#include <cstdint>

namespace fc::playback {

class Ewma {
public:
    explicit Ewma(double half_life_s);
    // A value observed for weight_s seconds.
    void sample(double weight_s, double value);
    // Zero-bias corrected: estimate / (1 - alpha^total_weight).
    double estimate() const;
    double totalWeight() const { return m_total_weight; }

private:
    double m_alpha;
    double m_estimate = 0;
    double m_total_weight = 0;
};

class ThroughputEstimator {
public:
    static constexpr double kFastHalfLifeS = 3.0;
    static constexpr double kSlowHalfLifeS = 9.0;
    static constexpr int64_t kMinSampleMs = 50; // hls.js floors sample durations at 50 ms
    static constexpr double kDefaultTtfbMs = 100;

    explicit ThroughputEstimator(double default_bps = 500'000, double fast_half_life_s = kFastHalfLifeS,
                                 double slow_half_life_s = kSlowHalfLifeS);

    // One download of `bytes` that took duration_ms (request to last byte).
    void sample(int64_t duration_ms, int64_t bytes);
    // Time to first byte of one request (its own slow average, weighted as hls.js does: short TTFBs count
    // more).
    void sampleTtfb(int64_t ttfb_ms);
    bool hasEstimate() const;
    // min(fast, slow) in bits/s once any sample arrived, else the default.
    double estimateBps() const;
    double fastBps() const { return m_fast.estimate(); }
    double slowBps() const { return m_slow.estimate(); }
    double ttfbMs() const;
    void setDefaultBps(double bps) { m_default_bps = bps; }

private:
    Ewma m_fast;
    Ewma m_slow;
    Ewma m_ttfb;
    double m_default_bps;
};

} // namespace fc::playback
