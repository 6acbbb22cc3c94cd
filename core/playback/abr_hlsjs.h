#pragma once
// A re-implementation of hls.js's default AbrController (the classic v1.x rules, VoD defaults):
// - Estimate: ThroughputEstimator (EWMA half-lives 3 s / 9 s over download time, min of both; 500 kb/s before
//   any sample). Samples include the request's RTT, as hls.js's load timing does.
// - findBestLevel: from the top rung down, the first rung whose bitrate is under the adjusted bandwidth
//   (0.95 x estimate for the current rung and below, 0.7 x for higher ones) and whose fetch time
//   (bitrate x segment duration / adjusted bandwidth) is under the buffer left. If none, again with the
//   buffer plus the max starvation delay (min(segment duration, 4 s)); if still none, the lowest rung.
// - Abandonment (_abandonRulesCheck): once half a segment duration has passed since the request, if the time
//   to finish at the current download rate exceeds the buffer left, take the highest lower rung that would
//   load (TTFB estimate + its size at that rate) within the buffer (else the lowest) and abandon when that is
//   sooner than finishing and under 10 segment durations.
// Left out: hls.js's start-up bitrate test and its "realBitrate" option, codec-set and live-edge special
// cases.
#include "core/playback/abr_controller.h"
#include "core/playback/throughput_estimator.h"

namespace fc::playback {

class HlsJsAbrController : public AbrController {
public:
    static constexpr double kBandwidthFactor = 0.95;
    static constexpr double kBandwidthUpFactor = 0.7;
    static constexpr double kMaxStarvationDelayS = 4;
    static constexpr double kDefaultEstimateBps = 500'000;

    HlsJsAbrController();
    std::string name() const override { return "hlsjs"; }
    int chooseRung(const AbrContext& context) override;
    void onDownloadComplete(const DownloadSample& sample) override;
    std::optional<int> shouldAbandon(const DownloadProgress& progress, const AbrContext& context) override;
    double estimateBps() const override;
    void seedEstimate(double bits_per_s) override;

private:
    int findBestLevel(const AbrContext& context, double bandwidth_bps, double max_fetch_s, double factor,
                      double up_factor) const;

    ThroughputEstimator m_estimator;
};

} // namespace fc::playback
