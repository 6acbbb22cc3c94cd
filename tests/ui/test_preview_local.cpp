// The transcode preview before upload, on a real 640x360 clip with the real encoder: the ladder it offers,
// a 240p window's metrics, frames and sizes (the frames read back through the QML image provider), a higher
// rung scoring higher, cancelling, readable errors for files that are not videos, and the page as QML shows
// it. Also the pure parts: texts, window clamping and the choice of segments from a playlist.
#include <QAbstractItemModelTester>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "app/app_shell.h"
#include "tests/ui/app_harness.h"
#include "ui/preview/preview_image_provider.h"
#include "ui/preview/preview_job.h"
#include "ui/preview/preview_text.h"

using namespace fc;
using namespace fc::test;
using Mode = ui::PreviewController::Mode;

namespace {

QObject* findNamed(QObject* root, const QString& name) {
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    QObjectList next = root->children();
    if (auto* item = qobject_cast<QQuickItem*>(root))
        for (QQuickItem* child : item->childItems())
            if (!next.contains(child))
                next.append(child);
    for (QObject* child : next)
        if (QObject* found = findNamed(child, name))
            return found;
    return nullptr;
}

// "image://framecastpreview/encoded/2?7" → the provider's id "encoded/2?7".
QString providerId(const QUrl& url) {
    return url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).mid(1);
}

} // namespace

