// The upload queue survives what happens to creators: the app closed mid-upload (the queue is saved per
// account and resumes from the server's offset, byte-identical), the server going away mid-upload (retrying
// with a readable reason until it is back), and the session ending (waits for sign-in, then finishes).
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <climits>

#include "tests/support/ws_client.h"
#include "tests/ui/test_uploads_support.h"

using namespace fc;
using namespace fc::test;
using SessionState = ui::SessionController::State;

class TestUploadsRecovery : public QObject {
    Q_OBJECT
    TestServer m_server{{"--job-kinds", "ingest"}};
    QTemporaryDir m_dir;

    // Waits for the last byte and the ingest, then compares the server's copy with the file.
    void expectIngestedIntact(AppHarness& harness, const TestServer& server, const QString& file) {
        QVERIFY2(waitForState(harness, 0, UploadState::Processing, 40000),
                 qPrintable(describeRow(harness, 0)));
        QTRY_COMPARE_WITH_TIMEOUT(role(harness, 0, UploadQueueModel::ServerStatusRole).toString(),
                                  QStringLiteral("queued"), 20000);
        ApiClient api(server);
        const auto video =
            api.get("/api/v1/videos/" + videoIdOf(harness, 0).toStdString(), appToken(harness));
        QCOMPARE(video.status, 200);
        QCOMPARE(QString::fromStdString(video.json["source"].value("sha256", "")), fileSha256(file));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }

