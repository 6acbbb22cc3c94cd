#include "core/playback/abr_framecast.h"

#include <algorithm>
#include <cmath>

namespace fc::playback {

namespace {

struct Plan {
    const AbrContext& context;
    std::vector<double> mbps;    // per rung
    std::vector<double> bits[2]; // [0]: the next segment per rung, [1]: later segments per rung (nominal)
    double bps = 0;
    double ttfb_s = 0;
    int depth = 0;

    // Best objective over the remaining `left` segments from this buffer, having last played `last`.
    double best(int left, double buffer_s, int last) const {
        if (left == 0)
            return 0;
        double best_value = -HUGE_VAL;
        for (size_t r = 0; r < mbps.size(); ++r) {
            const double download_s = ttfb_s + bits[1][r] / bps;
            const double stall_s = std::max(0.0, download_s - buffer_s);
            double next_buffer = std::max(0.0, buffer_s - download_s) + context.segment_duration_s;
            next_buffer = std::min(next_buffer, context.buffer_capacity_s);
            double value = mbps[r] - FramecastAbrController::kRebufferPenalty * stall_s;
            if (last >= 0)
                value -= std::abs(mbps[r] - mbps[size_t(last)]);
            value += best(left - 1, next_buffer, int(r));
            best_value = std::max(best_value, value);
        }
        return best_value;
    }
};

double segmentBits(const AbrContext& context, size_t rung) {
    if (context.next_segment_bytes.size() == context.bitrates_bps.size() &&
        context.next_segment_bytes[rung] > 0)
        return 8.0 * double(context.next_segment_bytes[rung]);
    return double(context.bitrates_bps[rung]) * context.segment_duration_s;
}

} // namespace

FramecastAbrController::FramecastAbrController() : m_estimator(0) {}

double FramecastAbrController::trustFor(const AbrContext& context) {
    if (context.segments_total <= 0)
        return kTrust; // a growing presentation has no end to plan for
    const double left_s = double(context.segments_total - context.segment_index) * context.segment_duration_s;
    const double ramp = std::clamp(1.0 - left_s / kEndRampS, 0.0, 1.0);
    return kTrust + (kEndTrust - kTrust) * ramp;
}

double FramecastAbrController::plannedBps(const AbrContext& context) const {
    return trustFor(context) * (m_fast.totalWeight() > 0 ? estimateBps() : m_seed_bps);
}

int FramecastAbrController::chooseRung(const AbrContext& context) {
    const int rungs = int(context.bitrates_bps.size());
    if (rungs <= 1)
        return 0;
    if (m_fast.totalWeight() <= 0 && m_seed_bps <= 0)
        return 0;
    // From here on there is an estimate or a seed; with only a seed the buffer is empty and the lookahead
    // charges the first download as stall, i.e. weighs the start-up delay against the rung.
    Plan plan{context, {}, {}, plannedBps(context), m_estimator.ttfbMs() / 1000, 0};
    for (int r = 0; r < rungs; ++r) {
        const double nominal = double(context.bitrates_bps[size_t(r)]) * context.segment_duration_s;
        plan.mbps.push_back(double(context.bitrates_bps[size_t(r)]) / 1e6);
        plan.bits[0].push_back(segmentBits(context, size_t(r)));
        plan.bits[1].push_back(nominal);
    }
    const int left = context.segments_total > 0 ? context.segments_total - context.segment_index : kHorizon;
    plan.depth = std::clamp(left, 1, kHorizon);
    // Value of each rung for this segment: its own QoE terms plus the best continuation over the horizon.
    std::vector<double> values(size_t(rungs), 0.0);
    for (int r = 0; r < rungs; ++r) {
        const double download_s = plan.ttfb_s + plan.bits[0][size_t(r)] / plan.bps;
        const double stall_s = std::max(0.0, download_s - context.buffer_s);
        const double next_buffer =
            std::min(std::max(0.0, context.buffer_s - download_s) + context.segment_duration_s,
                     context.buffer_capacity_s);
        double value = plan.mbps[size_t(r)] - kRebufferPenalty * stall_s;
        if (context.last_rung >= 0)
            value -= std::abs(plan.mbps[size_t(r)] - plan.mbps[size_t(context.last_rung)]);
        values[size_t(r)] = value + plan.best(plan.depth - 1, next_buffer, r);
    }
    // Keeping the last rung wins near-ties (by kSwitchMargin); the first choice has nothing to keep.
    int best = 0;
    for (int r = 1; r < rungs; ++r)
        if (values[size_t(r)] > values[size_t(best)])
            best = r;
    if (context.last_rung < 0 || context.last_rung >= rungs)
        return best;
    const int choice = context.last_rung;
    return values[size_t(best)] > values[size_t(choice)] + kSwitchMargin ? best : choice;
}

void FramecastAbrController::onDownloadComplete(const DownloadSample& sample) {
    m_estimator.sampleTtfb(sample.ttfb_ms);
    // The rate as hls.js measures it (request to last byte, at least 50 ms), one unit of weight per download.
    const double seconds = double(std::max(sample.duration_ms, ThroughputEstimator::kMinSampleMs)) / 1000.0;
    const double bps = 8.0 * double(std::max<int64_t>(sample.bytes, 0)) / seconds;
    m_fast.sample(1, bps);
    m_slow.sample(1, bps);
}

std::optional<int> FramecastAbrController::shouldAbandon(const DownloadProgress& progress,
                                                         const AbrContext& context) {
    const int rung = progress.rung;
    if (rung <= 0 || rung >= int(context.bitrates_bps.size()))
        return std::nullopt;
    const double ttfb_s = m_estimator.ttfbMs() / 1000;
    const double data_s = double(progress.elapsed_ms) / 1000 - ttfb_s;
    if (data_s < kAbandonMinDataS)
        return std::nullopt;
    const double total_bits =
        progress.bytes_total > 0 ? 8.0 * double(progress.bytes_total) : segmentBits(context, size_t(rung));
    const double rate_bps = 8.0 * double(progress.bytes_loaded) / data_s;
    const double remaining_s =
        rate_bps > 0 ? (total_bits - 8.0 * double(progress.bytes_loaded)) / rate_bps : HUGE_VAL;
    const double buffer_s = context.buffer_s;
    if (remaining_s <= buffer_s || rate_bps <= 0)
        return std::nullopt;
    const auto mbps = [&](int r) { return double(context.bitrates_bps[size_t(r)]) / 1e6; };
    const auto outcome = [&](int r, double finish_s) {
        double value = mbps(r) - kRebufferPenalty * std::max(0.0, finish_s - buffer_s);
        if (context.last_rung >= 0)
            value -= std::abs(mbps(r) - mbps(context.last_rung));
        return value;
    };
    const double keep = outcome(rung, remaining_s);
    std::optional<int> best;
    double best_value = keep + kAbandonMargin;
    for (int r = rung - 1; r >= 0; --r) {
        // The restart's size: scale the known size of this segment by the bitrate ratio.
        const double bits =
            total_bits * double(context.bitrates_bps[size_t(r)]) / double(context.bitrates_bps[size_t(rung)]);
        const double value = outcome(r, ttfb_s + bits / rate_bps);
        if (value > best_value) {
            best_value = value;
            best = r;
        }
    }
    return best;
}

double FramecastAbrController::estimateBps() const {
    return m_fast.totalWeight() > 0 ? std::min(m_fast.estimate(), m_slow.estimate()) : 0;
}

} // namespace fc::playback
