// Each ABR controller's rules on crafted contexts (pure logic).
#include <QtTest>

#include <cmath>

#include "core/playback/abr_bola.h"
#include "core/playback/abr_controller.h"
#include "core/playback/abr_framecast.h"
#include "core/playback/abr_hlsjs.h"
#include "core/playback/abr_spec.h"
#include "core/playback/session_simulator.h"

using namespace fc::playback;

namespace {

AbrContext context(double buffer_s, int last_rung, int index = 10) {
    AbrContext c;
    c.bitrates_bps = pensieveBitratesBps(); // 300 750 1200 1850 2850 4300 kb/s
    c.buffer_s = buffer_s;
    c.last_rung = last_rung;
    c.segment_index = index;
    c.segments_total = 48;
    c.starting = last_rung < 0;
    return c;
}

// A finished download that measures exactly `bps` over one second (RTT 80 ms inside it).
DownloadSample sampleAt(double bps, int rung = 0) {
    return DownloadSample{rung, int64_t(std::llround(bps / 8)), 1000, 80};
}

} // namespace

class TestAbrControllers : public QObject {
    Q_OBJECT
private slots:
    void factoryKnowsEveryName() {
        QCOMPARE(abrControllerNames(), std::vector<std::string>({"framecast", "hlsjs", "bola", "spec"}));
        for (const std::string& name : abrControllerNames()) {
            auto controller = makeAbrController(name);
            QVERIFY(controller);
            QCOMPARE(controller->name(), name);
            QCOMPARE(controller->estimateBps(), 0.0);
        }
        QVERIFY(!makeAbrController("pensieve"));
    }

    // --- spec ---
    void specThresholdsExactly() {
        SpecAbrController spec;
        QCOMPARE(spec.chooseRung(context(0, -1)), 0); // start: lowest
        QCOMPARE(spec.chooseRung(context(9.99, 3)), 1);
        QCOMPARE(spec.chooseRung(context(10, 3)), 2);
        QCOMPARE(spec.chooseRung(context(14.99, 3)), 2);
        QCOMPARE(spec.chooseRung(context(15, 3)), 3);
        QCOMPARE(spec.chooseRung(context(30, 3)), 3); // not above 30: keep
        QCOMPARE(spec.chooseRung(context(5, 1)), 0);  // clamped at the lowest
        // Keeping is not capped by the estimate (literal spec): rung 5 kept at 20 s with a 1 Mb/s estimate.
        spec.onDownloadComplete(sampleAt(1e6));
        QCOMPARE(spec.chooseRung(context(20, 5)), 5);
    }
    void specHarmonicMeanOfFiveAndUpRule() {
        SpecAbrController spec;
        spec.onDownloadComplete(sampleAt(0.1e6)); // falls out of the window of 5
        for (double mbps : {1.0, 4.0, 1.0, 4.0, 4.0})
            spec.onDownloadComplete(sampleAt(mbps * 1e6));
        // 5 / (1 + 0.25 + 1 + 0.25 + 0.25) = 1.8181.. Mb/s; 0.85 x that = 1.545 Mb/s -> 1200 kb/s (rung 2).
        QVERIFY(std::abs(spec.estimateBps() - 5e6 / 2.75) < 1);
        QCOMPARE(spec.chooseRung(context(30.01, 0)), 2);
        QCOMPARE(spec.chooseRung(context(45, 5)), 2);
    }

