#pragma once
// Trace-driven ABR session simulator (Pensieve's model, deterministic):
// - Each segment download costs the request RTT (no bytes flow during it) plus the time the trace needs to
//   deliver the segment's bytes, integrated over the trace's step function from the first byte on; the trace
//   loops. Trace time = start_offset_s + session time.
// - The playhead drains the buffer while a download runs; when the buffer runs dry playback stalls until the
//   segment arrives (rebuffering).
// - Start-up: playback starts when the first segment has arrived. The start-up time (request of the first
//   segment, any abandoned attempts included, to its arrival) is reported separately (startup_s) and is not
//   part of rebuffer_s / rebuffer_ratio, which count mid-playback stalls only. QoE_lin charges it like a
//   stall (4.3 per second) by default, as Pensieve's simulator does (its player starts with an empty buffer,
//   so the first download is rebuffering) and as a viewer experiences it; SimOptions::charge_startup = false
//   gives the free start-up convention (start-up not in QoE_lin).
// - When a segment arrival lifts the buffer above buffer_capacity_s, the client sleeps until it is back at
// the
//   capacity (exactly, not in Pensieve's 500 ms steps), then requests the next segment.
// - Abandonment: while a download runs the controller's shouldAbandon is polled every poll_interval_ms of
//   simulated time (not before the first poll interval, never at the lowest rung); an abandoned download
//   costs the time spent on it (its partial sample is fed to the controller) and the segment restarts at the
//   returned (lower) rung without asking chooseRung again.
// - QoE_lin (Pensieve): sum of bitrate_Mbps - 4.3 * (rebuffer_s + startup_s) - sum |delta bitrate_Mbps| over
//   the segments, with the rungs' nominal bitrates (without startup_s when start-up is free). Pensieve's 0.95
//   packet-payload factor is not applied: the trace's throughput is taken as goodput.
#include <cstdint>
#include <string>
#include <vector>

#include "core/playback/abr_controller.h"
#include "core/playback/trace.h"
#include "core/util/result.h"

namespace fc::playback {

// A video's ladder as the simulator sees it: nominal bitrates and the real size of every segment at every
// rung.
struct SimLadder {
    std::vector<int64_t> bitrates_bps;               // ascending
    std::vector<std::vector<int64_t>> segment_bytes; // [rung][segment index]
    int rungCount() const { return int(bitrates_bps.size()); }
    int segmentCount() const { return segment_bytes.empty() ? 0 : int(segment_bytes.front().size()); }
};

// The Pensieve test video's ladder: 300/750/1200/1850/2850/4300 kb/s.
std::vector<int64_t> pensieveBitratesBps();
// `video_size_0` ... `video_size_<n-1>` in dir (one byte count per line, lowest rung first); the first
// max_segments lines when > 0 (the Pensieve files have 49 lines, its simulations use 48 segments).
Result<SimLadder> loadChunkSizes(const std::string& dir, int max_segments = 0,
                                 std::vector<int64_t> bitrates_bps = pensieveBitratesBps());
constexpr int kPensieveSegments = 48;
// Every segment exactly bitrate x segment_s (for synthetic tests).
SimLadder constantBitrateLadder(std::vector<int64_t> bitrates_bps, int segments, double segment_s);

struct SimOptions {
    double rtt_ms = 80;
    double buffer_capacity_s = 60;
    double segment_s = 4;
    double start_offset_s = 0;
    double poll_interval_ms = 100;
    bool charge_startup = true; // QoE_lin charges the start-up time at kRebufferPenalty per second
};

struct SessionResult {
    std::string trace;
    std::string algorithm;
    double mean_bitrate_kbps = 0;
    double rebuffer_s = 0;
    double rebuffer_ratio = 0; // rebuffer / (rebuffer + played)
    double startup_s = 0;      // request of the first segment to its arrival; not in rebuffer_s
    double played_s = 0;
    double session_s = 0; // wall time until the last segment arrived
    double qoe_lin = 0;
    int switches = 0;
    int abandonments = 0;
    std::vector<int> rungs; // per segment
};

constexpr double kRebufferPenalty = 4.3; // QoE_lin's weight of a second of rebuffering

// stall_s: every second QoE_lin charges (rebuffering, plus the start-up when it is charged).
double qoeLin(const std::vector<int>& rungs, const std::vector<int64_t>& bitrates_bps, double stall_s);

SessionResult simulateSession(const Trace& trace, const SimLadder& ladder, AbrController& controller,
                              const SimOptions& options = {});

} // namespace fc::playback
