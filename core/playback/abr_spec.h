#pragma once
// The platform spec's controller, literally: throughput = harmonic mean of the last 5 download samples;
// buffer < 10 s -> two rungs below the last, < 15 s -> one below, > 30 s -> the highest rung whose bitrate is
// at or under 0.85 x the estimate (the lowest when none is), otherwise keep the last rung. Start: the lowest
// rung. The spec does not cap the "keep" and "drop" branches at 0.85 x the estimate, so neither do we (a kept
// rung may exceed the throughput until the buffer falls under 15 s). No abandonment.
#include <deque>

#include "core/playback/abr_controller.h"

namespace fc::playback {

class SpecAbrController : public AbrController {
public:
    static constexpr int kSamples = 5;
    static constexpr double kDropTwoBelowS = 10;
    static constexpr double kDropOneBelowS = 15;
    static constexpr double kUpAboveS = 30;
    static constexpr double kSafety = 0.85;

    std::string name() const override { return "spec"; }
    int chooseRung(const AbrContext& context) override;
    void onDownloadComplete(const DownloadSample& sample) override;
    double estimateBps() const override;

private:
    std::deque<double> m_samples_bps;
};

} // namespace fc::playback
