#include "core/playback/abr_framecast.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>

namespace fc::playback {

namespace {

double tune(const char* name, double fallback) { // TEMP tuning hook
    const char* v = std::getenv(name);
    return v ? std::atof(v) : fallback;
}

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

double FramecastAbrController::plannedBps(double buffer_s) const {
    const double estimate = m_estimator.hasEstimate() ? m_estimator.estimateBps() : m_seed_bps;
    const double fill = std::clamp(buffer_s / tune("FC_FULL", kFullTrustBufferS), 0.0, 1.0);
    const double lo = tune("FC_MINT", kMinTrust), hi = tune("FC_MAXT", kMaxTrust);
    double max_error = 0;
    for (double e : m_errors)
        max_error = std::max(max_error, e);
    return estimate * (lo + (hi - lo) * fill) / (1 + tune("FC_ERRW", 0) * max_error);
}

int FramecastAbrController::chooseRung(const AbrContext& context) {
    const int rungs = int(context.bitrates_bps.size());
    if (rungs <= 1)
        return 0;
    if (!m_estimator.hasEstimate() && m_seed_bps <= 0)
        return int(tune("FC_START", 0));
    Plan plan{context, {}, {}, plannedBps(context.buffer_s), m_estimator.ttfbMs() / 1000, 0};
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
    int choice = std::clamp(context.last_rung, 0, rungs - 1);
    double best_value = values[size_t(choice)] + (context.last_rung >= 0 ? tune("FC_MARGIN", kSwitchMargin) : 0); // keeping the rung wins near-ties
    for (int r = 0; r < rungs; ++r)
        if (values[size_t(r)] > best_value) {
            best_value = values[size_t(r)];
            choice = r;
        }
    return choice;
}

void FramecastAbrController::onDownloadComplete(const DownloadSample& sample) {
    if (m_estimator.hasEstimate() && sample.duration_ms > 0 && sample.bytes > 0) {
        const double actual = 8.0 * double(sample.bytes) / (double(sample.duration_ms) / 1000);
        m_errors.push_back(std::abs(m_estimator.estimateBps() - actual) / actual);
        if (m_errors.size() > size_t(tune("FC_ERRN", 5)))
            m_errors.pop_front();
    }
    m_estimator.sample(sample.duration_ms, sample.bytes);
    m_estimator.sampleTtfb(sample.ttfb_ms);
}

std::optional<int> FramecastAbrController::shouldAbandon(const DownloadProgress& progress,
                                                         const AbrContext& context) {
    const int rung = progress.rung;
    if (rung <= 0 || rung >= int(context.bitrates_bps.size()))
        return std::nullopt;
    const double ttfb_s = m_estimator.ttfbMs() / 1000;
    const double data_s = double(progress.elapsed_ms) / 1000 - ttfb_s;
    if (data_s < tune("FC_ABMIN", kAbandonMinDataS))
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
    double best_value = keep + tune("FC_ABMARGIN", kAbandonMargin);
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
    return m_estimator.hasEstimate() ? m_estimator.estimateBps() : 0;
}

} // namespace fc::playback
