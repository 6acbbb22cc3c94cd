// The preview after processing, against a real framecastd: a clip uploaded test-side (tus) and processed,
// then App.preview.openForVideo lists the server's renditions, asks for the original file (and refuses a
// different one), downloads the rung's init segment and the segments over the window through the HLS
// playlist, and measures them against the original: close to the local preview of the same rung and window.
// A video uploaded through the app's own queue finds its original by itself (localPathForVideo).
#include <QtTest>

#include "tests/server/test_upload_helpers.h"
#include "tests/ui/app_harness.h"
#include "ui/preview/preview_job.h"

using namespace fc;
using namespace fc::test;
using Mode = ui::PreviewController::Mode;

class TestPreviewServer : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_clip;
    std::unique_ptr<AppHarness> m_harness;

    ui::PreviewController& preview() { return *m_harness->app().preview(); }
    std::string token() { return m_harness->app().api()->tokens().access_token.toStdString(); }
    bool waitIdle(int timeout_ms) {
        return QTest::qWaitFor([&] { return !preview().busy(); }, timeout_ms);
    }

private slots:
    void initTestCase() {
        m_clip = makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 20, 6);
        QVERIFY(!m_clip.isEmpty());
        QVERIFY(m_server.start());
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("preview"));
    }

    void cleanupTestCase() { m_harness.reset(); }

    void serverRenditionMatchesTheLocalPreview() {
        const std::string id = uploadWithTus(m_server, token(), m_clip, "private");
        QVERIFY(!id.empty());
        ApiClient api(m_server);
        const auto ready = waitForVideoStatus(api, token(), id, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));
        const QString video_id = QString::fromStdString(id);

        preview().openForVideo(video_id);
        QVERIFY(preview().active());
        QVERIFY(waitIdle(15000));
        QVERIFY2(preview().errorMessage().isEmpty(), qPrintable(preview().errorMessage()));
        QCOMPARE(preview().mode(), Mode::Server);
        QCOMPARE(preview().videoId(), video_id);
        QVERIFY2(preview().sourceDescription().startsWith(QStringLiteral("640×360 · 24 fps · 0:0")),
                 qPrintable(preview().sourceDescription()));
        QCOMPARE(preview().rungs()->count(), 3); // 144p 240p 360p; audio is not a rung
        QCOMPARE(preview().rungs()->at(1)->name, QStringLiteral("240p"));
        QCOMPARE(preview().rungs()->at(1)->width, 426);
        QVERIFY(preview().rungs()->at(1)->bitrate_kbps > 0);
        // Uploaded outside the app's queue: the original must be chosen first.
        QVERIFY(preview().needsSourceFile());
        QVERIFY(!preview().notice().isEmpty());
        QVERIFY(!preview().canRun());

        const QString other = makeClip(m_dir.path(), m_clip, 0, 3, {}, QStringLiteral("other.mp4"));
        preview().chooseSourceFile(QUrl::fromLocalFile(other));
        QVERIFY2(preview().errorMessage().contains(QStringLiteral("is not this video's original")),
                 qPrintable(preview().errorMessage()));
        QVERIFY(preview().needsSourceFile());
        preview().chooseSourceFile(QUrl::fromLocalFile(m_clip));
        QCOMPARE(preview().errorMessage(), QString());
        QVERIFY(!preview().needsSourceFile());
        QCOMPARE(preview().sourcePath(), m_clip);
        QVERIFY(preview().canRun());

        // A window across the first two 4 s segments.
        QVERIFY(preview().selectRung(QStringLiteral("240p")));
        preview().setWindowStartS(2.5);
        preview().setWindowLengthS(3);
        preview().run();
        QVERIFY(preview().busy());
        QVERIFY(waitIdle(90000));
        QVERIFY2(preview().hasResult(), qPrintable(preview().errorMessage()));
        QCOMPARE(preview().resultWidth(), 426);
        QCOMPARE(preview().resultHeight(), 240);
        QCOMPARE(preview().resultWindowStartS(), 2.5);
        QCOMPARE(preview().resultWindowLengthS(), 3.0);
        QCOMPARE(preview().frameCount(), ui::kPreviewFrameCount);
        QVERIFY(preview().windowBytes() > 0);
        QVERIFY(preview().bitrateKbps() > 0);
        QVERIFY(preview().estimatedTotalBytes() > 0); // the server's average bitrates × duration
        QVERIFY(preview().statsText().startsWith(QStringLiteral("240p · ")));
        QVERIFY(!preview().imageStore()->image(ui::PreviewFrameKind::Encoded, 0).isNull());
        QCOMPARE(preview().imageStore()->image(ui::PreviewFrameKind::Encoded, 0).size(), QSize(426, 240));
        const double server_psnr = preview().psnrDb();
        const double server_ssim = preview().ssim();

        // The same rung and window encoded locally before upload.
        preview().openForFile(QUrl::fromLocalFile(m_clip));
        QVERIFY(waitIdle(30000));
        QVERIFY(preview().selectRung(QStringLiteral("240p")));
        preview().setWindowStartS(2.5);
        preview().setWindowLengthS(3);
        preview().run();
        QVERIFY(waitIdle(90000));
        QVERIFY2(preview().hasResult(), qPrintable(preview().errorMessage()));
        const QString both = QStringLiteral("server PSNR %1 SSIM %2, local PSNR %3 SSIM %4")
                                 .arg(server_psnr)
                                 .arg(server_ssim)
                                 .arg(preview().psnrDb())
                                 .arg(preview().ssim());
        qInfo().noquote() << both;
        // Same frames, same keyframes, one encode with the whole clip's rate control: close, not equal.
        QVERIFY2(std::abs(server_psnr - preview().psnrDb()) < 1.5, qPrintable(both));
        QVERIFY2(std::abs(server_ssim - preview().ssim()) < 0.01, qPrintable(both));
        QVERIFY2(server_psnr > 25, qPrintable(both));
        preview().close();
    }

    void aVideoStillUploadingOrMissingIsExplained() {
        // A video whose bytes have not arrived (a tus upload created, nothing sent).
        transfer::TusClient tus(token());
        const auto created = tus.create(m_server.url(kUploadsPath), 1000, {{"filename", "later.mp4"}});
        QVERIFY(created);
        const std::string id = created->video_id;
        QVERIFY(!id.empty());
        preview().openForVideo(QString::fromStdString(id));
        QVERIFY(waitIdle(15000));
        QVERIFY2(preview().errorMessage().contains(QStringLiteral("once processing is done")),
                 qPrintable(preview().errorMessage()));
        QVERIFY(!preview().canRun());

        preview().openForVideo(QStringLiteral("AAAAAAAAAAA"));
        QVERIFY(waitIdle(15000));
        QVERIFY2(preview().errorMessage().startsWith(QStringLiteral("Could not load the video")),
                 qPrintable(preview().errorMessage()));
        preview().close();
    }

    void anUploadFromTheAppFindsItsOriginal() {
        // Another clip: the server refuses a second copy of a file the user already uploaded.
        const QString clip = makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 40, 4,
                                      {}, QStringLiteral("app_upload.mp4"));
        QVERIFY(!clip.isEmpty());
        m_harness->app().uploads()->addFiles({QUrl::fromLocalFile(clip)});
        ui::UploadQueueModel* queue = m_harness->app().uploads()->queue();
        QTRY_VERIFY_WITH_TIMEOUT(queue->count() == 1 && !queue->at(0)->video_id.isEmpty(), 30000);
        const QString video_id = queue->at(0)->video_id;
        QCOMPARE(m_harness->app().uploads()->localPathForVideo(video_id), clip);
        QCOMPARE(m_harness->app().uploads()->localPathForVideo(QStringLiteral("AAAAAAAAAAA")), QString());
        ApiClient api(m_server);
        const auto ready =
            waitForVideoStatus(api, token(), video_id.toStdString(), {"ready", "failed"}, 120000);
        QVERIFY2(ready.value("status", "") == "ready", ready.dump().c_str());

        preview().openForVideo(video_id);
        QVERIFY(waitIdle(15000));
        QVERIFY2(preview().errorMessage().isEmpty(), qPrintable(preview().errorMessage()));
        QVERIFY(!preview().needsSourceFile());
        QCOMPARE(preview().sourcePath(), clip);
        QVERIFY(preview().canRun());
        preview().close();
    }
};

QTEST_MAIN(TestPreviewServer)
#include "test_preview_server.moc"
