#include "core/playback/session_simulator.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace fc::playback {

std::vector<int64_t> pensieveBitratesBps() {
    return {300'000, 750'000, 1'200'000, 1'850'000, 2'850'000, 4'300'000};
}

Result<SimLadder> loadChunkSizes(const std::string& dir, int max_segments,
                                 std::vector<int64_t> bitrates_bps) {
    SimLadder ladder;
    ladder.bitrates_bps = std::move(bitrates_bps);
    for (size_t rung = 0; rung < ladder.bitrates_bps.size(); ++rung) {
        const std::string path = dir + "/video_size_" + std::to_string(rung);
        std::ifstream file(path);
        if (!file)
            return makeError("chunk_sizes_unreadable", "cannot read " + path);
        std::vector<int64_t> sizes;
        int64_t bytes = 0;
        while (file >> bytes) {
            if (bytes <= 0)
                return makeError("invalid_chunk_sizes", path + ": sizes must be positive");
            sizes.push_back(bytes);
        }
        if (!file.eof() || sizes.empty())
            return makeError("invalid_chunk_sizes", path + ": expected one byte count per line");
        if (max_segments > 0 && sizes.size() > size_t(max_segments))
            sizes.resize(size_t(max_segments));
        if (rung > 0 && sizes.size() != ladder.segment_bytes.front().size())
            return makeError("invalid_chunk_sizes", path + ": segment count differs from video_size_0");
        ladder.segment_bytes.push_back(std::move(sizes));
    }
    if (ladder.segment_bytes.empty())
        return makeError("invalid_chunk_sizes", "empty ladder");
    return ladder;
}

SimLadder constantBitrateLadder(std::vector<int64_t> bitrates_bps, int segments, double segment_s) {
    SimLadder ladder;
    for (int64_t bps : bitrates_bps)
        ladder.segment_bytes.emplace_back(size_t(segments),
                                          int64_t(std::llround(double(bps) * segment_s / 8)));
    ladder.bitrates_bps = std::move(bitrates_bps);
    return ladder;
}

double qoeLin(const std::vector<int>& rungs, const std::vector<int64_t>& bitrates_bps, double stall_s) {
    double qoe = -kRebufferPenalty * stall_s;
    for (size_t i = 0; i < rungs.size(); ++i) {
        const double mbps = double(bitrates_bps[size_t(rungs[i])]) / 1e6;
        qoe += mbps;
        if (i > 0)
            qoe -= std::abs(mbps - double(bitrates_bps[size_t(rungs[i - 1])]) / 1e6);
    }
    return qoe;
}

namespace {

// The session's clock, buffer and stall accounting.
struct Playout {
    double t = 0; // session time
    double buffer_s = 0;
    double rebuffer_s = 0;
    bool playing = false;

    void pass(double dt) {
        if (playing) {
            rebuffer_s += std::max(0.0, dt - buffer_s);
            buffer_s = std::max(0.0, buffer_s - dt);
        }
        t += dt;
    }
    double bufferAfter(double dt) const { return playing ? std::max(0.0, buffer_s - dt) : 0.0; }
};

int64_t toMs(double seconds) {
    return int64_t(std::llround(seconds * 1000));
}

} // namespace

SessionResult simulateSession(const Trace& trace, const SimLadder& ladder, AbrController& controller,
                              const SimOptions& options) {
    SessionResult result;
    result.trace = trace.name();
    result.algorithm = controller.name();
    const int rungs = ladder.rungCount();
    const int segments = ladder.segmentCount();
    const double rtt_s = options.rtt_ms / 1000;
    const double poll_s = options.poll_interval_ms / 1000;
    const double offset = options.start_offset_s;

    AbrContext context;
    context.bitrates_bps = ladder.bitrates_bps;
    context.segment_duration_s = options.segment_s;
    context.buffer_capacity_s = options.buffer_capacity_s;
    context.segments_total = segments;
    context.next_segment_bytes.resize(size_t(rungs));

    Playout play;
    int last_rung = -1;
    for (int index = 0; index < segments; ++index) {
        for (int r = 0; r < rungs; ++r)
            context.next_segment_bytes[size_t(r)] = ladder.segment_bytes[size_t(r)][size_t(index)];
        context.segment_index = index;
        context.last_rung = last_rung;
        context.buffer_s = play.buffer_s;
        context.starting = !play.playing;
        int rung = std::clamp(controller.chooseRung(context), 0, rungs - 1);
        for (;;) {
            const int64_t bytes = ladder.segment_bytes[size_t(rung)][size_t(index)];
            const double first_byte = play.t + rtt_s;
            const double end = trace.timeAfterBits(offset + first_byte, 8.0 * double(bytes)) - offset;
            std::optional<int> abandon_to;
            double elapsed = 0;
            int64_t loaded = 0;
            for (int k = 1; rung > 0 && play.t + k * poll_s < end; ++k) {
                elapsed = k * poll_s;
                const double now = play.t + elapsed;
                loaded = now <= first_byte
                             ? 0
                             : std::min<int64_t>(bytes, int64_t((trace.bitsUntil(offset + now) -
                                                                 trace.bitsUntil(offset + first_byte)) /
                                                                8));
                context.buffer_s = play.bufferAfter(elapsed);
                const DownloadProgress progress{rung, loaded, bytes, toMs(elapsed)};
                abandon_to = controller.shouldAbandon(progress, context);
                if (abandon_to && *abandon_to >= 0 && *abandon_to < rung)
                    break;
                abandon_to.reset();
            }
            if (abandon_to) {
                play.pass(elapsed);
                controller.onDownloadComplete({rung, loaded, toMs(elapsed), toMs(std::min(elapsed, rtt_s))});
                ++result.abandonments;
                rung = *abandon_to;
                context.buffer_s = play.buffer_s;
                continue;
            }
            const double duration = end - play.t;
            play.pass(duration);
            controller.onDownloadComplete({rung, bytes, toMs(duration), toMs(rtt_s)});
            break;
        }
        play.buffer_s += options.segment_s;
        if (!play.playing) {
            play.playing = true;
            result.startup_s = play.t;
        }
        result.rungs.push_back(rung);
        if (last_rung >= 0 && rung != last_rung)
            ++result.switches;
        last_rung = rung;
        if (play.buffer_s > options.buffer_capacity_s) {
            play.t += play.buffer_s - options.buffer_capacity_s;
            play.buffer_s = options.buffer_capacity_s;
        }
    }
    result.session_s = play.t;
    result.rebuffer_s = play.rebuffer_s;
    result.played_s = segments * options.segment_s;
    const double watched = result.rebuffer_s + result.played_s;
    result.rebuffer_ratio = watched > 0 ? result.rebuffer_s / watched : 0;
    double sum_kbps = 0;
    for (int r : result.rungs)
        sum_kbps += double(ladder.bitrates_bps[size_t(r)]) / 1000;
    result.mean_bitrate_kbps = result.rungs.empty() ? 0 : sum_kbps / double(result.rungs.size());
    result.qoe_lin = qoeLin(result.rungs, ladder.bitrates_bps,
                            result.rebuffer_s + (options.charge_startup ? result.startup_s : 0.0));
    return result;
}

} // namespace fc::playback
