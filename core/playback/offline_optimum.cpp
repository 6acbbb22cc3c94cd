#include "core/playback/offline_optimum.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace fc::playback {

namespace {

struct Node {
    double t = 0; // session time when the segment arrived (after any cap sleep)
    double b = 0; // buffer then
    double q = 0; // QoE_lin so far
    int parent = -1;
    int rung = 0;
};

// Plays a fixed rung sequence.
class FixedSequenceController : public AbrController {
public:
    explicit FixedSequenceController(std::vector<int> rungs) : m_rungs(std::move(rungs)) {}
    std::string name() const override { return "optimum"; }
    int chooseRung(const AbrContext& context) override { return m_rungs[size_t(context.segment_index)]; }
    void onDownloadComplete(const DownloadSample&) override {}
    double estimateBps() const override { return 0; }

private:
    std::vector<int> m_rungs;
};

// Keeps the states of one (segment, rung) group that no other state dominates (see the header).
void prune(std::vector<Node>& group, double grid_s) {
    const auto cell = [grid_s](double v) { return std::llround(v / grid_s); };
    std::sort(group.begin(), group.end(), [&](const Node& x, const Node& y) {
        const auto ex = cell(x.b), ey = cell(y.b), tx = cell(x.t), ty = cell(y.t);
        if (ex != ey)
            return ex > ey;
        if (tx != ty)
            return tx < ty;
        return x.q > y.q;
    });
    // Grid merge, then the sweep by falling buffer: a state survives when every state with more buffer (seen
    // before it) that is no later has less QoE.
    std::vector<Node> kept;
    std::map<double, double> stairs; // time -> best QoE among states seen so far at or before that time
    long long last_e = 0, last_t = 0;
    bool first = true;
    for (const Node& node : group) {
        const long long e = cell(node.b), t = cell(node.t);
        if (!first && e == last_e && t == last_t)
            continue;
        first = false;
        last_e = e;
        last_t = t;
        auto it = stairs.upper_bound(node.t);
        if (it != stairs.begin() && std::prev(it)->second >= node.q)
            continue;
        kept.push_back(node);
        it = stairs.insert_or_assign(node.t, node.q).first;
        for (auto next = std::next(it); next != stairs.end() && next->second <= node.q;)
            next = stairs.erase(next);
    }
    group = std::move(kept);
}

} // namespace

OptimumResult offlineOptimum(const Trace& trace, const SimLadder& ladder, const SimOptions& options,
                             double grid_s) {
    OptimumResult result;
    const int rungs = ladder.rungCount();
    const int segments = ladder.segmentCount();
    if (rungs == 0 || segments == 0)
        return result;
    const double rtt_s = options.rtt_ms / 1000;
    const double offset = options.start_offset_s;
    std::vector<double> mbps;
    for (int64_t bps : ladder.bitrates_bps)
        mbps.push_back(double(bps) / 1e6);

    std::vector<std::vector<Node>> layers(static_cast<size_t>(segments));
    for (int r = 0; r < rungs; ++r) {
        Node node;
        node.rung = r;
        const double bits = 8.0 * double(ladder.segment_bytes[size_t(r)][0]);
        node.t = trace.timeAfterBits(offset + rtt_s, bits) - offset;
        node.b = options.segment_s;
        node.q = mbps[size_t(r)] - (options.charge_startup ? kRebufferPenalty * node.t : 0.0);
        if (node.b > options.buffer_capacity_s) {
            node.t += node.b - options.buffer_capacity_s;
            node.b = options.buffer_capacity_s;
        }
        layers[0].push_back(node);
    }
    result.peak_states = layers[0].size();
    std::vector<std::vector<Node>> groups(static_cast<size_t>(rungs));
    for (int i = 1; i < segments; ++i) {
        for (auto& group : groups)
            group.clear();
        const std::vector<Node>& previous = layers[size_t(i - 1)];
        for (size_t p = 0; p < previous.size(); ++p) {
            const Node& from = previous[p];
            const double first_byte = offset + from.t + rtt_s;
            for (int r = 0; r < rungs; ++r) {
                const double bits = 8.0 * double(ladder.segment_bytes[size_t(r)][size_t(i)]);
                const double download = trace.timeAfterBits(first_byte, bits) - offset - from.t;
                Node node;
                node.rung = r;
                node.parent = int(p);
                node.t = from.t + download;
                const double stall = std::max(0.0, download - from.b);
                node.b = std::max(0.0, from.b - download) + options.segment_s;
                if (node.b > options.buffer_capacity_s) {
                    node.t += node.b - options.buffer_capacity_s;
                    node.b = options.buffer_capacity_s;
                }
                node.q = from.q + mbps[size_t(r)] - kRebufferPenalty * stall -
                         std::abs(mbps[size_t(r)] - mbps[size_t(from.rung)]);
                groups[size_t(r)].push_back(node);
            }
        }
        std::vector<Node>& layer = layers[size_t(i)];
        for (auto& group : groups) {
            prune(group, grid_s);
            layer.insert(layer.end(), group.begin(), group.end());
        }
        result.peak_states = std::max(result.peak_states, layer.size());
    }
    const std::vector<Node>& last = layers.back();
    size_t best = 0;
    for (size_t k = 1; k < last.size(); ++k)
        if (last[k].q > last[best].q)
            best = k;
    result.dp_qoe_lin = last[best].q;
    std::vector<int> sequence(static_cast<size_t>(segments));
    int index = int(best);
    for (int i = segments - 1; i >= 0; --i) {
        const Node& node = layers[size_t(i)][size_t(index)];
        sequence[size_t(i)] = node.rung;
        index = node.parent;
    }
    FixedSequenceController replay(std::move(sequence));
    result.session = simulateSession(trace, ladder, replay, options);
    return result;
}

} // namespace fc::playback