    void closingTheAppMidUploadResumesAfterReopening() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        const auto user = harness.signUpThroughApp("restarter");
        QVERIFY(user);
        harness.app().settings()->setUploadLimitKbps(200);
        const QString clip = uploadClip(m_dir.path(), 25, QStringLiteral("restart.mp4"));
        {
            auto tester = testModel(harness);
            addFile(harness, clip);
            uploads(harness).setTitle(0, QStringLiteral("Survives restarts"));
            QVERIFY2(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000),
                     qPrintable(describeRow(harness, 0)));
        }
        const QString path = uploadPathOf(harness, 0);
        const qint64 size = role(harness, 0, UploadQueueModel::TotalBytesRole).toLongLong();
        const qint64 acknowledgedAtClose = acknowledgedOf(harness, 0);
        const std::string topic = "video:" + videoIdOf(harness, 0).toStdString() + ":status";
        harness.close(); // mid-upload: the bandwidth limit keeps it far from done

        QFile saved(harness.dataDir() + QStringLiteral("/uploads.json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray json = saved.readAll();
        QVERIFY(json.contains("\"upload_path\": \"" + path.toUtf8() + "\""));
        QVERIFY(json.contains("Survives restarts"));
        const int64_t offsetAtClose = serverOffset(m_server, user->access_token, path);
        QVERIFY2(offsetAtClose >= acknowledgedAtClose && offsetAtClose < size,
                 qPrintable(QString::number(offsetAtClose)));
        WsClient ws; // the server's view of the bytes arriving after the reopen
        QVERIFY(ws.open(m_server, user->access_token));
        QCOMPARE(ws.subscribe(topic).value("type", ""), std::string("subscribed"));

        QVERIFY(harness.reopen());
        QTRY_COMPARE_WITH_TIMEOUT(harness.app().stage(), ui::AppContext::Stage::Ready, 10000);
        QCOMPARE(queue(harness).count(), 1);
        auto tester = testModel(harness);
        QCOMPARE(role(harness, 0, UploadQueueModel::TitleRole).toString(),
                 QStringLiteral("Survives restarts"));
        qint64 lowestSent = LLONG_MAX;
        QObject::connect(&queue(harness), &QAbstractItemModel::dataChanged, &queue(harness), [&] {
            if (stateOf(harness, 0) == UploadState::Uploading)
                lowestSent =
                    std::min(lowestSent, role(harness, 0, UploadQueueModel::BytesSentRole).toLongLong());
        });
        harness.app().settings()->setUploadLimitKbps(0);
        expectIngestedIntact(harness, m_server, clip);
        QVERIFY2(lowestSent >= acknowledgedAtClose && lowestSent > 0,
                 qPrintable(QString("%1 < %2").arg(lowestSent).arg(acknowledgedAtClose)));
        int events = 0;
        while (auto frame = ws.waitFor("upload_progress", topic, 1000)) {
            ++events;
            QVERIFY2((*frame)["data"].value("offset_bytes", int64_t(0)) >= offsetAtClose,
                     frame->dump().c_str());
        }
        QVERIFY(events > 0);

        // The queue belongs to its account: another one on this app does not see it; its owner does.
        harness.app().session()->signOut();
        QCOMPARE(queue(harness).count(), 0);
        QVERIFY(harness.signUpThroughApp("bystander"));
        QCOMPARE(queue(harness).count(), 0);
        harness.app().session()->signOut();
        QVERIFY(harness.signIn(user->username));
        QTRY_COMPARE_WITH_TIMEOUT(queue(harness).count(), 1, 5000);
        QCOMPARE(role(harness, 0, UploadQueueModel::TitleRole).toString(),
                 QStringLiteral("Survives restarts"));
    }

    void theServerGoingAwayIsRetriedUntilItIsBack() {
        TestServer server({"--job-kinds", "ingest"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        AppHarness harness(server);
        QVERIFY(harness.connect());
        QVERIFY(harness.signUpThroughApp("survivor"));
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        const QString clip = uploadClip(m_dir.path(), 12, QStringLiteral("killed.mp4"));
        addFile(harness, clip);
        QVERIFY(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000));

        server.kill();
        QVERIFY2(waitForState(harness, 0, UploadState::Retrying, 30000), qPrintable(describeRow(harness, 0)));
        const QString text = role(harness, 0, UploadQueueModel::StateTextRole).toString();
        QVERIFY2(text.startsWith(QStringLiteral("Cannot reach the server at http://127.0.0.1:")) &&
                     text.contains(QStringLiteral("Retrying in")),
                 qPrintable(text));
        QCOMPARE(queue(harness).count(), 1);

        // Back on the same address: the upload finishes by itself.
        server.setArgs(
            {"--job-kinds", "ingest", "--listen", QStringLiteral("127.0.0.1:%1").arg(server.port())});
        QVERIFY2(server.start(), qPrintable(server.log()));
        harness.app().settings()->setUploadLimitKbps(0);
        expectIngestedIntact(harness, server, clip);
    }

    void anEndedSessionWaitsForSignInThenFinishes() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        const auto user = harness.signUpThroughApp("expirer");
        QVERIFY(user);
        auto tester = testModel(harness);
        harness.app().settings()->setUploadLimitKbps(100);
        const QString clip = uploadClip(m_dir.path(), 12, QStringLiteral("expiry.mp4"));
        addFile(harness, clip);
        QVERIFY(QTest::qWaitFor([&] { return acknowledgedOf(harness, 0) > 0; }, 20000));

        // The session ends on the server: the next chunk is refused, the refresh too.
        ApiClient api(m_server);
        QCOMPARE(api.call("POST", "/api/v1/auth/logout", appToken(harness)).status, 204);
        QVERIFY2(waitForState(harness, 0, UploadState::NeedsSignIn, 20000),
                 qPrintable(describeRow(harness, 0)));
        QCOMPARE(harness.app().session()->state(), SessionState::Expired); // the shell asks to sign in
        QCOMPARE(role(harness, 0, UploadQueueModel::StateTextRole).toString(),
                 QStringLiteral("Your session has expired. Sign in again to continue this upload."));
        QCOMPARE(queue(harness).count(), 1);

        harness.app().settings()->setUploadLimitKbps(0);
        QVERIFY(harness.signIn(user->username));
        expectIngestedIntact(harness, m_server, clip);
    }
};

QTEST_MAIN(TestUploadsRecovery)
#include "test_uploads_recovery.moc"
