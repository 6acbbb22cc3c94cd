// The ABR trace simulator, throughput traces, the EWMA estimator and the offline optimum (pure logic, no
// media).
#include <QtTest>

#include <cmath>
#include <memory>

#include "core/playback/abr_controller.h"
#include "core/playback/offline_optimum.h"
#include "core/playback/session_simulator.h"
#include "core/playback/throughput_estimator.h"
#include "core/playback/trace.h"

using namespace fc::playback;

namespace {

const QString kTraces = QStringLiteral(FRAMECAST_SHARED_DIR "/abr-traces/fcc-hsdpa");
const QString kChunks = QStringLiteral(FRAMECAST_SHARED_DIR "/abr-traces/pensieve-chunk-sizes");

Trace constantTrace(double mbps, double seconds = 100) {
    return Trace::fromSamples("constant", {0, seconds / 2}, {mbps, mbps}).value();
}

// Plays a fixed rung (or sequence) and records what the simulator tells it.
class ScriptedController : public AbrController {
public:
    explicit ScriptedController(std::vector<int> rungs, std::optional<int> abandon_to = std::nullopt)
        : m_rungs(std::move(rungs)), m_abandon_to(abandon_to) {}
    std::string name() const override { return "scripted"; }
    int chooseRung(const AbrContext& context) override {
        contexts.push_back(context);
        return m_rungs[std::min(size_t(context.segment_index), m_rungs.size() - 1)];
    }
    void onDownloadComplete(const DownloadSample& sample) override { samples.push_back(sample); }
    std::optional<int> shouldAbandon(const DownloadProgress& progress, const AbrContext&) override {
        progresses.push_back(progress);
        if (m_abandon_to && progress.rung > *m_abandon_to)
            return m_abandon_to;
        return std::nullopt;
    }
    double estimateBps() const override { return 0; }

    std::vector<AbrContext> contexts;
    std::vector<DownloadSample> samples;
    std::vector<DownloadProgress> progresses;

private:
    std::vector<int> m_rungs;
    std::optional<int> m_abandon_to;
};

const std::vector<int64_t> kBitrates = pensieveBitratesBps();

} // namespace

