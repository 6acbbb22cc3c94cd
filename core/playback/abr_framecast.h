#pragma once
// Framecast's ABR controller ("framecast").
//
// Design. Viewers' QoE is scored as QoE_lin = sum bitrate - 4.3 x (rebuffer_s + startup_s) - sum |delta
// bitrate| (Mbps), so the controller picks rungs by looking kHorizon segments ahead on exactly that objective
// (a short-horizon model predictive choice, as in MPC/RobustMPC), fed by:
// - Throughput: a fast/slow EWMA pair as hls.js's (min of both), but weighted per download (half-lives
//   kFastHalfLifeDownloads / kSlowHalfLifeDownloads) instead of per second of download time, times a
//   trust factor kTrust (rising to kEndTrust over the last kEndRampS of the video), plus a TTFB average
//   (ThroughputEstimator's) charged to every request. Time weighting lets slow downloads dominate: after a
//   step from 0.7 to 4 Mb/s (FCC's traces alternate so) a 10 s download at the old rate outweighs seven at
//   the new one and the rung lagged the link for ~8 segments. Per download: +0.3 mean QoE_lin (+0.26 to +0.5
//   at RTT 40/80/120 ms and with free start-up), 0.2 switches per session fewer.
// - Buffer occupancy: the lookahead plays the buffer out download by download and charges every stall at
//   4.3/s, so a near-empty buffer makes any over-estimate costly and the choice conservative, and a deep one
//   lets it spend buffer on a higher rung. An earlier version also scaled the trust with the buffer (0.6 when
//   empty to 0.95 from 30 s up, BOLA-like); that double-counted the buffer and made the rung rise with the
//   buffer and fall as it drained: a constant trust gave +1.2 mean QoE_lin and 1 switch per session fewer.
// - Real segment sizes: the next segment's size per rung (AbrContext::next_segment_bytes) when known; later
//   segments of the horizon are assumed at the rung's nominal bitrate.
// - Switch damping: the |delta bitrate| term penalizes every switch inside the horizon, and a candidate must
//   beat keeping the last rung by kSwitchMargin to replace it, so noise does not cause oscillation.
// - Abandonment: while a segment downloads, its own rate since the first byte predicts when it finishes; when
//   that would stall, restart at the lower rung whose expected QoE (bitrate, stall, switch) beats continuing
//   by kAbandonMargin, once kAbandonMinDataS of data timing exists.
// - The session's shape: the offline optimum plays a little under the link for most of the session, builds
//   ~30 s of buffer and spends it over the last minute, ending nearly empty (a buffer still full when the
//   last segment arrives was link time not spent on a higher rung). So the trust is a low kTrust (0.6)
//   until the last kEndRampS (80 s) of content and then rises linearly to kEndTrust (0.95). The ramp alone
//   (from 0.7) gave +1.4 points of the optimum's QoE_lin; with the lower trust before it, +2.9 (82.8 ->
//   85.7 %), and +2.3 to +3.5 at RTT 40/120 ms and with a free start-up. A trust tied to buffer / content
//   left instead oscillated (-0.3 to -2.8).
// - Start: start-up time costs like a stall. Without a seed the first segment is the lowest rung (the
//   quickest start; the throughput measured on it decides the next). With a seed (the last session's
//   estimate) the lookahead chooses from an empty buffer, so the start-up delay is weighed against the rung:
//   the lowest rung unless the seed is fast enough (above ~14 Mb/s for this ladder) for a higher first rung
//   to pay for its longer start-up.
// Tuned on both trace sets (FCC and HSDPA) together, no per-trace parameters, for QoE_lin with the
// start-up charged: 85.7 % of the offline optimum's mean QoE_lin (cross-validated choice of the three trust
// parameters: 85.2 % over 4 folds). Every variant measured, with its result, is in docs/PERFORMANCE.md,
// "ABR" ("Tuning log", "The session's shape", "What else was measured").
#include "core/playback/abr_controller.h"
#include "core/playback/throughput_estimator.h"

namespace fc::playback {

class FramecastAbrController : public AbrController {
public:
    static constexpr int kHorizon = 6;
    static constexpr double kTrust = 0.6;
    // Over the last kEndRampS of content the trust rises linearly towards kEndTrust: buffer left when the
    // last segment arrives is never played at a higher rung, so the end of a session spends it.
    static constexpr double kEndTrust = 0.95;
    static constexpr double kEndRampS = 80;
    static constexpr double kFastHalfLifeDownloads = 1;
    static constexpr double kSlowHalfLifeDownloads = 3;
    static constexpr double kRebufferPenalty = 4.3; // QoE_lin's, per second
    static constexpr double kSwitchMargin = 0.3;    // Mbps of objective
    static constexpr double kAbandonMargin = 0.3;
    static constexpr double kAbandonMinDataS = 1.5; // a stable rate before judging

    FramecastAbrController();
    std::string name() const override { return "framecast"; }
    int chooseRung(const AbrContext& context) override;
    void onDownloadComplete(const DownloadSample& sample) override;
    std::optional<int> shouldAbandon(const DownloadProgress& progress, const AbrContext& context) override;
    double estimateBps() const override;
    void seedEstimate(double bits_per_s) override { m_seed_bps = bits_per_s; }

    // The throughput the lookahead assumes for this decision (bits/s): trustFor(context) x the estimate, or x
    // the seed before any sample; 0 without either.
    double plannedBps(const AbrContext& context) const;
    // kTrust, rising to kEndTrust over the last kEndRampS of a presentation of known length.
    static double trustFor(const AbrContext& context);

private:
    ThroughputEstimator m_estimator; // for its TTFB average
    Ewma m_fast{kFastHalfLifeDownloads};
    Ewma m_slow{kSlowHalfLifeDownloads};
    double m_seed_bps = 0;
};

} // namespace fc::playback
