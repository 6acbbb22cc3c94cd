// The upload queue (App.uploads) against a real framecastd: an upload with its form reaches the server and is
// followed through processing to ready; pause/resume continues at the server's offset; cancel deletes the
// upload and its video; wrong local files, a changed source file, a non-video file and a full quota end with
// readable reasons. The queue model is checked by QAbstractItemModelTester throughout.
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <climits>

#include "tests/support/ws_client.h"
#include "tests/ui/test_uploads_support.h"

using namespace fc;
using namespace fc::test;

class TestUploadsQueue : public QObject {
    Q_OBJECT
    // Ingest only (no transcoding: the CPU stays free); 3 MB of storage per user.
    TestServer m_server{{"--job-kinds", "ingest", "--quota-bytes", "3000000"}};
    QTemporaryDir m_dir;

    std::optional<SignedUpUser> signedIn(AppHarness& harness, const char* prefix) {
        if (!harness.connect())
            return std::nullopt;
        return harness.signUpThroughApp(prefix);
    }

    nlohmann::json video(const TestServer& server, const std::string& token, const QString& id) {
        ApiClient api(server);
        return api.get("/api/v1/videos/" + id.toStdString(), token).json;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }

    void uploadsWithTheFormAndFollowsProcessingToReady() {
        TestServer server({"--transcode-preset", "ultrafast", "--ladder-max-height", "144"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        AppHarness harness(server);
        const auto user = signedIn(harness, "former");
        QVERIFY(user);
        auto tester = testModel(harness);
        QStringList statuses; // the server statuses the model showed, in order
        QObject::connect(&queue(harness), &QAbstractItemModel::dataChanged, &queue(harness), [&] {
            const QString status = role(harness, 0, UploadQueueModel::ServerStatusRole).toString();
            if (!status.isEmpty() && (statuses.isEmpty() || statuses.last() != status))
                statuses.append(status);
        });

        const QString clip = uploadClip(m_dir.path(), 3, QStringLiteral("form clip.mp4"));
        QVERIFY(!clip.isEmpty());
        addFile(harness, clip);
        QCOMPARE(queue(harness).count(), 1);
        QCOMPARE(role(harness, 0, UploadQueueModel::TitleRole).toString(), QStringLiteral("form clip"));
        QCOMPARE(role(harness, 0, UploadQueueModel::VisibilityRole).toString(), QStringLiteral("private"));
        QCOMPARE(stateOf(harness, 0), int(UploadState::Uploading)); // starts at once, like YouTube

        // The form is filled in while the bytes go.
        auto& controller = uploads(harness);
        controller.setTitle(0, QStringLiteral("Bunny at dawn"));
        controller.setDescription(0, QStringLiteral("A big bunny wakes up.\nSecond line."));
        controller.setTags(0, QStringLiteral("bunny, animation , bunny"));
        controller.setCategory(0, QStringLiteral("Film & Animation"));
        controller.setVisibility(0, QStringLiteral("unlisted"));
        QCOMPARE(role(harness, 0, UploadQueueModel::TagsRole).toString(), QStringLiteral("bunny, animation"));
        QVERIFY(role(harness, 0, UploadQueueModel::FormErrorRole).toString().isEmpty());

        QVERIFY2(waitForState(harness, 0, UploadState::Ready, 120000), qPrintable(describeRow(harness, 0)));
        QCOMPARE(role(harness, 0, UploadQueueModel::StateTextRole).toString(), QStringLiteral("Ready"));
        QCOMPARE(role(harness, 0, UploadQueueModel::ProgressRole).toDouble(), 1.0);
        QTRY_VERIFY_WITH_TIMEOUT(!queue(harness).at(0)->metadata_pending, 10000);

        const QString videoId = videoIdOf(harness, 0);
        const auto json = video(server, appToken(harness), videoId);
        QCOMPARE(json.value("status", ""), std::string("ready"));
        QCOMPARE(json.value("title", ""), std::string("Bunny at dawn"));
        QCOMPARE(json.value("description", ""), std::string("A big bunny wakes up.\nSecond line."));
        QCOMPARE(json["tags"], nlohmann::json::array({"bunny", "animation"}));
        QCOMPARE(json.value("category", ""), std::string("Film & Animation"));
        QCOMPARE(json.value("visibility", ""), std::string("unlisted"));
        QCOMPARE(json["source"].value("filename", ""), std::string("form clip.mp4"));
        QCOMPARE(QString::fromStdString(json["source"].value("sha256", "")), fileSha256(clip));

        // The model followed the server: processing, then ready, never backwards.
        const QStringList order = {"uploading", "queued", "processing", "ready"};
        QVERIFY2(statuses.contains(QStringLiteral("processing")), qPrintable(statuses.join(',')));
        QCOMPARE(statuses.last(), QStringLiteral("ready"));
        for (int i = 1; i < statuses.size(); ++i)
            QVERIFY2(order.indexOf(statuses[i - 1]) < order.indexOf(statuses[i]),
                     qPrintable(statuses.join(',')));

        controller.clearFinished();
        QCOMPARE(queue(harness).count(), 0);
    }

    void pauseThenResumeContinuesAtTheServersOffset() {
        AppHarness harness(m_server);
        const auto user = signedIn(harness, "pauser");
        QVERIFY(user);
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        const QString clip = uploadClip(m_dir.path(), 12, QStringLiteral("pause.mp4"));
        addFile(harness, clip);
        QVERIFY2(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000),
                 qPrintable(describeRow(harness, 0)));
        // Throttled: far from done when the first chunk is acknowledged.
        const qint64 size = role(harness, 0, UploadQueueModel::TotalBytesRole).toLongLong();
        QVERIFY(acknowledgedOf(harness, 0) < size / 2);

        uploads(harness).pause(0);
        QCOMPARE(stateOf(harness, 0), int(UploadState::Paused));
        QVERIFY(role(harness, 0, UploadQueueModel::CanResumeRole).toBool());
        const std::string token = appToken(harness);
        const QString path = uploadPathOf(harness, 0);
        QVERIFY(path.startsWith(QStringLiteral("/api/v1/uploads/")));
        // What the server holds is where resuming must start (the chunk cut short is not kept).
        QTest::qWait(300);
        const int64_t pausedAt = serverOffset(m_server, token, path);
        QVERIFY2(pausedAt >= acknowledgedOf(harness, 0) && pausedAt > 0 && pausedAt < size,
                 qPrintable(QString::number(pausedAt)));
        QTest::qWait(1500);
        QCOMPARE(serverOffset(m_server, token, path), pausedAt); // paused means paused

        WsClient ws;
        QVERIFY(ws.open(m_server, token));
        const std::string topic = "video:" + videoIdOf(harness, 0).toStdString() + ":status";
        QCOMPARE(ws.subscribe(topic).value("type", ""), std::string("subscribed"));
        qint64 lowestSent = LLONG_MAX;
        QObject::connect(&queue(harness), &QAbstractItemModel::dataChanged, &queue(harness), [&] {
            if (stateOf(harness, 0) == UploadState::Uploading)
                lowestSent =
                    std::min(lowestSent, role(harness, 0, UploadQueueModel::BytesSentRole).toLongLong());
        });
        const qint64 acknowledgedAtPause = acknowledgedOf(harness, 0);
        harness.app().settings()->setUploadLimitKbps(0);
        uploads(harness).resume(0);
        QVERIFY2(waitForState(harness, 0, UploadState::Processing), qPrintable(describeRow(harness, 0)));
        // Client side: the bar never went back below what was acknowledged (a restart from 0 would show 0).
        QVERIFY2(lowestSent >= acknowledgedAtPause && lowestSent > 0,
                 qPrintable(QString("%1 < %2").arg(lowestSent).arg(acknowledgedAtPause)));
        // Server side: every byte that arrived after resuming came at or after the paused offset.
        int events = 0;
        while (auto frame = ws.waitFor("upload_progress", topic, 2000)) {
            ++events;
            QVERIFY2((*frame)["data"].value("offset_bytes", int64_t(0)) >= pausedAt, frame->dump().c_str());
        }
        QVERIFY(events > 0);

        QTRY_COMPARE_WITH_TIMEOUT(role(harness, 0, UploadQueueModel::ServerStatusRole).toString(),
                                  QStringLiteral("queued"), 20000);
        const auto json = video(m_server, token, videoIdOf(harness, 0));
        QCOMPARE(QString::fromStdString(json["source"].value("sha256", "")), fileSha256(clip));
    }

    void severalFilesUploadTwoAtATime() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "batcher"));
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        QList<QUrl> files;
        for (int seconds : {2, 3, 4})
            files.append(QUrl::fromLocalFile(
                uploadClip(m_dir.path(), seconds, QStringLiteral("batch%1.mp4").arg(seconds))));
        uploads(harness).addFiles(files);
        QCOMPARE(queue(harness).count(), 3);
        QCOMPARE(stateOf(harness, 0), int(UploadState::Uploading));
        QCOMPARE(stateOf(harness, 1), int(UploadState::Uploading));
        QCOMPARE(stateOf(harness, 2), int(UploadState::Waiting));
        QCOMPARE(uploads(harness).activeCount(), 2);
        QCOMPARE(uploads(harness).summary(), QStringLiteral("2 uploading · 1 waiting"));

        // The waiting one is described before it starts: title, description and visibility go with the tus
        // creation itself, so nothing is left to PATCH once the video exists.
        auto& controller = uploads(harness);
        controller.setTitle(2, QStringLiteral("Described before it started"));
        controller.setDescription(2, QStringLiteral("Third in line."));
        controller.setVisibility(2, QStringLiteral("public"));
        bool created = false;
        bool pendingWhenCreated = true;
        QObject::connect(&queue(harness), &QAbstractItemModel::dataChanged, &queue(harness), [&] {
            if (!created && !videoIdOf(harness, 2).isEmpty()) {
                created = true;
                pendingWhenCreated = queue(harness).at(2)->metadata_pending;
            }
        });
        harness.app().settings()->setUploadLimitKbps(0);
        for (int row = 0; row < 3; ++row)
            QVERIFY2(waitForState(harness, row, UploadState::Processing),
                     qPrintable(describeRow(harness, row)));
        QTRY_COMPARE_WITH_TIMEOUT(controller.summary(), QStringLiteral("3 processing"), 5000);
        QVERIFY(created && !pendingWhenCreated);
        const auto json = video(m_server, appToken(harness), videoIdOf(harness, 2));
        QCOMPARE(json.value("title", ""), std::string("Described before it started"));
        QCOMPARE(json.value("description", ""), std::string("Third in line."));
        QCOMPARE(json.value("visibility", ""), std::string("public"));
    }

    void anUploadTheServerLostIsStartedAgain() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "lost"));
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        const QString clip = uploadClip(m_dir.path(), 6, QStringLiteral("lost.mp4"));
        addFile(harness, clip);
        QVERIFY(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000));
        uploads(harness).pause(0);
        const QString lostPath = uploadPathOf(harness, 0);
        const QString lostVideo = videoIdOf(harness, 0);
        // Gone on the server (as after expiry): terminated behind the app's back.
        transfer::TusClient tus(appToken(harness));
        // (409 while the paused PATCH winds down on the server.)
        QVERIFY(
            QTest::qWaitFor([&] { return tus.terminate(m_server.url(lostPath.toStdString())).ok(); }, 10000));

        harness.app().settings()->setUploadLimitKbps(0);
        uploads(harness).resume(0);
        QVERIFY2(waitForState(harness, 0, UploadState::Processing), qPrintable(describeRow(harness, 0)));
        QCOMPARE(
            role(harness, 0, UploadQueueModel::NoticeRole).toString(),
            QStringLiteral("The server no longer has the unfinished upload. The upload was started again "
                           "from the beginning."));
        QVERIFY(uploadPathOf(harness, 0) != lostPath);
        QVERIFY(videoIdOf(harness, 0) != lostVideo);
        QTRY_COMPARE_WITH_TIMEOUT(role(harness, 0, UploadQueueModel::ServerStatusRole).toString(),
                                  QStringLiteral("queued"), 20000);
        const auto json = video(m_server, appToken(harness), videoIdOf(harness, 0));
        QCOMPARE(QString::fromStdString(json["source"].value("sha256", "")), fileSha256(clip));
    }

    void cancelDeletesTheUploadAndTheVideo() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "canceller"));
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        addFile(harness, uploadClip(m_dir.path(), 12, QStringLiteral("cancel.mp4")));
        QVERIFY(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000));
        const QString path = uploadPathOf(harness, 0);
        const QString videoId = videoIdOf(harness, 0);
        const std::string token = appToken(harness);
        QVERIFY(!videoId.isEmpty());
        QVERIFY(serverOffset(m_server, token, path) > 0);

        QVERIFY(role(harness, 0, UploadQueueModel::CanCancelRole).toBool());
        uploads(harness).cancel(0);
        QCOMPARE(stateOf(harness, 0), int(UploadState::Cancelled));
        QCOMPARE(role(harness, 0, UploadQueueModel::StateTextRole).toString(), QStringLiteral("Cancelled"));
        // The upload is terminated on the server and its video deleted.
        QTRY_VERIFY_WITH_TIMEOUT(serverOffset(m_server, token, path) == -404 ||
                                     serverOffset(m_server, token, path) == -410,
                                 15000);
        ApiClient api(m_server);
        QTRY_COMPARE_WITH_TIMEOUT(api.get("/api/v1/videos/" + videoId.toStdString(), token).status, 404,
                                  10000);
        QTRY_VERIFY_WITH_TIMEOUT(role(harness, 0, UploadQueueModel::CanRemoveRole).toBool(), 10000);
        uploads(harness).clearFinished();
        QCOMPARE(queue(harness).count(), 0);
    }

    void filesThatCannotBeUploadedAreRefusedAtOnce() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "picky"));
        auto tester = testModel(harness);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("Holiday videos")));
        QFile empty(dir.filePath(QStringLiteral("empty.mp4")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        uploads(harness).addFiles({QUrl::fromLocalFile(dir.filePath(QStringLiteral("Holiday videos"))),
                                   QUrl::fromLocalFile(empty.fileName()),
                                   QUrl::fromLocalFile(dir.filePath(QStringLiteral("gone.mp4")))});
        QCOMPARE(queue(harness).count(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(stateOf(harness, row), int(UploadState::Failed));
        QCOMPARE(role(harness, 0, UploadQueueModel::StateTextRole).toString(),
                 QStringLiteral("\"Holiday videos\" is a folder; choose the video files in it."));
        QCOMPARE(role(harness, 1, UploadQueueModel::StateTextRole).toString(),
                 QStringLiteral("\"empty.mp4\" is empty."));
        QCOMPARE(role(harness, 2, UploadQueueModel::StateTextRole).toString(),
                 QStringLiteral("\"gone.mp4\" does not exist."));
        // Retrying looks at the file again: once it has content it uploads.
        QVERIFY(empty.open(QIODevice::WriteOnly));
        QFile clip(uploadClip(m_dir.path(), 2, QStringLiteral("refill.mp4")));
        QVERIFY(clip.open(QIODevice::ReadOnly));
        empty.write(clip.readAll());
        empty.close();
        uploads(harness).retry(1);
        QVERIFY2(waitForState(harness, 1, UploadState::Processing), qPrintable(describeRow(harness, 1)));
        QCOMPARE(stateOf(harness, 0), int(UploadState::Failed));
        // Nothing else reached the server.
        ApiClient api(m_server);
        QCOMPARE(api.get("/api/v1/users/me/videos", appToken(harness)).json["items"].size(), size_t(1));
    }

    void aChangedSourceFileIsRefused() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "changer"));
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("changing.mp4"));
        QVERIFY(QFile::copy(uploadClip(m_dir.path(), 12, QStringLiteral("change.mp4")), path));
        addFile(harness, path);
        QVERIFY(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000));
        uploads(harness).pause(0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(QByteArray(1000, 'x'));
        file.close();
        uploads(harness).resume(0);
        QVERIFY2(waitForState(harness, 0, UploadState::Failed), qPrintable(describeRow(harness, 0)));
        QCOMPARE(
            role(harness, 0, UploadQueueModel::MessageRole).toString(),
            QStringLiteral("\"changing.mp4\" changed after it was added, so the upload cannot continue with "
                           "the same bytes. Add the file again to upload the new version."));
    }

    void aFileThatIsNotAVideoFailsWithTheServersReason() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "notavideo"));
        auto tester = testModel(harness);
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("holiday.mp4")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray noise(200 * 1000, '\0');
        QRandomGenerator random(42);
        for (char& byte : noise)
            byte = static_cast<char>(random.bounded(256));
        file.write(noise);
        file.close();
        addFile(harness, file.fileName());
        QVERIFY2(waitForState(harness, 0, UploadState::Failed, 30000), qPrintable(describeRow(harness, 0)));
        const auto json = video(m_server, appToken(harness), videoIdOf(harness, 0));
        QCOMPARE(json.value("status", ""), std::string("failed"));
        const QString reason = QString::fromStdString(json["failure"].value("message", ""));
        QVERIFY(!reason.isEmpty());
        QCOMPARE(role(harness, 0, UploadQueueModel::MessageRole).toString(),
                 QStringLiteral("The server could not process this video: ") + reason);
        QVERIFY(
            !role(harness, 0, UploadQueueModel::CanRetryRole).toBool()); // the same bytes would fail again
    }

    void aFullQuotaShowsTheServersMessage() {
        AppHarness harness(m_server);
        QVERIFY(signedIn(harness, "hoarder"));
        auto tester = testModel(harness);
        addFile(harness, sharedMedia(QStringLiteral("big_buck_bunny.mp4"))); // 3.9 MB, over the 3 MB quota
        QVERIFY2(waitForState(harness, 0, UploadState::Failed), qPrintable(describeRow(harness, 0)));
        const QString message = role(harness, 0, UploadQueueModel::MessageRole).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Your storage quota is full: ")) &&
                     message.size() > QStringLiteral("Your storage quota is full: ").size(),
                 qPrintable(message));
        QVERIFY(role(harness, 0, UploadQueueModel::CanRetryRole).toBool());
        ApiClient api(m_server);
        QCOMPARE(api.get("/api/v1/users/me/videos", appToken(harness)).json["items"].size(), size_t(0));
    }
};

QTEST_MAIN(TestUploadsQueue)
#include "test_uploads_queue.moc"