class TestPreviewLocal : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_clip;
    std::unique_ptr<AppHarness> m_harness;
    double m_psnr240 = 0;
    double m_ssim240 = 0;

    ui::PreviewController& preview() { return *m_harness->app().preview(); }

    bool openAndWait(const QString& path) {
        preview().openForFile(QUrl::fromLocalFile(path));
        return QTest::qWaitFor([&] { return !preview().busy(); }, 30000);
    }
    bool runAndWait() {
        preview().run();
        if (!preview().busy())
            return false;
        return QTest::qWaitFor([&] { return !preview().busy(); }, 90000);
    }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // no VideoOutput here
        fc::app::prepareApplication();
        m_clip = makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 20, 6);
        QVERIFY(!m_clip.isEmpty());
        QVERIFY(m_server.start());
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
    }

    void cleanupTestCase() { m_harness.reset(); }

    void textsAndPureRules() {
        QCOMPARE(ui::formatClock(62.9), QStringLiteral("1:02"));
        QCOMPARE(ui::formatClock(3723), QStringLiteral("1:02:03"));
        QCOMPARE(ui::formatBytes(820'400), QStringLiteral("820 kB"));
        QCOMPARE(ui::formatBytes(48'200'000), QStringLiteral("48 MB"));
        QCOMPARE(ui::formatBytes(1'234'000'000), QStringLiteral("1.2 GB"));
        QCOMPARE(
            ui::describeStats({QStringLiteral("360p"), 700, 38.24, 0.96213, 48'000'000}),
            QStringLiteral("360p · 700 kb/s · PSNR 38.2 dB · SSIM 0.962 · about 48 MB for the whole video"));
        QVERIFY(ui::describePreviewError(makeError("media_unreadable", "x"))
                    .startsWith("This file is not a video"));

        const media::PreviewWindow past = media::clampPreviewWindow(50, 0.2, 8);
        QCOMPARE(past.start_s, 7.0);
        QCOMPARE(past.length_s, 1.0);
        const media::PreviewWindow cut = media::clampPreviewWindow(5, 10, 8);
        QCOMPARE(cut.start_s, 5.0);
        QCOMPARE(cut.length_s, 3.0);

        streaming::HlsMediaPlaylist playlist;
        for (int i = 1; i <= 4; ++i)
            playlist.segments.push_back(streaming::HlsSegment{
                i < 4 ? 4.0 : 1.5, {}, "seg_0000" + std::to_string(i) + ".m4s", {}, {}});
        const ui::SegmentSelection middle = ui::segmentsCovering(playlist, 4.5, 9.0);
        QCOMPARE(middle.uris, (std::vector<std::string>{"seg_00002.m4s", "seg_00003.m4s"}));
        QCOMPARE(middle.start_s, 4.0);
        QCOMPARE(middle.end_s, 12.0);
        QCOMPARE(ui::segmentsCovering(playlist, 8.0, 12.0).uris, std::vector<std::string>{"seg_00003.m4s"});
        QVERIFY(ui::segmentsCovering(playlist, 20, 21).uris.empty());

        QCOMPARE(ui::previewFrameUrl(ui::PreviewFrameKind::Encoded, 2, 7),
                 QUrl(QStringLiteral("image://framecastpreview/encoded/2?7")));
        ui::PreviewImageStore store;
        QImage red(4, 2, QImage::Format_RGBA8888);
        red.fill(Qt::red);
        store.publish({red}, {QImage(2, 1, QImage::Format_RGBA8888)});
        QCOMPARE(store.image(QStringLiteral("original/0?3")).size(), QSize(4, 2));
        QCOMPARE(store.image(QStringLiteral("encoded/0")).size(), QSize(2, 1));
        QVERIFY(store.image(QStringLiteral("encoded/1?3")).isNull());
        QVERIFY(store.image(QStringLiteral("bogus/0?3")).isNull());
    }

    void openingAFileOffersItsLadder() {
        QSignalSpy active(&preview(), &ui::PreviewController::activeChanged);
        QVERIFY(openAndWait(m_clip));
        QVERIFY(preview().active());
        QCOMPARE(active.count(), 1);
        QCOMPARE(preview().mode(), Mode::Local);
        QCOMPARE(preview().errorMessage(), QString());
        QCOMPARE(preview().sourcePath(), m_clip);
        QVERIFY2(preview().sourceDescription().startsWith(QStringLiteral("640×360 · 24 fps · 0:0")),
                 qPrintable(preview().sourceDescription()));
        QVERIFY(std::abs(preview().durationS() - 6.0) < 0.1);
        ui::PreviewRungModel* rungs = preview().rungs();
        QAbstractItemModelTester tester(rungs, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(rungs->count(), 3);
        QCOMPARE(rungs->at(0)->name, QStringLiteral("144p"));
        QCOMPARE(rungs->at(2)->name, QStringLiteral("360p"));
        QCOMPARE(rungs->index(1).data(ui::PreviewRungModel::LabelRole).toString(),
                 QStringLiteral("240p · 426×240 · %1 kb/s").arg(rungs->at(1)->bitrate_kbps));
        QCOMPARE(preview().selectedRung(), 2); // the highest at or below 480p
        QCOMPARE(preview().windowLengthS(), 4.0);
        QVERIFY(preview().canRun());
        preview().setWindowLengthS(30);
        QCOMPARE(preview().windowLengthS(), 10.0);
        preview().setWindowStartS(-3);
        QCOMPARE(preview().windowStartS(), 0.0);
        QVERIFY(!preview().selectRung(QStringLiteral("1080p")));
    }

    void previewOf240pHasMetricsFramesAndSizes() {
        QVERIFY(openAndWait(m_clip));
        QVERIFY(preview().selectRung(QStringLiteral("240p")));
        preview().setWindowStartS(1.5);
        preview().setWindowLengthS(2);
        QSignalSpy progress(&preview(), &ui::PreviewController::progressChanged);
        QVERIFY(runAndWait());
        QVERIFY2(preview().errorMessage().isEmpty(), qPrintable(preview().errorMessage()));
        QVERIFY(preview().hasResult());
        QVERIFY(progress.count() >= 2);
        QCOMPARE(preview().progress(), 1.0);

        QCOMPARE(preview().resultRung(), QStringLiteral("240p"));
        QCOMPARE(preview().resultWidth(), 426);
        QCOMPARE(preview().resultHeight(), 240);
        QCOMPARE(preview().resultWindowStartS(), 1.5);
        QCOMPARE(preview().resultWindowLengthS(), 2.0);
        QVERIFY2(preview().psnrDb() > 25 && preview().psnrDb() < 60,
                 qPrintable(QString::number(preview().psnrDb())));
        QVERIFY2(preview().ssim() > 0.7 && preview().ssim() < 1.0,
                 qPrintable(QString::number(preview().ssim())));
        QCOMPARE(preview().bitrateKbps(), preview().rungs()->at(1)->bitrate_kbps);
        QVERIFY(preview().windowBytes() > 0);
        // The whole 6 s (plus audio) is more than the 3.5 s encoded for the window.
        QVERIFY(preview().estimatedTotalBytes() > preview().windowBytes());
        QVERIFY(preview().statsText().startsWith(
            QStringLiteral("240p · %1 kb/s · PSNR ").arg(preview().bitrateKbps())));
        QVERIFY(preview().statsText().contains(QStringLiteral("for the whole video")));

        QCOMPARE(preview().frameCount(), ui::kPreviewFrameCount);
        const QList<double> times = preview().frameTimes();
        for (int i = 0; i < times.size(); ++i) {
            QVERIFY(times[i] >= 1.5 - 1e-3 && times[i] < 3.5);
            QVERIFY(i == 0 || times[i] > times[i - 1]);
        }

        // The frames through the provider QML uses, registered on an engine as the app does.
        QQmlEngine engine;
        ui::installPreviewImageProvider(engine, preview());
        auto* provider =
            dynamic_cast<QQuickImageProvider*>(engine.imageProvider(ui::kPreviewImageProviderId));
        QVERIFY(provider);
        QCOMPARE(preview().encodedFrameUrls().size(), ui::kPreviewFrameCount);
        QCOMPARE(preview().originalFrameUrls().size(), ui::kPreviewFrameCount);
        for (int i = 0; i < ui::kPreviewFrameCount; ++i) {
            QSize size;
            const QImage encoded =
                provider->requestImage(providerId(preview().encodedFrameUrls()[i]), &size, {});
            QVERIFY(!encoded.isNull());
            QCOMPARE(encoded.size(), QSize(426, 240));
            QCOMPARE(size, QSize(426, 240));
            const QImage original =
                provider->requestImage(providerId(preview().originalFrameUrls()[i]), &size, {});
            QCOMPARE(original.size(), QSize(640, 360));
            // A real picture, not a blank one.
            QVERIFY(original.pixel(320, 180) != original.pixel(5, 5) ||
                    original.pixel(100, 300) != original.pixel(5, 5));
        }
        m_psnr240 = preview().psnrDb();
        m_ssim240 = preview().ssim();

        // A new result gets new image URLs, so QML never shows a cached older frame.
        const QUrl first = preview().encodedFrameUrls().first();
        QVERIFY(runAndWait());
        QVERIFY(preview().hasResult());
        QVERIFY(preview().encodedFrameUrls().first() != first);
    }

    void aHigherRungScoresHigher() {
        QVERIFY(m_psnr240 > 0);
        QVERIFY(openAndWait(m_clip));
        QVERIFY(preview().selectRung(QStringLiteral("360p")));
        preview().setWindowStartS(1.5);
        preview().setWindowLengthS(2);
        QVERIFY(runAndWait());
        QVERIFY2(preview().hasResult(), qPrintable(preview().errorMessage()));
        const QString both = QStringLiteral("240p PSNR %1 SSIM %2, 360p PSNR %3 SSIM %4")
                                 .arg(m_psnr240)
                                 .arg(m_ssim240)
                                 .arg(preview().psnrDb())
                                 .arg(preview().ssim());
        qInfo().noquote() << both;
        QVERIFY2(preview().psnrDb() > m_psnr240 + 0.5, qPrintable(both));
        QVERIFY2(preview().ssim() > m_ssim240, qPrintable(both));
        QCOMPARE(preview().resultWidth(), 640);
    }

    void cancelStopsTheRun() {
        QVERIFY(openAndWait(m_clip));
        QVERIFY(preview().selectRung(QStringLiteral("360p")));
        preview().setWindowLengthS(10); // the whole clip
        QSignalSpy results(&preview(), &ui::PreviewController::resultChanged);
        // Cancel at the first progress the GUI thread sees (the run is under way, its result not yet shown).
        bool cancelled = false;
        QMetaObject::Connection onProgress =
            connect(&preview(), &ui::PreviewController::progressChanged, this, [&] {
                if (!cancelled && preview().progress() > 0) {
                    cancelled = true;
                    preview().cancel();
                }
            });
        preview().run();
        QVERIFY(preview().busy());
        QVERIFY(!preview().canRun());
        QTRY_VERIFY_WITH_TIMEOUT(cancelled, 30000);
        disconnect(onProgress);
        QVERIFY(!preview().busy());
        QCOMPARE(preview().progress(), 0.0);
        QCOMPARE(preview().statusText(), QStringLiteral("Cancelled."));
        // The worker stops (the engine's cancel flag) and nothing it still posts shows up.
        QVERIFY(preview().waitForWorker(60000));
        QCoreApplication::processEvents();
        QVERIFY(!preview().hasResult());
        QCOMPARE(results.count(), 0);
        QCOMPARE(preview().errorMessage(), QString());
        QCOMPARE(preview().progress(), 0.0);
        QVERIFY(preview().canRun());

        // Closing while a run is in flight stops it too.
        preview().run();
        QVERIFY(preview().busy());
        preview().close();
        QVERIFY(!preview().active());
        QVERIFY(!preview().busy());
        QCOMPARE(preview().rungs()->count(), 0);
        QVERIFY(preview().waitForWorker(60000));
        QCoreApplication::processEvents();
        QVERIFY(!preview().hasResult());
    }

    void filesThatAreNotVideosGiveReadableErrors() {
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not a video\n");
        file.close();
        QVERIFY(openAndWait(text));
        QVERIFY(preview().active());
        QVERIFY2(
            preview().errorMessage().startsWith(QStringLiteral("This file is not a video that can be read.")),
            qPrintable(preview().errorMessage()));
        QCOMPARE(preview().rungs()->count(), 0);
        QVERIFY(!preview().canRun());
        preview().run(); // nothing to run
        QVERIFY(!preview().busy());

        const QString audio = makeClip(m_dir.path(), m_clip, 0, 2, {"-vn"}, QStringLiteral("audio_only.m4a"));
        QVERIFY(!audio.isEmpty());
        QVERIFY(openAndWait(audio));
        QVERIFY2(preview().errorMessage().startsWith(QStringLiteral("This file has no video track")),
                 qPrintable(preview().errorMessage()));

        QVERIFY(openAndWait(m_dir.filePath(QStringLiteral("missing.mp4"))));
        QVERIFY(!preview().errorMessage().isEmpty());
        QVERIFY(!preview().canRun());
        preview().close();
    }

    void thePageShowsTheResult() {
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        ui::installPreviewImageProvider(engine, preview());
        engine.loadData(R"(
            import QtQuick
            import QtQuick.Controls
            import Framecast.Preview
            ApplicationWindow { width: 1200; height: 800; visible: true; PreviewPage {} }
        )");
        QVERIFY(!engine.rootObjects().isEmpty());
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QObject* page = findNamed(window, QStringLiteral("previewPage"));
        QVERIFY(page);
        QVERIFY(!page->property("visible").toBool());

        QVERIFY(openAndWait(m_clip));
        QTRY_VERIFY(page->property("visible").toBool());
        QObject* root = window->contentItem();
        for (const char* name : {"rungCombo", "windowStartSlider", "runPreviewButton", "splitWipeSwitch",
                                 "closePreviewButton", "windowLengthSpin"})
            QVERIFY2(findNamed(root, QString::fromLatin1(name)), name);
        QObject* combo = findNamed(root, QStringLiteral("rungCombo"));
        QCOMPARE(combo->property("count").toInt(), 3);
        QCOMPARE(combo->property("currentText").toString(),
                 preview().rungs()->index(2).data(ui::PreviewRungModel::LabelRole).toString());
        QObject* runButton = findNamed(root, QStringLiteral("runPreviewButton"));
        QCOMPARE(runButton->property("text").toString(), QStringLiteral("Encode preview"));
        QVERIFY(runButton->property("enabled").toBool());

        QVERIFY(preview().selectRung(QStringLiteral("144p")));
        QCOMPARE(combo->property("currentIndex").toInt(), 0);
        preview().setWindowLengthS(1);
        QMetaObject::invokeMethod(runButton, "clicked");
        QVERIFY(preview().busy());
        QTRY_VERIFY(!runButton->property("enabled").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!preview().busy(), 60000);
        QVERIFY2(preview().hasResult(), qPrintable(preview().errorMessage()));
        QObject* stats = findNamed(root, QStringLiteral("previewStats"));
        QVERIFY(stats);
        QTRY_COMPARE(stats->property("text").toString(), preview().statsText());
        QVERIFY(stats->property("text").toString().startsWith(QStringLiteral("144p · ")));
        // The encoded frame loads through the provider at the rung's size.
        QObject* encoded = findNamed(root, QStringLiteral("encodedFrame"));
        QVERIFY(encoded);
        QTRY_COMPARE(encoded->property("source").toUrl(), preview().encodedFrameUrls().first());
        QObject* split = findNamed(root, QStringLiteral("splitWipeSwitch"));
        split->setProperty("checked", true);
        QTRY_VERIFY(findNamed(root, QStringLiteral("splitDivider"))->property("visible").toBool());

        QMetaObject::invokeMethod(findNamed(root, QStringLiteral("closePreviewButton")), "clicked");
        QVERIFY(!preview().active());
        QTRY_VERIFY(!page->property("visible").toBool());
    }
};

QTEST_MAIN(TestPreviewLocal)
#include "test_preview_local.moc"
