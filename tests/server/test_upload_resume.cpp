// Resuming and the limits around uploads: a connection dropped mid-PATCH, framecastd killed mid-upload
// (SIGKILL) and restarted on the same data, expiry of abandoned uploads, the size limit, the storage quota
// and the uploads-per-hour rate limit. Each case runs its own framecastd with the configuration it needs.
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using fc::transfer::TusChecksum;
using fc::transfer::TusClient;
using fc::transfer::TusProgress;
using fc::transfer::TusUploadOptions;

namespace {

std::string pathOf(const std::string& url) {
    const size_t scheme = url.find("://");
    return url.substr(url.find('/', scheme + 3));
}

} // namespace

class TestUploadResume : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // 50 s of the film: about 3.3 MB, several checkpoints' worth.
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 5, 50, {}, "bunny50.mp4");
        QVERIFY2(!m_clip.isEmpty(), "ffmpeg could not cut the test clip");
        m_clipSize = QFileInfo(m_clip).size();
        QVERIFY(m_clipSize > 2'800'000);
        m_clipSha = fileSha256(m_clip);
    }

    void resumesAfterTheConnectionDropsMidPatch() {
        TestServer server({"--job-kinds", "ingest", "--upload-checkpoint-bytes", "65536"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("dropper");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created = tus.create(server.url(kUploadsPath), m_clipSize, {{"filename", "drop.mp4"}});
        QVERIFY(created);

        // One PATCH for the whole file, no checksum (so the server keeps partial bodies); abort after ~1.6 MB
        // (past the HTTP session's 1 MiB hand-over size, so some of it has reached the upload).
        std::atomic<bool> cancel{false};
        int64_t sent = 0;
        TusUploadOptions options;
        options.chunk_size_bytes = m_clipSize;
        options.checksum = TusChecksum::None;
        options.cancel = &cancel;
        options.on_progress = [&](const TusProgress& progress) {
            sent = std::max(sent, progress.sent_bytes);
            if (progress.sent_bytes >= 1'600'000)
                cancel = true;
        };
        auto aborted = tus.uploadFile(created->upload_url, m_clip.toStdString(), 0, options);
        QVERIFY(!aborted);
        QCOMPARE(aborted.error().code, std::string("cancelled"));
        QVERIFY(sent >= 1'600'000 && sent < m_clipSize);

        // The server notices the drop and keeps what arrived: an offset > 0, never more than was sent.
        int64_t offset = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            (offset = headerNumber(headUpload(api, user->access_token, pathOf(created->upload_url)),
                                   "Upload-Offset")) > 0,
            5000);
        QTest::qWait(300); // let the connection-lost commit land before reading the final word
        offset =
            headerNumber(headUpload(api, user->access_token, pathOf(created->upload_url)), "Upload-Offset");
        qInfo("connection dropped after %lld bytes sent; the server kept %lld", static_cast<long long>(sent),
              static_cast<long long>(offset));
        QVERIFY2(offset > 0 && offset <= sent,
                 qPrintable(QString("offset %1, sent %2").arg(offset).arg(sent)));
        QCOMPARE(QFileInfo(partFile(server, created->upload_url)).size(), qint64(offset));
        // What was kept is exactly the file's first bytes.
        QCOMPARE(readFile(partFile(server, created->upload_url)), readFile(m_clip).left(offset));

        TusClient again(user->access_token);
        auto resumed = again.resume(created->upload_url, m_clip.toStdString());
        QVERIFY2(resumed, resumed ? "" : resumed.error().message.c_str());
        QCOMPARE(*resumed, m_clipSize);
        const auto video =
            waitForVideoStatus(api, user->access_token, created->video_id, {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("queued"));
        QCOMPARE(video["source"].value("sha256", ""), m_clipSha);
        QCOMPARE(fileSha256(sourceFile(server, created->video_id)), m_clipSha);
    }

    void resumesAfterTheServerIsKilledMidUpload() {
        TestServer server({"--job-kinds", "ingest", "--upload-checkpoint-bytes", "65536"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("survivor");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created = tus.create(server.url(kUploadsPath), m_clipSize, {{"filename", "crash.mp4"}});
        QVERIFY(created);
        const std::string path = pathOf(created->upload_url);

        // 1.25 MiB chunks. In the second one, once its first MiB has reached the server and been checkpointed
        // there (durable but not yet acknowledged), SIGKILL framecastd.
        const std::string uploadId = path.substr(path.rfind('/') + 1);
        int64_t acknowledged = 0;
        int64_t sent = 0;
        int64_t checkpointed = 0;
        bool killed = false;
        TusUploadOptions options;
        options.chunk_size_bytes = 1280 * 1024;
        options.checksum = TusChecksum::None;
        options.max_retries = 0;
        options.on_progress = [&](const TusProgress& progress) {
            acknowledged = std::max(acknowledged, progress.acknowledged_bytes);
            sent = std::max(sent, progress.sent_bytes);
            if (killed || progress.sent_bytes < 2400 * 1024)
                return;
            killed = true;
            DirectDatabase db(server.dataDir());
            QElapsedTimer waited;
            waited.start();
            while (checkpointed <= acknowledged && waited.elapsed() < 10000) {
                const auto stored = db.scalar("SELECT offset_bytes FROM uploads WHERE id = ?", {uploadId});
                checkpointed = stored ? std::stoll(*stored) : 0;
                QThread::msleep(10);
            }
            server.kill();
        };
        auto interrupted = tus.uploadFile(created->upload_url, m_clip.toStdString(), 0, options);
        QVERIFY(killed);
        QVERIFY(!interrupted);
        QCOMPARE(acknowledged, int64_t(1280 * 1024));
        QVERIFY2(checkpointed > acknowledged, qPrintable(QString::number(checkpointed)));

        // Same data directory, new process (and port).
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient restarted(server);
        const auto head = headUpload(restarted, user->access_token, path);
        QCOMPARE(head.status, 200);
        const int64_t offset = headerNumber(head, "Upload-Offset");
        // Every acknowledged byte survived; nothing beyond what was sent is claimed.
        qInfo(
            "killed after %lld bytes sent, %lld acknowledged, %lld checkpointed; after restart: offset %lld",
            static_cast<long long>(sent), static_cast<long long>(acknowledged),
            static_cast<long long>(checkpointed), static_cast<long long>(offset));
        // The checkpointed bytes survived too: a kill loses at most --upload-checkpoint-bytes of a long
        // PATCH.
        QVERIFY(offset >= checkpointed);
        QVERIFY2(offset >= acknowledged && offset <= sent,
                 qPrintable(
                     QString("offset %1, acknowledged %2, sent %3").arg(offset).arg(acknowledged).arg(sent)));
        // Unacknowledged bytes past the stored offset were cut off on reopening.
        QCOMPARE(QFileInfo(partFile(server, path)).size(), qint64(offset));

        TusClient again(user->access_token);
        auto resumed = again.resume(server.url(path), m_clip.toStdString());
        QVERIFY2(resumed, resumed ? "" : resumed.error().message.c_str());
        const auto video =
            waitForVideoStatus(restarted, user->access_token, created->video_id, {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("queued"));
        QCOMPARE(fileSha256(sourceFile(server, created->video_id)), m_clipSha);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void unacknowledgedBytesAreDroppedAfterACrash() {
        // Default checkpoint interval (64 MiB): nothing in this PATCH is made durable early.
        TestServer server({"--job-kinds", "ingest"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("crashy");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created = tus.create(server.url(kUploadsPath), m_clipSize, {{"filename", "crashy.mp4"}});
        QVERIFY(created);
        const std::string path = pathOf(created->upload_url);

        // A PATCH for the whole file that stalls after 2 MiB + 100 bytes: 2 MiB reach the part file,
        // unacknowledged.
        const QByteArray clip = readFile(m_clip);
        QTcpSocket slow;
        slow.connectToHost("127.0.0.1", server.port());
        QVERIFY(slow.waitForConnected(3000));
        slow.write(
            "PATCH " + QByteArray::fromStdString(path) +
            " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer " +
            QByteArray::fromStdString(user->access_token) +
            "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: " +
            QByteArray::number(clip.size()) + "\r\n\r\n" + clip.left(2 * 1024 * 1024 + 100));
        while (slow.bytesToWrite() > 0)
            QVERIFY(slow.waitForBytesWritten(3000));
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(partFile(server, path)).size(), qint64(2 * 1024 * 1024), 10000);
        server.kill();
        slow.abort();

        QVERIFY2(server.start(), qPrintable(server.log()));
        QCOMPARE(QFileInfo(partFile(server, path)).size(), qint64(2 * 1024 * 1024)); // as the crash left it
        ApiClient restarted(server);
        const auto head = headUpload(restarted, user->access_token, path);
        QCOMPARE(head.status, 200);
        QCOMPARE(headerNumber(head, "Upload-Offset"), int64_t(0)); // the stored offset is the truth
        QCOMPARE(QFileInfo(partFile(server, path)).size(), qint64(0));

        TusClient again(user->access_token);
        auto resumed = again.resume(server.url(path), m_clip.toStdString());
        QVERIFY2(resumed, resumed ? "" : resumed.error().message.c_str());
        const auto video =
            waitForVideoStatus(restarted, user->access_token, created->video_id, {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("queued"));
        QCOMPARE(fileSha256(sourceFile(server, created->video_id)), m_clipSha);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void abandonedUploadsExpire() {
        TestServer server(
            {"--job-kinds", "ingest", "--upload-expiry-s", "3", "--maintenance-interval-s", "1"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("abandoner");
        QVERIFY(user);
        const auto created = createUpload(api, user->access_token, 10000);
        QCOMPARE(created.status, 201);
        const std::string url = header(created, "Location");
        const std::string videoId = header(created, "Framecast-Video-Id");
        const auto patched = patchUpload(api, user->access_token, url, 0, std::string(1000, 'e'));
        QCOMPARE(patched.status, 204);
        QVERIFY(patched.raw.header("Upload-Expires"));
        QVERIFY(QFileInfo::exists(partFile(server, url)));

        QCOMPARE(headUpload(api, user->access_token, url).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(headUpload(api, user->access_token, url).status, 410, 15000);
        const auto gone = headUpload(api, user->access_token, url);
        QCOMPARE(gone.status, 410);
        QVERIFY(!gone.raw.header("Upload-Offset"));
        QCOMPARE(patchUpload(api, user->access_token, url, 1000, "x").status, 410);
        // The sweep removed the bytes and the video that never got them.
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(partFile(server, url)), 5000);
        QCOMPARE(api.get("/api/v1/videos/" + videoId, user->access_token).status, 404);
        DirectDatabase db(server.dataDir());
        QCOMPARE(db.scalar("SELECT state FROM uploads WHERE video_id = ?", {videoId}).value_or(""),
                 std::string("expired"));
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void uploadsLargerThanTheMaximumAre413() {
        TestServer server({"--job-kinds", "ingest", "--max-upload-bytes", "1000000"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("bigfile");
        QVERIFY(user);
        QCOMPARE(header(api.call("OPTIONS", kUploadsPath), "Tus-Max-Size"), std::string("1000000"));
        const auto tooBig = createUpload(api, user->access_token, 1'000'001);
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(tooBig.errorCode(), std::string("upload_too_large"));
        QCOMPARE(header(tooBig, "Tus-Resumable"), std::string("1.0.0"));
        QCOMPARE(createUpload(api, user->access_token, 1'000'000).status, 201);
        // A deferred length cannot grow past the maximum either.
        const std::string deferred = header(createUpload(api, user->access_token, -1), "Location");
        const auto overflow = patchUpload(api, user->access_token, deferred, 0, std::string(1'000'001, 'b'));
        QCOMPARE(overflow.status, 413);
        QCOMPARE(headerNumber(headUpload(api, user->access_token, deferred), "Upload-Offset"), int64_t(0));
        const auto declared =
            patchUpload(api, user->access_token, deferred, 0, "", {{"Upload-Length", "1000001"}});
        QCOMPARE(declared.status, 413);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void uploadsBeyondTheQuotaAre413() {
        TestServer server({"--job-kinds", "ingest", "--quota-bytes", "500000"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("hoarder");
        QVERIFY(user);
        const auto first = createUpload(api, user->access_token, 400'000);
        QCOMPARE(first.status, 201);
        // The unfinished upload already counts against the quota.
        const auto second = createUpload(api, user->access_token, 200'000);
        QCOMPARE(second.status, 413);
        QCOMPARE(second.errorCode(), std::string("quota_exceeded"));
        // Another user has their own quota.
        auto other = api.signUp("frugal");
        QVERIFY(other);
        QCOMPARE(createUpload(api, other->access_token, 200'000).status, 201);
        // Terminating the first frees the space.
        transfer::HttpCall remove;
        remove.method = "DELETE";
        remove.url = header(first, "Location");
        remove.headers = tusHeaders(user->access_token);
        QCOMPARE(api.raw(remove).status, 204);
        QCOMPARE(createUpload(api, user->access_token, 200'000).status, 201);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void creatingUploadsIsRateLimited() {
        TestServer server({"--job-kinds", "ingest", "--rate-limits", "uploads=2/h"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("eager");
        QVERIFY(user);
        const auto one = createUpload(api, user->access_token, 10);
        QCOMPARE(one.status, 201);
        QCOMPARE(createUpload(api, user->access_token, 10).status, 201);
        const auto third = createUpload(api, user->access_token, 10);
        QCOMPARE(third.status, 429);
        QCOMPARE(third.errorCode(), std::string("rate_limited"));
        QVERIFY(headerNumber(third, "Retry-After") > 0);
        // Sending bytes to an existing upload is not limited by that group.
        const std::string url = header(one, "Location");
        for (int i = 0; i < 10; ++i)
            QCOMPARE(patchUpload(api, user->access_token, url, i, "x").status, 204);
        // The limit is per user.
        auto other = api.signUp("patient");
        QVERIFY(other);
        QCOMPARE(createUpload(api, other->access_token, 10).status, 201);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

private:
    QTemporaryDir m_media;
    QString m_clip;
    int64_t m_clipSize = 0;
    std::string m_clipSha;
};

QTEST_GUILESS_MAIN(TestUploadResume)
#include "test_upload_resume.moc"