class TestAbrSimulator : public QObject {
    Q_OBJECT
private slots:
    // --- traces ---
    void traceIsAStepFunctionThatLoops() {
        // 8 Mb/s for 10 s, then 2 Mb/s; the last sample lasts the mean interval (10 s): period 20 s.
        const Trace trace = Trace::fromSamples("step", {0, 10}, {8, 2}).value();
        QCOMPARE(trace.periodS(), 20.0);
        QCOMPARE(trace.mbpsAt(9.9), 8.0);
        QCOMPARE(trace.mbpsAt(15), 2.0);
        QCOMPARE(trace.mbpsAt(21), 8.0); // looped
        QCOMPARE(trace.bitsUntil(10), 80e6);
        QCOMPARE(trace.bitsUntil(20), 100e6);
        QCOMPARE(trace.bitsUntil(25), 140e6);
        // 100 Mbit from t = 5: 40 by t = 10, 20 more by t = 20, the last 40 at 8 Mb/s after the loop -> t
        // = 25.
        QVERIFY(std::abs(trace.timeAfterBits(5, 100e6) - 25) < 1e-9);
        QCOMPARE(trace.timeAfterBits(3, 0), 3.0);
    }
    void zeroThroughputSamplesAreWaitedOut() {
        const Trace trace = Trace::fromSamples("gap", {0, 1, 3}, {1, 0, 1}).value();
        // 1.5 Mbit from 0: 1 Mbit in the first second, nothing for 2 s, 0.5 Mbit from t = 3.
        QVERIFY(std::abs(trace.timeAfterBits(0, 1.5e6) - 3.5) < 1e-9);
    }
    void traceParsingAndErrors() {
        auto ok = Trace::parse("t", "0.0\t1.5\n1.0\t2.5\n\n");
        QVERIFY(ok.ok());
        QCOMPARE(ok->sampleCount(), size_t(2));
        QCOMPARE(ok->meanMbps(), 2.0);
        auto bad_number = Trace::parse("bad", "0.0\t1.5\n1.0\tfast\n");
        QVERIFY(!bad_number.ok());
        QCOMPARE(bad_number.error().code, std::string("invalid_trace"));
        QVERIFY(bad_number.error().message.find("bad:2") != std::string::npos);
        QVERIFY(!Trace::parse("extra", "0 1 2\n").ok());
        QVERIFY(!Trace::parse("backwards", "0 1\n2 1\n1 1\n").ok());
        QVERIFY(!Trace::parse("negative", "0 -1\n1 1\n").ok());
        QVERIFY(!Trace::parse("dead", "0 0\n1 0\n").ok());
        QVERIFY(!Trace::parse("empty", "").ok());
        QCOMPARE(Trace::load("/nonexistent/trace").error().code, std::string("trace_unreadable"));
    }
    void traceDirectoryErrors() {
        QCOMPARE(loadTraceDirectory("/nonexistent/dir").error().code, std::string("traces_not_found"));
        QTemporaryDir dir;
        QCOMPARE(loadTraceDirectory(dir.path().toStdString()).error().code, std::string("traces_not_found"));
        QFile good(dir.filePath("a_good"));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("0\t1\n1\t2\n");
        good.close();
        auto one = loadTraceDirectory(dir.path().toStdString());
        QVERIFY(one.ok());
        QCOMPARE(one->size(), size_t(1));
        QCOMPARE(one->front().name(), std::string("a_good"));
        QFile bad(dir.filePath("b_bad"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("zero\tone\n");
        bad.close();
        auto broken = loadTraceDirectory(dir.path().toStdString());
        QVERIFY(!broken.ok());
        QVERIFY(broken.error().message.find("b_bad") != std::string::npos);
    }
    void realTracesAndChunkSizesLoad() {
        auto traces = loadTraceDirectory(kTraces.toStdString());
        QVERIFY2(traces.ok(), traces.ok() ? "" : traces.error().message.c_str());
        QCOMPARE(traces->size(), size_t(127));
        auto ladder = loadChunkSizes(kChunks.toStdString(), kPensieveSegments);
        QVERIFY(ladder.ok());
        QCOMPARE(ladder->rungCount(), 6);
        QCOMPARE(ladder->segmentCount(), 48);
        QCOMPARE(ladder->segment_bytes[0][0], int64_t(181801));
        QCOMPARE(loadChunkSizes("/nonexistent").error().code, std::string("chunk_sizes_unreadable"));
    }

    // --- EWMA ---
    void ewmaMatchesHandComputedValues() {
        // Fast (3 s): alpha = 2^(-1/3). 1 s at 1 Mb/s then 2 s at 4 Mb/s:
        // (1e6 (a^2 - a^3) + 4e6 (1 - a^2)) / (1 - a^3) = 3.2202369e6. Slow (9 s): b = 2^(-1/9):
        // (1e6 (b^2 - b^3) + 4e6 (1 - b^2)) / (1 - b^3) = 3.0759532e6; the estimate is the smaller.
        ThroughputEstimator estimator;
        QVERIFY(!estimator.hasEstimate());
        QCOMPARE(estimator.estimateBps(), 500'000.0); // hls.js's default before samples
        estimator.sample(1000, 125'000);
        QVERIFY(std::abs(estimator.fastBps() - 1e6) < 1e-3); // zero-bias corrected: one sample is itself
        QVERIFY(std::abs(estimator.slowBps() - 1e6) < 1e-3);
        estimator.sample(2000, 1'000'000);
        QVERIFY(std::abs(estimator.fastBps() - 3.2202369e6) < 1.0);
        QVERIFY(std::abs(estimator.slowBps() - 3.0759532e6) < 1.0);
        QVERIFY(std::abs(estimator.estimateBps() - 3.0759532e6) < 1.0);
    }
    void ewmaFloorsShortSamples() {
        ThroughputEstimator estimator;
        estimator.sample(10, 1000); // counted as 50 ms: 160 kb/s, not 800
        QVERIFY(std::abs(estimator.estimateBps() - 160'000) < 1e-6);
    }

    // --- simulator ---
    void qoeFormula() {
        // 0.3 + 4.3 + 4.3 + 1.2 - 4.3 x 1 (stall, start-up included) - (4.0 + 0 + 3.1) = -1.3
        QVERIFY(std::abs(qoeLin({0, 5, 5, 2}, kBitrates, 1.0) - (-1.3)) < 1e-9);
    }
    void fastConstantLinkTopRungNoStalls() {
        const SimLadder ladder = constantBitrateLadder(kBitrates, 10, 4);
        const Trace trace = constantTrace(10);
        // Fixed top rung: 17.2 Mbit at 10 Mb/s = 1.72 s + 80 ms RTT per segment, buffer grows 2.2 s each.
        // QoE_lin = 10 x 4.3 - 4.3 x 1.8 s start-up = 35.26 (43.0 with a free start-up).
        ScriptedController top({5});
        const SessionResult fixed = simulateSession(trace, ladder, top);
        QCOMPARE(fixed.rebuffer_s, 0.0);
        QVERIFY(std::abs(fixed.startup_s - 1.8) < 1e-9);
        QVERIFY(std::abs(fixed.session_s - 18.0) < 1e-9);
        QVERIFY(std::abs(fixed.qoe_lin - 35.26) < 1e-9);
        SimOptions free_startup;
        free_startup.charge_startup = false;
        ScriptedController top_again({5});
        const SessionResult free_fixed = simulateSession(trace, ladder, top_again, free_startup);
        QVERIFY(std::abs(free_fixed.qoe_lin - 43.0) < 1e-9);
        QCOMPARE(free_fixed.startup_s, fixed.startup_s);
        QCOMPARE(fixed.switches, 0);
        QCOMPARE(fixed.mean_bitrate_kbps, 4300.0);
        // Every online controller reaches the top rung and never stalls.
        for (const std::string& name : abrControllerNames()) {
            auto controller = makeAbrController(name);
            const SessionResult session = simulateSession(trace, ladder, *controller);
            QVERIFY2(session.rebuffer_s == 0, name.c_str());
            QVERIFY2(session.rungs.back() == 5, name.c_str());
            QVERIFY(std::abs(session.qoe_lin - qoeLin(session.rungs, kBitrates, session.startup_s)) < 1e-9);
        }
        auto ours = makeAbrController("framecast");
        const SessionResult session = simulateSession(trace, ladder, *ours);
        for (size_t i = 2; i < session.rungs.size(); ++i)
            QCOMPARE(session.rungs[i], 5); // top rung after the first segments
    }
    void slowConstantLinkLowestRungAnalyticRebuffer() {
        // 0.2 Mb/s: a 1.2 Mbit lowest-rung segment takes 6 s + 80 ms; after start-up each one stalls
        // 6.08 - 4 = 2.08 s. 10 segments: 9 x 2.08 = 18.72 s rebuffering; the 6.08 s start-up is not
        // rebuffering but QoE_lin charges it: 10 x 0.3 - 4.3 x (18.72 + 6.08) = -103.64.
        const SimLadder ladder = constantBitrateLadder(kBitrates, 10, 4);
        const Trace trace = constantTrace(0.2);
        ScriptedController lowest({0});
        const SessionResult fixed = simulateSession(trace, ladder, lowest);
        QVERIFY(std::abs(fixed.startup_s - 6.08) < 1e-9);
        QVERIFY(std::abs(fixed.rebuffer_s - 18.72) < 1e-9);
        QVERIFY(std::abs(fixed.qoe_lin - (-103.64)) < 1e-9);
        SimOptions free_startup;
        free_startup.charge_startup = false;
        ScriptedController lowest_again({0});
        QVERIFY(std::abs(simulateSession(trace, ladder, lowest_again, free_startup).qoe_lin -
                         (3.0 - 4.3 * 18.72)) < 1e-9);
        QVERIFY(std::abs(fixed.rebuffer_ratio - 18.72 / (18.72 + 40)) < 1e-12);
        // The spec controller starts at the lowest rung and its buffer never reaches 10 s: the same session.
        auto spec = makeAbrController("spec");
        const SessionResult session = simulateSession(trace, ladder, *spec);
        QCOMPARE(session.rungs, fixed.rungs);
        QVERIFY(std::abs(session.rebuffer_s - 18.72) < 1e-9);
        // Ours ends at the lowest rung and cannot stall less than the analytic minimum.
        auto ours = makeAbrController("framecast");
        const SessionResult mine = simulateSession(trace, ladder, *ours);
        QCOMPARE(mine.rungs.back(), 0);
        QVERIFY(mine.rebuffer_s >= 18.72 - 1e-9);
    }
    void stepDownTraceMakesControllersSwitchDown() {
        // 6 Mb/s for 60 s, then 0.6 Mb/s for 240 s (then it loops).
        const Trace trace = Trace::fromSamples("step", {0, 60, 180}, {6, 0.6, 0.6}).value();
        const SimLadder ladder = constantBitrateLadder(kBitrates, 40, 4);
        for (const char* name : {"framecast", "hlsjs", "bola"}) {
            auto controller = makeAbrController(name);
            const SessionResult session = simulateSession(trace, ladder, *controller);
            const int high = *std::max_element(session.rungs.begin(), session.rungs.begin() + 10);
            QVERIFY2(high >= 3, name);
            // 0.6 Mb/s sustains 300 kb/s (750 only from buffer). Not asserted on the last segments: near the
            // session's end ours spends the buffer left (worth nothing after the last segment).
            QVERIFY2(*std::min_element(session.rungs.begin() + 10, session.rungs.end()) <= 1, name);
            // Ours plans the last segments at up to 0.95 of its estimate to spend that buffer, and may cut it
            // this fine (13 ms here, 0.06 of QoE_lin for two rungs up).
            const double allowed_s = std::string(name) == "framecast" ? 0.05 : 0.0;
            QVERIFY2(session.rebuffer_s <= allowed_s, qPrintable(QString::number(session.rebuffer_s)));
        }
    }
    void sleepsWhileTheBufferIsAboveCapacity() {
        // 100 Mb/s, lowest rung, cap 10 s: downloads take 0.092 s. Buffer 4, 7.908, 11.816 -> sleep 1.816;
        // from then on one segment per 4 s (0.092 download + 3.908 sleep). 10 segments: 3 x 0.092 + 1.816 +
        // 7 x 4 = 30.092 s.
        const SimLadder ladder = constantBitrateLadder(kBitrates, 10, 4);
        SimOptions options;
        options.buffer_capacity_s = 10;
        ScriptedController lowest({0});
        const SessionResult session = simulateSession(constantTrace(100), ladder, lowest, options);
        QCOMPARE(session.rebuffer_s, 0.0);
        QVERIFY(std::abs(session.session_s - 30.092) < 1e-9);
        for (size_t i = 3; i < lowest.contexts.size(); ++i)
            QVERIFY(std::abs(lowest.contexts[i].buffer_s - 10) < 1e-9); // asked right after each sleep
    }
    void rttIsChargedPerRequest() {
        const SimLadder ladder = constantBitrateLadder(kBitrates, 3, 4);
        SimOptions options;
        options.rtt_ms = 500;
        ScriptedController lowest({0});
        const SessionResult session = simulateSession(constantTrace(8), ladder, lowest, options);
        // 1.2 Mbit at 8 Mb/s = 150 ms, plus 500 ms RTT.
        QVERIFY(std::abs(session.startup_s - 0.65) < 1e-9);
        QCOMPARE(lowest.samples.size(), size_t(3));
        QCOMPARE(lowest.samples[0].duration_ms, int64_t(650));
        QCOMPARE(lowest.samples[0].ttfb_ms, int64_t(500));
        QCOMPARE(lowest.samples[0].bytes, int64_t(150'000));
        options.rtt_ms = 0;
        ScriptedController no_rtt({0});
        QVERIFY(std::abs(simulateSession(constantTrace(8), ladder, no_rtt, options).startup_s - 0.15) < 1e-9);
    }
    void abandonedDownloadCostsItsTimeAndRestartsLower() {
        // Top rung at 8 Mb/s; the controller abandons to the lowest rung at the first poll (100 ms): 20 ms of
        // data (20 kB) wasted, then 80 ms + 150 ms for the lowest rung: start-up 0.33 s.
        const SimLadder ladder = constantBitrateLadder(kBitrates, 2, 4);
        ScriptedController abandoning({5}, 0);
        const SessionResult session = simulateSession(constantTrace(8), ladder, abandoning);
        QCOMPARE(session.abandonments, 2);
        QCOMPARE(session.rungs, std::vector<int>({0, 0}));
        QVERIFY(std::abs(session.startup_s - 0.33) < 1e-9);
        QCOMPARE(abandoning.samples[0].rung, 5);
        QCOMPARE(abandoning.samples[0].bytes, int64_t(20'000));
        QCOMPARE(abandoning.samples[0].duration_ms, int64_t(100));
        QCOMPARE(abandoning.progresses[0].bytes_total, int64_t(2'150'000));
        QCOMPARE(abandoning.progresses[0].elapsed_ms, int64_t(100));
        // Never polled at the lowest rung.
        for (const DownloadProgress& p : abandoning.progresses)
            QVERIFY(p.rung > 0);
    }
    void contextCarriesRealSegmentSizes() {
        auto ladder = loadChunkSizes(kChunks.toStdString(), kPensieveSegments);
        QVERIFY(ladder.ok());
        ScriptedController lowest({0});
        simulateSession(constantTrace(5), *ladder, lowest);
        QCOMPARE(lowest.contexts.size(), size_t(48));
        QCOMPARE(lowest.contexts[7].next_segment_bytes,
                 std::vector<int64_t>({ladder->segment_bytes[0][7], ladder->segment_bytes[1][7],
                                       ladder->segment_bytes[2][7], ladder->segment_bytes[3][7],
                                       ladder->segment_bytes[4][7], ladder->segment_bytes[5][7]}));
        QCOMPARE(lowest.contexts[7].segment_index, 7);
        QCOMPARE(lowest.contexts[7].segments_total, 48);
        QVERIFY(lowest.contexts[0].starting);
        QVERIFY(!lowest.contexts[1].starting);
    }
    void deterministic() {
        auto trace = Trace::load((kTraces + "/trace_10322_http---edition.cnn.com").toStdString());
        QVERIFY(trace.ok());
        auto ladder = loadChunkSizes(kChunks.toStdString(), kPensieveSegments);
        auto a = makeAbrController("framecast");
        auto b = makeAbrController("framecast");
        const SessionResult x = simulateSession(*trace, *ladder, *a);
        const SessionResult y = simulateSession(*trace, *ladder, *b);
        QCOMPARE(x.rungs, y.rungs);
        QCOMPARE(x.qoe_lin, y.qoe_lin);
        QCOMPARE(x.rebuffer_s, y.rebuffer_s);
    }

    // --- offline optimum ---
    void optimumOnAConstantLinkIsTheTopRung() {
        const SimLadder ladder = constantBitrateLadder(kBitrates, 10, 4);
        const OptimumResult optimum = offlineOptimum(constantTrace(10), ladder);
        // Start-up charged: a first segment of b Mbps is worth b - (4.3 - b) - 4.3 x (0.08 + 4b / 10) =
        // 0.28 b - 4.644, rising with b, so the top rung throughout: 35.26 as in the fixed session above.
        QCOMPARE(optimum.session.rungs, std::vector<int>(10, 5));
        QVERIFY(std::abs(optimum.session.qoe_lin - 35.26) < 1e-9);
        QVERIFY(std::abs(optimum.dp_qoe_lin - 35.26) < 1e-9);
        SimOptions free_startup;
        free_startup.charge_startup = false;
        const OptimumResult free_optimum = offlineOptimum(constantTrace(10), ladder, free_startup);
        QCOMPARE(free_optimum.session.rungs, std::vector<int>(10, 5));
        QVERIFY(std::abs(free_optimum.dp_qoe_lin - 43.0) < 1e-9);
    }
    void optimumPaysForStartup() {
        // One segment on 2 Mb/s. Charged start-up: rung r is worth b - 4.3 x (0.08 + 4b / 2) = -7.6 b -
        // 0.344, so the lowest rung: 0.3 - 4.3 x 0.68 = -2.624. Free start-up: the top rung, 4.3 (8.68 s
        // start-up).
        const SimLadder ladder = constantBitrateLadder(kBitrates, 1, 4);
        const OptimumResult charged = offlineOptimum(constantTrace(2), ladder);
        QCOMPARE(charged.session.rungs, std::vector<int>({0}));
        QVERIFY(std::abs(charged.session.startup_s - 0.68) < 1e-9);
        QVERIFY(std::abs(charged.dp_qoe_lin - (-2.624)) < 1e-9);
        QVERIFY(std::abs(charged.session.qoe_lin - (-2.624)) < 1e-9);
        SimOptions free_startup;
        free_startup.charge_startup = false;
        const OptimumResult free_optimum = offlineOptimum(constantTrace(2), ladder, free_startup);
        QCOMPARE(free_optimum.session.rungs, std::vector<int>({5}));
        QVERIFY(std::abs(free_optimum.session.startup_s - 8.68) < 1e-9);
        QVERIFY(std::abs(free_optimum.session.qoe_lin - 4.3) < 1e-9);
    }
    void optimumBeatsEveryOnlineAlgorithmOnRealTraces() {
        auto ladder = loadChunkSizes(kChunks.toStdString(), kPensieveSegments);
        QVERIFY(ladder.ok());
        const char* names[] = {"trace_10322_http---edition.cnn.com",
                               "trace_13092_http---www.amazon.com",
                               "trace_942598_http---www.youtube.com",
                               "bus.ljansbakken-oslo-report.2010-09-28_1407CEST.log",
                               "car.aarnes-elverum-report.2011-02-10_1611CET.log",
                               "ferry.nesoddtangen-oslo-report.2010-09-20_1542CEST.log"};
        SimOptions free_startup;
        free_startup.charge_startup = false;
        for (const char* name : names)
            for (const SimOptions& options : {SimOptions{}, free_startup}) {
                auto trace = Trace::load((kTraces + "/" + name).toStdString());
                QVERIFY2(trace.ok(), name);
                const OptimumResult optimum = offlineOptimum(*trace, *ladder, options);
                QVERIFY2(std::abs(optimum.dp_qoe_lin - optimum.session.qoe_lin) < 1e-6, name);
                QCOMPARE(optimum.session.abandonments, 0);
                for (const std::string& algorithm : abrControllerNames()) {
                    auto controller = makeAbrController(algorithm);
                    const SessionResult online = simulateSession(*trace, *ladder, *controller, options);
                    QVERIFY2(optimum.session.qoe_lin >= online.qoe_lin - 1e-9,
                             qPrintable(QString("%1 on %2: %3 > optimum %4")
                                            .arg(QString::fromStdString(algorithm), name)
                                            .arg(online.qoe_lin)
                                            .arg(optimum.session.qoe_lin)));
                }
            }
    }
};

QTEST_GUILESS_MAIN(TestAbrSimulator)
#include "test_abr_simulator.moc"
