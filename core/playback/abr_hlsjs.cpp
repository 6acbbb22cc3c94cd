#include "core/playback/abr_hlsjs.h"

#include <algorithm>
#include <cmath>

namespace fc::playback {

HlsJsAbrController::HlsJsAbrController() : m_estimator(kDefaultEstimateBps) {}

int HlsJsAbrController::findBestLevel(const AbrContext& context, double bandwidth_bps, double max_fetch_s,
                                      double factor, double up_factor) const {
    for (int r = int(context.bitrates_bps.size()) - 1; r >= 0; --r) {
        const double adjusted = (r <= context.last_rung ? factor : up_factor) * bandwidth_bps;
        const double bitrate = double(context.bitrates_bps[size_t(r)]);
        const double fetch_s = bitrate * context.segment_duration_s / adjusted;
        if (adjusted > bitrate && (!std::isfinite(fetch_s) || fetch_s < max_fetch_s))
            return r;
    }
    return -1;
}

int HlsJsAbrController::chooseRung(const AbrContext& context) {
    const double bandwidth = m_estimator.estimateBps();
    const double rate = context.playback_rate > 0 ? context.playback_rate : 1.0;
    const double starvation_s = context.buffer_s / rate;
    int best = findBestLevel(context, bandwidth, starvation_s, kBandwidthFactor, kBandwidthUpFactor);
    if (best >= 0)
        return best;
    const double max_starvation = std::min(context.segment_duration_s, kMaxStarvationDelayS);
    best = findBestLevel(context, bandwidth, starvation_s + max_starvation, kBandwidthFactor,
                         kBandwidthUpFactor);
    return std::max(best, 0);
}

void HlsJsAbrController::onDownloadComplete(const DownloadSample& sample) {
    m_estimator.sample(sample.duration_ms, sample.bytes);
    m_estimator.sampleTtfb(sample.ttfb_ms);
}

std::optional<int> HlsJsAbrController::shouldAbandon(const DownloadProgress& progress,
                                                     const AbrContext& context) {
    const double duration_s = context.segment_duration_s;
    const double rate = context.playback_rate > 0 ? context.playback_rate : 1.0;
    const double elapsed_s = double(progress.elapsed_ms) / 1000;
    if (progress.rung <= 0 || elapsed_s <= 0.5 * duration_s / rate)
        return std::nullopt;
    const double starvation_s = context.buffer_s / rate;
    const double bitrate = double(context.bitrates_bps[size_t(progress.rung)]);
    const double expected_bytes = progress.bytes_total > 0
                                      ? double(progress.bytes_total)
                                      : std::max(double(progress.bytes_loaded), duration_s * bitrate / 8);
    const double load_bytes_per_s = double(progress.bytes_loaded) / elapsed_s;
    const double ttfb_s = m_estimator.ttfbMs() / 1000;
    const double finish_s = load_bytes_per_s > 0
                                ? (expected_bytes - double(progress.bytes_loaded)) / load_bytes_per_s
                                : expected_bytes * 8 / m_estimator.estimateBps() + ttfb_s;
    if (finish_s <= starvation_s)
        return std::nullopt;
    const double bwe_bps = load_bytes_per_s > 0 ? load_bytes_per_s * 8 : m_estimator.estimateBps();
    int next = progress.rung - 1;
    double next_s = HUGE_VAL;
    for (; next >= 0; --next) {
        next_s = ttfb_s + duration_s * double(context.bitrates_bps[size_t(next)]) / bwe_bps;
        if (next_s < starvation_s || next == 0)
            break;
    }
    if (next_s >= finish_s || next_s > duration_s * 10)
        return std::nullopt;
    return next;
}

double HlsJsAbrController::estimateBps() const {
    return m_estimator.hasEstimate() ? m_estimator.estimateBps() : 0;
}

void HlsJsAbrController::seedEstimate(double bits_per_s) {
    // hls.js's abrEwmaDefaultEstimate plays this role.
    if (bits_per_s > 0)
        m_estimator.setDefaultBps(bits_per_s);
}

} // namespace fc::playback
