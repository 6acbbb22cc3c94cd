#pragma once
// A re-implementation of dash.js's BOLA rule (BOLA-E, as in dash.js 2.6-2.9's BolaRule + BolaAbandonRule;
// Spiteri et al., "From Theory to Practice: Improving Bitrate Adaptation in the DASH Reference Player",
// 2018):
// - Utilities u_i = ln(bitrate_i / lowest) + 1. V and gamma*p are chosen so the lowest rung scores best at
// the
//   stable buffer target (12 s) and the top rung from the top-quality buffer (30 s) up:
//   V*(u_0 + gp - 1) = 12, V*(u_max + gp - 1) = 30. (dash.js 2.x used its 10 s MINIMUM_BUFFER_S for the
//   first.) Score of rung i at buffer Q: (V*(u_i + gp) - Q) / bitrate_i; BOLA takes the best score.
// - Start-up: the rung under 0.9 x the throughput (harmonic mean of the last 3 downloads, RTT included); the
//   first segment, before any download, the rung under the seeded estimate or dash.js's 1000 kb/s default.
//   Leaves start-up once the buffer exceeds segment duration / 0.5, with a placeholder buffer that makes BOLA
//   score that rung best.
// - Steady: BOLA on buffer + placeholder; BOLA-O (no increase above the throughput's rung unless it was the
// last
//   rung); "insufficient buffer" safety: drop while bitrate > 0.5 x throughput x buffer / segment duration.
//   When BOLA would wait (buffer above V*(u + gp)), the wait first eats the placeholder.
// - Abandonment (BolaAbandonRule): after 500 ms of data, when the download would take more than a segment
//   duration and the buffer is under the stable target, pick the best-scoring lower rung (start-up: the
//   throughput's rung), apply the rebuffer-safety byte budget, and deflate the placeholder.
// Simplified: the simulator/engine owns scheduling, so dash.js's pauses (BOLA's delay, the 12 s / 30 s buffer
// targets of its ScheduleController) are not applied - every algorithm fills up to the engine's buffer cap;
// the placeholder grows only at start-up (there is no wall clock in AbrContext to measure idle time).
#include <deque>

#include "core/playback/abr_controller.h"

namespace fc::playback {

class BolaAbrController : public AbrController {
public:
    static constexpr double kStableBufferS = 12;
    static constexpr double kTopQualityBufferS = 30;
    static constexpr double kBandwidthSafety = 0.9;
    static constexpr double kRebufferSafety = 0.5;
    static constexpr double kDefaultBitrateBps = 1'000'000;
    static constexpr int kThroughputSamples = 3;
    static constexpr int64_t kGracePeriodMs = 500;
    static constexpr double kPoorLatencyS = 0.2;

    std::string name() const override { return "bola"; }
    int chooseRung(const AbrContext& context) override;
    void onDownloadComplete(const DownloadSample& sample) override;
    std::optional<int> shouldAbandon(const DownloadProgress& progress, const AbrContext& context) override;
    double estimateBps() const override;
    void seedEstimate(double bits_per_s) override { m_seed_bps = bits_per_s; }

    // Exposed for tests.
    double vp() const { return m_vp; }
    double gp() const { return m_gp; }
    double placeholderS() const { return m_placeholder_s; }
    bool steady() const { return m_steady; }

private:
    void init(const AbrContext& context);
    double utility(int rung) const { return m_utilities[size_t(rung)]; }
    int qualityFromBuffer(double buffer_s) const;
    int qualityFromThroughput(double bps) const;
    double minBufferForQuality(int rung) const;

    std::vector<double> m_bitrates;
    std::vector<double> m_utilities;
    double m_vp = 0;
    double m_gp = 0;
    double m_placeholder_s = 0;
    bool m_steady = false;
    int m_last_quality = 0;
    double m_seed_bps = 0;
    std::deque<DownloadSample> m_samples;
};

} // namespace fc::playback
