// Clients of the upload API besides our own: the curl command line as a standard tus client, the
// X-HTTP-Method-Override fallback, the realtime events an uploader watches, and the upload metrics.
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QtTest>

#include <atomic>
#include <thread>

#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using fc::transfer::TusClient;
using fc::transfer::TusUploadOptions;

class TestUploadClients : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 10, 3);
        QVERIFY2(!m_clip.isEmpty(), "ffmpeg could not cut the test clip");
        m_clipBytes = readFile(m_clip);
        ApiClient api(m_server);
        auto owner = api.signUp("client");
        QVERIFY2(owner, "sign-up failed: is POST /api/v1/auth/register there?");
        m_owner = *owner;
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void methodOverrideServesClientsWithoutPatch() {
        ApiClient api(m_server);
        const std::string url = header(createUpload(api, m_owner.access_token, 20), "Location");
        transfer::HttpCall call;
        call.method = "POST";
        call.url = url;
        call.headers = tusHeaders(m_owner.access_token, {{"X-HTTP-Method-Override", "PATCH"},
                                                         {"Content-Type", "application/offset+octet-stream"},
                                                         {"Upload-Offset", "0"}});
        call.body = std::string(20, 'm');
        const auto patched = api.raw(call);
        QCOMPARE(patched.status, 204);
        QCOMPARE(headerNumber(patched, "Upload-Offset"), int64_t(20));
        transfer::HttpCall head;
        head.method = "POST";
        head.url = url;
        head.headers = tusHeaders(m_owner.access_token, {{"X-HTTP-Method-Override", "HEAD"}});
        QCOMPARE(headerNumber(api.raw(head), "Upload-Offset"), int64_t(20));
    }

    void curlCommandLineIsAStandardTusClient() {
        ApiClient api(m_server);
        auto user = api.signUp("curlcli");
        QVERIFY(user);
        auto curl = [&](const QStringList& args) {
            QProcess process;
            process.start("curl", QStringList{"-sS", "-i"} + args);
            if (!process.waitForFinished(30000))
                return QString("curl timed out");
            return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        };
        const QString auth = "Authorization: Bearer " + QString::fromStdString(user->access_token);
        const QString created =
            curl({"-X", "POST", "-H", "Tus-Resumable: 1.0.0", "-H", auth, "-H",
                  "Upload-Length: " + QString::number(m_clipBytes.size()), "-H",
                  "Upload-Metadata: filename " + QString::fromStdString(base64Encode("cli.mp4")),
                  QString::fromStdString(m_server.url(kUploadsPath))});
        QVERIFY2(created.startsWith("HTTP/1.1 201"), qPrintable(created));
        const auto location = QRegularExpression("(?i)\\nLocation: (\\S+)").match(created);
        const auto video = QRegularExpression("(?i)\\nFramecast-Video-Id: (\\S+)").match(created);
        QVERIFY(location.hasMatch() && video.hasMatch());

        const QString patched =
            curl({"-X", "PATCH", "-H", "Tus-Resumable: 1.0.0", "-H", auth, "-H",
                  "Content-Type: application/offset+octet-stream", "-H", "Upload-Offset: 0", "--data-binary",
                  "@" + m_clip, QString::fromStdString(m_server.url(location.captured(1).toStdString()))});
        QVERIFY2(patched.startsWith("HTTP/1.1 204"), qPrintable(patched));
        QVERIFY2(patched.contains(
                     QRegularExpression("(?i)\\nUpload-Offset: " + QString::number(m_clipBytes.size()))),
                 qPrintable(patched));
        const std::string videoId = video.captured(1).toStdString();
        QCOMPARE(
            waitForVideoStatus(api, user->access_token, videoId, {"queued", "failed"}).value("status", ""),
            std::string("queued"));
        QCOMPARE(fileSha256(sourceFile(m_server, videoId)), fileSha256(m_clip));
    }

    void realtimeFollowersSeeProgressAndStatus() {
        ApiClient api(m_server);
        auto user = api.signUp("watcher");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created = tus.create(m_server.url(kUploadsPath), m_clipBytes.size(), {{"filename", "live.mp4"}});
        QVERIFY(created);

        QWebSocket socket;
        std::vector<nlohmann::json> events;
        connect(&socket, &QWebSocket::textMessageReceived, [&](const QString& text) {
            events.push_back(nlohmann::json::parse(text.toStdString(), nullptr, false));
        });
        socket.open(QUrl(QString("ws://127.0.0.1:%1/api/v1/ws?access_token=%2")
                             .arg(m_server.port())
                             .arg(QString::fromStdString(user->access_token))));
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QVERIFY(connected.wait(5000));
        const std::string topic = "video:" + created->video_id + ":status";
        socket.sendTextMessage(
            QString::fromStdString(nlohmann::json{{"type", "subscribe"}, {"topic", topic}}.dump()));
        auto has = [&](const std::string& type) {
            return std::any_of(events.begin(), events.end(),
                               [&](const auto& e) { return e.value("type", "") == type; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(has("subscribed"), 5000);

        // Upload on another thread so this one keeps reading the socket.
        std::atomic<bool> done{false};
        bool ok = false;
        std::thread uploader([&] {
            TusClient client(user->access_token);
            TusUploadOptions options;
            options.chunk_size_bytes = 50 * 1024;
            ok = client.uploadFile(created->upload_url, m_clip.toStdString(), 0, options).ok();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 30000);
        uploader.join();
        QVERIFY(ok);
        QTRY_VERIFY_WITH_TIMEOUT(has("status_changed"), 30000);

        std::vector<int64_t> offsets;
        nlohmann::json status;
        for (const auto& event : events) {
            if (event.value("type", "") == "upload_progress") {
                QCOMPARE(event.value("topic", ""), topic);
                QCOMPARE(event["data"].value("video_id", ""), created->video_id);
                QCOMPARE(event["data"].value("length_bytes", int64_t(0)), int64_t(m_clipBytes.size()));
                offsets.push_back(event["data"].value("offset_bytes", int64_t(0)));
            } else if (event.value("type", "") == "status_changed") {
                status = event["data"];
            }
        }
        qInfo("upload_progress offsets: %s", nlohmann::json(offsets).dump().c_str());
        QVERIFY2(offsets.size() >= 4, nlohmann::json(offsets).dump().c_str()); // one at least per PATCH
        QVERIFY(std::is_sorted(offsets.begin(), offsets.end()));
        QCOMPARE(offsets.back(), int64_t(m_clipBytes.size()));
        QCOMPARE(status.value("status", ""), std::string("queued"));
        QCOMPARE(status.value("video_id", ""), created->video_id);
        QVERIFY(status["failure"].is_null());
    }

    void metricsCountUploads() {
        ApiClient api(m_server);
        const QString text = QString::fromStdString(api.get("/metrics").raw.body);
        QVERIFY(text.contains("framecast_uploads_created_total"));
        QVERIFY(text.contains("framecast_uploads_completed_total"));
        QVERIFY(text.contains("framecast_upload_bytes_received_total"));
    }

private:
    // Ingest only: these tests check the state an upload rests in before transcoding ('queued').
    TestServer m_server{{"--job-kinds", "ingest"}};
    QTemporaryDir m_media;
    QString m_clip;
    QByteArray m_clipBytes;
    SignedUpUser m_owner;
};

QTEST_GUILESS_MAIN(TestUploadClients)
#include "test_upload_clients.moc"
