#include "core/playback/throughput_estimator.h"

#include <algorithm>
#include <cmath>

namespace fc::playback {

namespace {
constexpr double kMinWeightS = 0.001; // hls.js: no estimate before 1 ms of samples
}

Ewma::Ewma(double half_life_s) : m_alpha(half_life_s > 0 ? std::exp(std::log(0.5) / half_life_s) : 0) {}

void Ewma::sample(double weight_s, double value) {
    const double adj_alpha = std::pow(m_alpha, weight_s);
    m_estimate = value * (1 - adj_alpha) + adj_alpha * m_estimate;
    m_total_weight += weight_s;
}

double Ewma::estimate() const {
    if (m_alpha > 0) {
        const double zero_factor = 1 - std::pow(m_alpha, m_total_weight);
        if (zero_factor > 0)
            return m_estimate / zero_factor;
    }
    return m_estimate;
}

ThroughputEstimator::ThroughputEstimator(double default_bps, double fast_half_life_s, double slow_half_life_s)
    : m_fast(fast_half_life_s), m_slow(slow_half_life_s), m_ttfb(slow_half_life_s),
      m_default_bps(default_bps) {}

void ThroughputEstimator::sample(int64_t duration_ms, int64_t bytes) {
    const double seconds = double(std::max(duration_ms, kMinSampleMs)) / 1000.0;
    const double bps = 8.0 * double(std::max<int64_t>(bytes, 0)) / seconds;
    m_fast.sample(seconds, bps);
    m_slow.sample(seconds, bps);
}

void ThroughputEstimator::sampleTtfb(int64_t ttfb_ms) {
    const double seconds = double(ttfb_ms) / 1000.0;
    const double weight = std::sqrt(2.0) * std::exp(-seconds * seconds / 2);
    m_ttfb.sample(weight, std::max(double(ttfb_ms), 5.0));
}

bool ThroughputEstimator::hasEstimate() const {
    return m_fast.totalWeight() >= kMinWeightS;
}

double ThroughputEstimator::estimateBps() const {
    return hasEstimate() ? std::min(m_fast.estimate(), m_slow.estimate()) : m_default_bps;
}

double ThroughputEstimator::ttfbMs() const {
    return m_ttfb.totalWeight() >= kMinWeightS ? m_ttfb.estimate() : kDefaultTtfbMs;
}

} // namespace fc::playback
