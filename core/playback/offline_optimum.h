#pragma once
// The best QoE_lin a player could reach on a known trace, under session_simulator.h's model without
// abandonment (an oracle never needs to give a download up).
//
// Method: dynamic programming over segments. A state after segment i is (last rung, session time t, buffer b,
// QoE so far q); the first segment's states are charged their start-up time (its arrival) at 4.3/s unless
// SimOptions::charge_startup is off; from a state each rung of segment i + 1 gives one successor (download =
// RTT + the trace's delivery time from t, stall = what exceeds b, then the buffer-cap sleep). Per (i, last
// rung) we keep only the states that no other state dominates with b' >= b, t' <= t and q' >= q (a Pareto
// front over QoE and wall time per buffer level): being no later with at least as much buffer is taken to be
// at least as good. That rule is exact for a trace whose throughput never rises later, not in general: on a
// varying trace a later start can meet a better stretch of it. The exact rule (dominance on t and on e = t +
// b, when the buffer would run dry) kept over 200,000 states per segment on slow traces (30 s for one trace),
// so this one is used. With the start-up charged (the default) no online algorithm beats it on any of the 127
// traces (checked by framecast-abrsim on every run). With a free start-up an online player can shift itself
// in time at no cost (an abandoned first download only delays the start), and on trace_5642 (throughput
// under the lowest rung, 37 % of the session stalled, QoE_lin -482) that shift gives bola 0.4 more QoE_lin
// than this "optimum". Tests assert optimum >= every online algorithm on six real traces under both
// conventions; framecast-abrsim warns about every exception. Discretization: before the dominance sweep,
// states whose buffer and time fall in the same kOptimumGridS x kOptimumGridS cell (1 ms) are merged into the
// one with the higher QoE: the kept state is at most 1 ms later and 1 ms emptier. A 1 ms later start delays a
// download's end by at most 1 ms x (highest / lowest nonzero throughput of the trace around it), so each
// merge can cost at most 4.3 x 2 ms x that ratio of stall; over 48 segments 0.4 x that ratio QoE_lin at
// worst. Measured: the result is the same with a 10 ms grid on a sample of 15 traces (to 0.01), so the
// realised error is far below the bound. The rung sequence found is replayed through simulateSession, so the
// reported numbers come from the same simulator as the online algorithms'.
#include <cstddef>

#include "core/playback/session_simulator.h"

namespace fc::playback {

struct OptimumResult {
    SessionResult session;  // the replayed session (algorithm "optimum")
    double dp_qoe_lin = 0;  // the DP's own value (equals session.qoe_lin up to rounding)
    size_t peak_states = 0; // the largest layer, for the runtime's sake
};

constexpr double kOptimumGridS = 0.001;

OptimumResult offlineOptimum(const Trace& trace, const SimLadder& ladder, const SimOptions& options = {},
                             double grid_s = kOptimumGridS);

} // namespace fc::playback
