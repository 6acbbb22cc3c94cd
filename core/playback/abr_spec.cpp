#include "core/playback/abr_spec.h"

#include <algorithm>

namespace fc::playback {

int SpecAbrController::chooseRung(const AbrContext& context) {
    const int top = int(context.bitrates_bps.size()) - 1;
    if (context.last_rung < 0 || top <= 0)
        return 0;
    const int last = std::min(context.last_rung, top);
    if (context.buffer_s < kDropTwoBelowS)
        return std::max(0, last - 2);
    if (context.buffer_s < kDropOneBelowS)
        return std::max(0, last - 1);
    if (context.buffer_s > kUpAboveS) {
        const double budget = kSafety * estimateBps();
        int rung = 0;
        for (int r = 0; r <= top; ++r)
            if (double(context.bitrates_bps[size_t(r)]) <= budget)
                rung = r;
        return rung;
    }
    return last;
}

void SpecAbrController::onDownloadComplete(const DownloadSample& sample) {
    if (sample.duration_ms <= 0 || sample.bytes <= 0)
        return;
    m_samples_bps.push_back(8.0 * double(sample.bytes) * 1000.0 / double(sample.duration_ms));
    if (m_samples_bps.size() > size_t(kSamples))
        m_samples_bps.pop_front();
}

double SpecAbrController::estimateBps() const {
    if (m_samples_bps.empty())
        return 0;
    double inverse_sum = 0;
    for (double bps : m_samples_bps)
        inverse_sum += 1.0 / bps;
    return double(m_samples_bps.size()) / inverse_sum;
}

} // namespace fc::playback
