#include "core/playback/abr_bola.h"

#include <algorithm>
#include <cmath>

namespace fc::playback {

void BolaAbrController::init(const AbrContext& context) {
    if (m_bitrates.size() == context.bitrates_bps.size())
        return;
    m_bitrates.assign(context.bitrates_bps.begin(), context.bitrates_bps.end());
    m_utilities.clear();
    for (double b : m_bitrates)
        m_utilities.push_back(std::log(b / m_bitrates.front()) + 1);
    if (m_bitrates.size() > 1) {
        // V*(u_0 + gp - 1) = stable, V*(u_max + gp - 1) = top; u_0 = 1.
        m_gp = (m_utilities.back() - 1) / (kTopQualityBufferS / kStableBufferS - 1);
        m_vp = kStableBufferS / m_gp;
    }
    m_placeholder_s = 0;
    m_steady = false;
    m_last_quality = 0;
}

int BolaAbrController::qualityFromBuffer(double buffer_s) const {
    int quality = 0;
    double best = -HUGE_VAL;
    for (size_t i = 0; i < m_bitrates.size(); ++i) {
        const double score = (m_vp * (m_utilities[i] + m_gp) - buffer_s) / m_bitrates[i];
        if (score >= best) {
            best = score;
            quality = int(i);
        }
    }
    return quality;
}

int BolaAbrController::qualityFromThroughput(double bps) const {
    int quality = 0;
    for (size_t i = 0; i < m_bitrates.size(); ++i)
        if (m_bitrates[i] <= bps)
            quality = int(i);
    return quality;
}

// The smallest effective buffer at which `rung` scores at least as well as every lower rung.
double BolaAbrController::minBufferForQuality(int rung) const {
    double want = 0;
    const double bq = m_bitrates[size_t(rung)];
    const double uq = utility(rung);
    for (int i = 0; i < rung; ++i) {
        const double bi = m_bitrates[size_t(i)];
        const double level = m_vp * (m_gp + (bq * utility(i) - bi * uq) / (bq - bi));
        want = std::max(want, level);
    }
    return want;
}

double BolaAbrController::estimateBps() const {
    if (m_samples.empty())
        return 0;
    double seconds = 0, bits = 0, inverse = 0;
    for (const DownloadSample& s : m_samples) {
        seconds = std::max<double>(double(s.duration_ms), 1) / 1000;
        bits = std::max<double>(8.0 * double(s.bytes), 1);
        inverse += seconds / bits;
    }
    return double(m_samples.size()) / inverse;
}

void BolaAbrController::onDownloadComplete(const DownloadSample& sample) {
    m_samples.push_back(sample);
    if (m_samples.size() > size_t(kThroughputSamples))
        m_samples.pop_front();
}

int BolaAbrController::chooseRung(const AbrContext& context) {
    init(context);
    if (m_bitrates.size() <= 1)
        return 0;
    const double buffer = context.buffer_s;
    const double throughput = estimateBps();
    if (throughput <= 0) { // nothing downloaded yet: the seed or dash.js's default initial bitrate
        m_last_quality =
            qualityFromThroughput(m_seed_bps > 0 ? m_seed_bps * kBandwidthSafety : kDefaultBitrateBps);
        return m_last_quality;
    }
    if (!m_steady || context.starting) {
        const int q = qualityFromThroughput(throughput * kBandwidthSafety);
        if (buffer > context.segment_duration_s / kRebufferSafety) {
            m_steady = true;
            m_placeholder_s = std::max(0.0, minBufferForQuality(q) - buffer);
        }
        m_last_quality = q;
        return q;
    }
    if (buffer <= 0.1)
        m_placeholder_s = 0; // rebuffered: the placeholder must not lift the quality
    const double effective = buffer + m_placeholder_s;
    int quality = qualityFromBuffer(effective);
    if (quality > m_last_quality) { // BOLA-O: do not climb above the throughput's rung
        const int q = qualityFromThroughput(throughput);
        if (quality > q)
            quality = std::max(q, m_last_quality);
    }
    const double safe_bps = kRebufferSafety * throughput * buffer / context.segment_duration_s;
    while (quality > 0 && m_bitrates[size_t(quality)] > safe_bps)
        --quality;
    const double delay_s = effective - m_vp * (utility(quality) + m_gp);
    if (delay_s > 0)
        m_placeholder_s = std::max(0.0, m_placeholder_s - delay_s);
    m_last_quality = quality;
    return quality;
}

std::optional<int> BolaAbrController::shouldAbandon(const DownloadProgress& progress,
                                                    const AbrContext& context) {
    const int quality = progress.rung;
    if (m_bitrates.size() <= 1 || quality <= 0 || quality >= int(m_bitrates.size()) ||
        progress.bytes_total <= 0)
        return std::nullopt;
    double latency_s = m_samples.empty() ? kPoorLatencyS : double(m_samples.back().ttfb_ms) / 1000;
    const double since_first_byte_ms = double(progress.elapsed_ms) - latency_s * 1000;
    if (since_first_byte_ms < double(kGracePeriodMs) || progress.bytes_loaded <= 0)
        return std::nullopt;
    latency_s = std::max(latency_s, kPoorLatencyS);
    const double bytes_total = double(progress.bytes_total);
    const double bytes_remaining = bytes_total - double(progress.bytes_loaded);
    const double duration_s = context.segment_duration_s;
    const double buffer = context.buffer_s;
    const double effective = buffer + m_placeholder_s;
    const double throughput = 8 * double(progress.bytes_loaded) / (since_first_byte_ms / 1000);
    const double throughput_bsf = kBandwidthSafety * throughput;
    const double total_time_s = latency_s + 8 * bytes_total / throughput_bsf;
    const auto sizeAt = [&](int rung) {
        return bytes_total * m_bitrates[size_t(rung)] / m_bitrates[size_t(quality)];
    };
    const double remaining_after_latency = std::max(1.0, bytes_remaining - latency_s * throughput_bsf / 8);
    if (bytes_remaining <= sizeAt(0) || buffer > kStableBufferS || remaining_after_latency <= sizeAt(0) ||
        total_time_s <= duration_s)
        return std::nullopt;
    const double effective_after_latency = std::max(0.0, effective - latency_s);
    int max_dropped = 0; // never restart with more bytes than are left of this one
    while (max_dropped + 1 < quality && sizeAt(max_dropped + 1) < remaining_after_latency)
        ++max_dropped;
    int next = quality;
    if (!m_steady) {
        next = 0;
        for (int i = 0; i <= max_dropped && 8 * sizeAt(i) / duration_s <= throughput_bsf; ++i)
            next = i;
    } else {
        double score = (m_vp * (utility(quality) + m_gp) - effective_after_latency) / remaining_after_latency;
        for (int i = 0; i <= max_dropped; ++i) {
            const double s = (m_vp * (utility(i) + m_gp) - effective_after_latency) / sizeAt(i);
            if (s > score) {
                next = i;
                score = s;
            }
        }
    }
    const double safe_bytes = kRebufferSafety * throughput * (buffer - latency_s) / 8;
    if (next == quality && remaining_after_latency > safe_bytes)
        next = max_dropped;
    if (next == quality)
        return std::nullopt;
    while (next > 0 && sizeAt(next) > safe_bytes)
        --next;
    // Deflate the placeholder: be conservative after abandoning.
    const int lo = next > 0 ? next - 1 : 0;
    const int hi = next > 0 ? next : 1;
    const double u = utility(hi), u1 = utility(lo), s = m_bitrates[size_t(hi)], s1 = m_bitrates[size_t(lo)];
    double want = m_vp * ((s * u1 - s1 * u) / (s - s1) + m_gp);
    if (next == 0)
        want -= duration_s;
    if (effective > want)
        m_placeholder_s = std::max(0.0, want - buffer);
    m_last_quality = next;
    return next;
}

} // namespace fc::playback