    // --- hls.js ---
    void hlsjsStartsFromTheDefaultEstimate() {
        HlsJsAbrController hls;
        // 500 kb/s default x 0.7 (every rung is "up" before the first) = 350 kb/s: the 300 kb/s rung.
        QCOMPARE(hls.chooseRung(context(0, -1, 0)), 0);
        HlsJsAbrController seeded;
        seeded.seedEstimate(3e6); // 0.7 x 3 Mb/s = 2.1 Mb/s -> 1850 kb/s
        QCOMPARE(seeded.chooseRung(context(0, -1, 0)), 3);
    }
    void hlsjsBandwidthFactors() {
        HlsJsAbrController hls;
        hls.onDownloadComplete(sampleAt(2e6)); // estimate 2 Mb/s
        QVERIFY(std::abs(hls.estimateBps() - 2e6) < 1);
        // From rung 2, rung 3 is "up": 0.7 x 2 = 1.4 Mb/s < 1.85 -> stay at 2 (0.95 x 2 = 1.9 > 1.2).
        QCOMPARE(hls.chooseRung(context(30, 2)), 2);
        // From rung 3, rung 3 is "same": 1.9 > 1.85 -> 3.
        QCOMPARE(hls.chooseRung(context(30, 3)), 3);
        // From rung 5, 0.95 x 2 = 1.9 Mb/s: rung 3.
        QCOMPARE(hls.chooseRung(context(30, 5)), 3);
    }
    void hlsjsFetchMustFitTheBuffer() {
        HlsJsAbrController hls;
        hls.onDownloadComplete(sampleAt(2e6));
        // Rung 3 takes 1.85 x 4 / 1.9 = 3.89 s: not within 3 s of buffer; rung 2 takes 2.53 s.
        QCOMPARE(hls.chooseRung(context(3, 3)), 2);
        // Empty buffer: the second pass allows 4 s of starvation (min(segment, 4 s)): rung 3 again.
        QCOMPARE(hls.chooseRung(context(0, 3)), 3);
    }
    void hlsjsAbandonment() {
        HlsJsAbrController hls;
        hls.onDownloadComplete(sampleAt(2e6));
        AbrContext c = context(5, 5);
        // Rung 5 (2.15 MB), 150 kB after 3 s (400 kb/s): 40 s more > 5 s of buffer; rung 0 at 400 kb/s takes
        // 0.08 + 3 s < 5 s -> abandon to 0.
        const DownloadProgress slow{5, 150'000, 2'150'000, 3000};
        QCOMPARE(hls.shouldAbandon(slow, c), std::optional<int>(0));
        // Not before half a segment duration has passed.
        QCOMPARE(hls.shouldAbandon(DownloadProgress{5, 100'000, 2'150'000, 2000}, c), std::nullopt);
        // Not when the buffer outlasts the rest of the download.
        QCOMPARE(hls.shouldAbandon(slow, context(50, 5)), std::nullopt);
        // Not when it is almost done.
        QCOMPARE(hls.shouldAbandon(DownloadProgress{5, 2'140'000, 2'150'000, 3000}, c), std::nullopt);
        // The highest rung that loads within the buffer: with 20 s of buffer, 1850 kb/s takes 18.6 s.
        QCOMPARE(hls.shouldAbandon(slow, context(20, 5)), std::optional<int>(3));
    }

    // --- BOLA ---
    void bolaParameters() {
        BolaAbrController bola;
        QCOMPARE(bola.chooseRung(context(0, -1, 0)), 1); // dash.js's 1000 kb/s default before any download
        // u_max = ln(4300 / 300) + 1; gp = (u_max - 1) / (30 / 12 - 1); Vp = 12 / gp.
        const double gp = std::log(4300.0 / 300.0) / 1.5;
        QVERIFY(std::abs(bola.gp() - gp) < 1e-12);
        QVERIFY(std::abs(bola.vp() - 12 / gp) < 1e-12);
        // The lowest rung scores best at 12 s of buffer and the top one from 30 s: Vp (u + gp - 1).
        QVERIFY(std::abs(bola.vp() * (1 + bola.gp() - 1) - 12) < 1e-9);
        QVERIFY(std::abs(bola.vp() * (std::log(4300.0 / 300.0) + 1 + bola.gp() - 1) - 30) < 1e-9);
    }
    void bolaStartupUsesThroughputThenSteady() {
        BolaAbrController bola;
        bola.chooseRung(context(0, -1, 0));
        for (int i = 0; i < 3; ++i)
            bola.onDownloadComplete(sampleAt(2.5e6));
        // Start-up: 0.9 x 2.5 Mb/s = 2.25 Mb/s -> 1850 kb/s, still in start-up with 4 s of buffer.
        QCOMPARE(bola.chooseRung(context(4, 1, 1)), 3);
        QVERIFY(!bola.steady());
        // Above 4 / 0.5 = 8 s of buffer it turns steady, with a placeholder that keeps rung 3 chosen.
        QCOMPARE(bola.chooseRung(context(9, 3, 2)), 3);
        QVERIFY(bola.steady());
        QVERIFY(bola.placeholderS() > 0);
        // Insufficient-buffer safety: at 2 s of buffer, 0.5 x 2.5 Mb/s x 2 / 4 = 625 kb/s -> rung 0.
        QCOMPARE(bola.chooseRung(context(2, 3, 3)), 0);
    }
    void bolaAbandonment() {
        BolaAbrController bola;
        bola.chooseRung(context(0, -1, 0));
        for (int i = 0; i < 3; ++i)
            bola.onDownloadComplete(sampleAt(2.5e6));
        bola.chooseRung(context(9, 3, 1)); // steady
        // Rung 4 (1.425 MB) at 200 kb/s with 6 s of buffer: far over a segment duration -> abandon lower.
        const DownloadProgress slow{4, 50'000, 1'425'000, 2080};
        const auto next = bola.shouldAbandon(slow, context(6, 3, 2));
        QVERIFY(next.has_value());
        QVERIFY(*next < 4);
        // Not with a buffer above the stable target (12 s), nor in the first 500 ms of data.
        QCOMPARE(bola.shouldAbandon(slow, context(13, 3, 2)), std::nullopt);
        QCOMPARE(bola.shouldAbandon(DownloadProgress{4, 5'000, 1'425'000, 480}, context(6, 3, 2)),
                 std::nullopt);
        // Not when the download is fast (finishes within a segment duration).
        QCOMPARE(bola.shouldAbandon(DownloadProgress{4, 700'000, 1'425'000, 1080}, context(6, 3, 2)),
                 std::nullopt);
    }

    // --- framecast ---
    void framecastFirstRung() {
        FramecastAbrController plain;
        QCOMPARE(plain.chooseRung(context(0, -1, 0)), 0); // no seed: the lowest rung (start-up costs 4.3/s)
        // With a seed the lookahead weighs the start-up delay (a stall from an empty buffer) against the
        // rung. At a planned P Mb/s (0.6 x seed) a first segment of b Mbps followed by the top rung is worth
        // b - (4.3 - b) - 4.3 x (0.1 + 4b / P): it rises with b only when P > 8.6 Mb/s (seed > 14.3 Mb/s);
        // below that the lowest rung and one switch up beat a longer start-up.
        FramecastAbrController seeded;
        seeded.seedEstimate(10e6);
        QVERIFY(std::abs(seeded.plannedBps(context(0, -1, 0)) - 0.6 * 10e6) < 1e-6);
        QCOMPARE(seeded.chooseRung(context(0, -1, 0)), 0);
        FramecastAbrController fast_seed;
        fast_seed.seedEstimate(20e6);
        QCOMPARE(fast_seed.chooseRung(context(0, -1, 0)), 5);
        FramecastAbrController slow_seed;
        slow_seed.seedEstimate(0.2e6);
        QCOMPARE(slow_seed.chooseRung(context(0, -1, 0)), 0);
    }
    void framecastWeighsDownloadsEqually() {
        // Each download weighs the same however long it took (half-lives of 1 and 3 downloads), so after
        // a step from 0.7 to 4 Mb/s one slow 10 s download does not outweigh the fast ones. Fast EWMA
        // (alpha 0.5) over 0.7, 4, 4: 3.0875 / 0.875 = 3.53 Mb/s; slow (alpha 2^(-1/3)): 1.571 / 0.5 = 3.14.
        const auto feed = [](FramecastAbrController& c, int64_t slow_ms, int64_t fast_ms) {
            c.onDownloadComplete(DownloadSample{1, int64_t(0.7e6 / 8 * double(slow_ms) / 1000), slow_ms, 80});
            for (int i = 0; i < 2; ++i)
                c.onDownloadComplete(
                    DownloadSample{3, int64_t(4e6 / 8 * double(fast_ms) / 1000), fast_ms, 80});
        };
        FramecastAbrController long_slow;
        feed(long_slow, 10'000, 1'400);
        QVERIFY2(std::abs(long_slow.estimateBps() - 3.14e6) < 0.01e6,
                 qPrintable(QString::number(long_slow.estimateBps())));
        FramecastAbrController equal_times;
        feed(equal_times, 1'000, 1'000);
        QVERIFY(std::abs(long_slow.estimateBps() - equal_times.estimateBps()) < 1e3);
        QVERIFY(std::abs(long_slow.plannedBps(context(10, 2)) - 0.6 * long_slow.estimateBps()) < 1e-6);
    }
    void framecastIsBolderWithMoreBuffer() {
        FramecastAbrController ours;
        ours.onDownloadComplete(sampleAt(3e6));
        QVERIFY(std::abs(ours.plannedBps(context(10, 2)) - 0.6 * 3e6) < 1); // mid-session: a constant share
        // The lookahead charges stalls: near-empty buffer -> conservative; deep buffer -> spends some of it
        // on a rung above the planned 1.8 Mb/s.
        const int low = ours.chooseRung(context(2, 2));
        const int high = ours.chooseRung(context(40, 2));
        QVERIFY(low <= 2);
        QVERIFY(high >= 3);
        QVERIFY(high > low);
    }
    void framecastSpendsTheBufferAtTheEnd() {
        // The trust is 0.6 until the last 80 s of the video, then rises linearly to 0.95; a presentation of
        // unknown length (live) stays at 0.6.
        QCOMPARE(FramecastAbrController::trustFor(context(10, 2, 10)), 0.6);
        QCOMPARE(FramecastAbrController::trustFor(context(10, 2, 28)), 0.6); // 20 segments = 80 s left
        QVERIFY(std::abs(FramecastAbrController::trustFor(context(10, 2, 38)) - 0.775) < 1e-9);
        QVERIFY(std::abs(FramecastAbrController::trustFor(context(10, 2, 47)) - 0.9325) < 1e-9);
        AbrContext live = context(10, 2, 47);
        live.segments_total = 0;
        QCOMPARE(FramecastAbrController::trustFor(live), 0.6);
        // At 3 Mb/s with 10 s of buffer and 2 segments left the lookahead plans at 0.915 x 3 Mb/s and spends
        // the buffer on the top rung: 2 x 17.2 Mb take ~12.5 s, 10 s of buffer + 4 s played in between. At
        // the mid-session 0.6 x it would plan ~19 s of downloading, a stall, and take rung 4.
        FramecastAbrController ours;
        ours.onDownloadComplete(sampleAt(3e6));
        const AbrContext near_end = context(10, 3, 46);
        QVERIFY(std::abs(ours.plannedBps(near_end) - 0.915 * 3e6) < 1);
        QCOMPARE(ours.chooseRung(near_end), 5);
    }
    void framecastUsesRealSegmentSizes() {
        FramecastAbrController ours;
        ours.onDownloadComplete(sampleAt(3e6));
        AbrContext nominal = context(10, 3);
        const int usual = ours.chooseRung(nominal);
        QCOMPARE(usual, 3);
        // The same moment, but the next segment is 5x its nominal size at rungs 3-5 (a hard scene): at rung 3
        // it would take ~17 s with 10 s of buffer.
        AbrContext heavy = nominal;
        for (size_t r = 0; r < heavy.bitrates_bps.size(); ++r)
            heavy.next_segment_bytes.push_back(heavy.bitrates_bps[r] / 2 * (r >= 3 ? 5 : 1));
        QVERIFY(ours.chooseRung(heavy) < usual);
    }
    void framecastDampsSwitches() {
        // A constant link between two rungs (2.2 Mb/s: 1850 sustainable, 2850 not). QoE_lin rewards spending
        // a deep buffer on the higher rung now and then, but every switch after the start-up ramp is to an
        // adjacent rung, there are few of them and each rung is held for at least 5 segments (the last run
        // may be shorter: the buffer left at the end is worth nothing).
        const Trace trace = Trace::fromSamples("flat", {0, 100}, {2.2, 2.2}).value();
        const SimLadder ladder = constantBitrateLadder(pensieveBitratesBps(), 48, 4);
        FramecastAbrController ours;
        const SessionResult session = simulateSession(trace, ladder, ours);
        QCOMPARE(session.rebuffer_s, 0.0);
        QVERIFY2(session.switches <= 6, qPrintable(QString::number(session.switches)));
        for (size_t i = 10; i < session.rungs.size(); ++i)
            QVERIFY(std::abs(session.rungs[i] - session.rungs[i - 1]) <= 1);
        // Lengths of the runs of equal rungs once the start-up ramp reached 1850 kb/s (rung 3).
        const size_t ramped =
            size_t(std::find(session.rungs.begin(), session.rungs.end(), 3) - session.rungs.begin());
        QVERIFY2(ramped <= 8, qPrintable(QString::number(ramped)));
        std::vector<int> runs{1};
        for (size_t i = ramped + 1; i < session.rungs.size(); ++i) {
            if (session.rungs[i] == session.rungs[i - 1])
                ++runs.back();
            else
                runs.push_back(1);
        }
        QVERIFY(runs.size() >= 2);
        for (size_t k = 0; k + 1 < runs.size(); ++k)
            QVERIFY2(runs[k] >= 5, qPrintable(QString::number(runs[k])));
    }
    void framecastAbandonment() {
        FramecastAbrController ours;
        ours.onDownloadComplete(sampleAt(3e6));
        AbrContext c = context(5, 4);
        // Rung 4 (1.425 MB) at 200 kb/s since the first byte: 55 s more, 5 s of buffer -> restart lower, at a
        // rung that finishes in time (rung 0: 0.08 + 1.2 Mbit / 0.2 = 6.1 s, the least stall).
        const DownloadProgress slow{4, 50'000, 1'425'000, 2080};
        const auto next = ours.shouldAbandon(slow, c);
        QVERIFY(next.has_value());
        QCOMPARE(*next, 0);
        // Keeps going when the buffer outlasts the rest, or before 1.5 s of data timing.
        QCOMPARE(ours.shouldAbandon(slow, context(60, 4)), std::nullopt);
        QCOMPARE(ours.shouldAbandon(DownloadProgress{4, 20'000, 1'425'000, 1000}, c), std::nullopt);
        // Keeps going when nearly done even if it stalls a little: restarting would stall more.
        QCOMPARE(ours.shouldAbandon(DownloadProgress{4, 1'400'000, 1'425'000, 6000}, context(0.5, 4)),
                 std::nullopt);
        // Never from the lowest rung.
        QCOMPARE(ours.shouldAbandon(DownloadProgress{0, 10'000, 150'000, 5000}, context(0.5, 0)),
                 std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestAbrControllers)
#include "test_abr_controllers.moc"
