// framecast-abrsim as a process: the table on a small directory of real traces, and exit status 2 on bad
// input.
#include <cmath>

#include <QtTest>

namespace {

const QString kTraces = QStringLiteral(FRAMECAST_SHARED_DIR "/abr-traces/fcc-hsdpa");
const QString kChunks = QStringLiteral(FRAMECAST_SHARED_DIR "/abr-traces/pensieve-chunk-sizes");

struct Run {
    int exit_code = -1;
    QString out;
    QString err;
};

Run abrsim(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(FRAMECAST_ABRSIM_PATH), arguments);
    Run run;
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

bool copyTrace(const QString& name, const QString& dir) {
    return QFile::copy(kTraces + "/" + name, dir + "/" + name);
}

} // namespace

class TestAbrCli : public QObject {
    Q_OBJECT
private slots:
    void tableForEveryAlgorithm() {
        QTemporaryDir dir;
        QVERIFY(copyTrace("trace_10322_http---edition.cnn.com", dir.path()));
        QVERIFY(copyTrace("bus.ljansbakken-oslo-report.2010-09-28_1407CEST.log", dir.path()));
        const Run run = abrsim({"--traces", dir.path(), "--chunk-sizes", kChunks, "--per-trace"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("2 traces from"));
        QVERIFY(run.out.contains("| algorithm | mean QoE_lin | % of optimum |"));
        for (const char* name : {"framecast", "hlsjs", "bola", "spec"})
            QVERIFY2(run.out.contains(QString("\n| %1 | ").arg(name)), name);
        QVERIFY(run.out.contains("\n| optimum | ") && run.out.contains(" | 100.0 | "));
        QVERIFY(run.out.contains("The optimum is >= every online algorithm on every trace."));
        QVERIFY(run.out.contains("| trace_10322_http---edition.cnn.com |")); // --per-trace
        QVERIFY(run.out.contains("start-up charged in QoE_lin"));
    }
    void freeStartupConvention() {
        // The same trace under both conventions: the start-up column is the same, QoE_lin differs by 4.3 x
        // the start-up for a controller whose choices do not depend on the convention (spec).
        QTemporaryDir dir;
        QVERIFY(copyTrace("trace_10322_http---edition.cnn.com", dir.path()));
        const QStringList args{"--traces", dir.path(),     "--chunk-sizes",
                               kChunks,    "--algorithms", "spec,optimum"};
        const Run charged = abrsim(args);
        const Run free = abrsim(args + QStringList{"--free-startup"});
        QVERIFY2(charged.exit_code == 0 && free.exit_code == 0, qPrintable(charged.err + free.err));
        QVERIFY(free.out.contains("start-up free (not in QoE_lin)"));
        QVERIFY(free.out.contains("The optimum is >= every online algorithm on every trace."));
        const auto specRow = [](const QString& out) {
            const qsizetype at = out.indexOf("\n| spec | ");
            return out.mid(at + 1, out.indexOf('\n', at + 1) - at - 1).split('|');
        };
        const QStringList c = specRow(charged.out), f = specRow(free.out);
        QVERIFY(c.size() > 10 && f.size() > 10);
        const double startup_s = c[9].toDouble();
        QCOMPARE(f[9].toDouble(), startup_s);
        QVERIFY(startup_s > 0);
        QVERIFY(std::abs(f[2].toDouble() - c[2].toDouble() - 4.3 * startup_s) < 0.02);
    }
    void chosenAlgorithmsAndDefaultChunkSizes() {
        // traces/ next to pensieve-chunk-sizes/: found without --chunk-sizes.
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkdir("traces"));
        QVERIFY(QFile::link(kChunks, root.filePath("pensieve-chunk-sizes")));
        QVERIFY(copyTrace("trace_10322_http---edition.cnn.com", root.filePath("traces")));
        const Run run =
            abrsim({"--traces", root.filePath("traces"), "--algorithms", "spec,hlsjs", "--rtt-ms", "40"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("\n| spec | ") && run.out.contains("\n| hlsjs | "));
        QVERIFY(!run.out.contains("\n| bola | ") && !run.out.contains("\n| optimum | "));
        QVERIFY(run.out.contains("RTT 40 ms"));
        QVERIFY(run.out.contains("48 segments of 4 s"));
        const Run shorter =
            abrsim({"--traces", root.filePath("traces"), "--algorithms", "spec", "--segments", "12"});
        QVERIFY2(shorter.exit_code == 0, qPrintable(shorter.err));
        QVERIFY(shorter.out.contains("12 segments of 4 s"));
    }
    void badInputExitsTwo() {
        QTemporaryDir dir;
        QVERIFY(copyTrace("trace_10322_http---edition.cnn.com", dir.path()));
        const auto expectTwo = [](const QStringList& args, const QString& message) {
            const Run run = abrsim(args);
            QVERIFY2(run.exit_code == 2,
                     qPrintable(args.join(' ') + " -> " + QString::number(run.exit_code)));
            QVERIFY2(run.err.contains(message), qPrintable(run.err));
            QVERIFY(run.out.isEmpty());
        };
        expectTwo({}, "--traces DIR is required");
        expectTwo({"--traces", "/nonexistent/dir", "--chunk-sizes", kChunks}, "not a directory");
        expectTwo({"--traces", dir.path(), "--chunk-sizes", kChunks, "--algorithms", "framecast,pensieve"},
                  "unknown algorithm pensieve");
        expectTwo({"--traces", dir.path(), "--chunk-sizes", kChunks, "--rtt-ms", "fast"}, "--rtt-ms");
        expectTwo({"--traces", dir.path(), "--chunk-sizes", kChunks, "--bogus"}, "unknown argument --bogus");
        expectTwo({"--traces", dir.path(), "--chunk-sizes", kChunks, "--segments", "0"}, "--segments");
        expectTwo({"--traces", dir.path()}, "pensieve-chunk-sizes does not exist");
        expectTwo({"--traces", dir.path(), "--chunk-sizes", dir.path()}, "cannot read");
        QFile bad(dir.filePath("zz_broken"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("0\t1\nnot a sample\n");
        bad.close();
        expectTwo({"--traces", dir.path(), "--chunk-sizes", kChunks}, "zz_broken:2");
    }
};

QTEST_GUILESS_MAIN(TestAbrCli)
#include "test_abr_cli.moc"
