// tus 1.0.0 uploads against the real framecastd: discovery, creation (with upload, deferred length), chunked
// PATCHes with checksums, the protocol's refusals (409, 412, 415, 460, 400), termination, ownership, a
// standard client (the curl CLI) and the realtime events that follow an upload.
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using fc::transfer::TusChecksum;
using fc::transfer::TusClient;
using fc::transfer::TusLengthMode;
using fc::transfer::TusProgress;
using fc::transfer::TusUploadOptions;

class TestUploads : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 10, 3);
        QVERIFY2(!m_clip.isEmpty(), "ffmpeg could not cut the test clip");
        m_clipBytes = readFile(m_clip);
        QVERIFY(m_clipBytes.size() > 100'000);
        ApiClient api(m_server);
        auto owner = api.signUp("uploader");
        QVERIFY2(owner, "sign-up failed: is POST /api/v1/auth/register there?");
        m_owner = *owner;
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void discoveryAdvertisesTheProtocol() {
        ApiClient api(m_server);
        const auto reply = api.call("OPTIONS", kUploadsPath);
        QCOMPARE(reply.status, 204);
        QCOMPARE(header(reply, "Tus-Resumable"), std::string("1.0.0"));
        QCOMPARE(header(reply, "Tus-Version"), std::string("1.0.0"));
        QCOMPARE(header(reply, "Tus-Max-Size"), std::to_string(10LL << 30));
        QCOMPARE(header(reply, "Tus-Extension"),
                 std::string(
                     "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration"));
        QCOMPARE(header(reply, "Tus-Checksum-Algorithm"), std::string("sha1,sha256"));
    }

    void chunkedUploadWithChecksumsReachesQueued() {
        ApiClient api(m_server);
        auto user = api.signUp("chunks");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created =
            tus.create(m_server.url(kUploadsPath), m_clipBytes.size(),
                       {{"filename", "bunny clip.mp4"}, {"title", "Bunny"}, {"visibility", "unlisted"}});
        QVERIFY2(created, created ? "" : created.error().message.c_str());
        QVERIFY(created->upload_url.rfind(m_server.url("/api/v1/uploads/"), 0) == 0);
        QCOMPARE(created->video_id.size(), size_t(11));

        std::vector<TusProgress> reports;
        TusUploadOptions options;
        options.chunk_size_bytes = 64 * 1024;
        options.checksum = TusChecksum::Sha256;
        options.on_progress = [&](const TusProgress& progress) { reports.push_back(progress); };
        auto finished = tus.uploadFile(created->upload_url, m_clip.toStdString(), 0, options);
        QVERIFY2(finished, finished ? "" : finished.error().message.c_str());
        QCOMPARE(*finished, int64_t(m_clipBytes.size()));
        // One acknowledgement per 64 KiB chunk, rising to the full size.
        std::set<int64_t> acknowledged;
        for (const auto& report : reports) {
            QVERIFY(report.acknowledged_bytes <= report.sent_bytes);
            acknowledged.insert(report.acknowledged_bytes);
        }
        QCOMPARE(int(acknowledged.size()), int((m_clipBytes.size() + 65535) / 65536) + 1);
        QCOMPARE(*acknowledged.rbegin(), int64_t(m_clipBytes.size()));

        const auto video =
            waitForVideoStatus(api, user->access_token, created->video_id, {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("queued"));
        QCOMPARE(video.value("title", ""), std::string("Bunny"));
        QCOMPARE(video.value("visibility", ""), std::string("unlisted"));
        const auto& info = video["media_info"];
        QVERIFY2(info.is_object(), video.dump().c_str());
        QVERIFY2(std::abs(info.value("duration_ms", 0) - 3000) <= 150, info.dump().c_str());
        QCOMPARE(info["video"].value("codec", ""), std::string("h264"));
        QCOMPARE(info["video"].value("width", 0), 640);
        QCOMPARE(info["video"].value("height", 0), 360);
        QVERIFY(std::abs(video.value("duration_ms", 0) - 3000) <= 150);
        const std::string clipSha = fileSha256(m_clip);
        QCOMPARE(video["source"].value("sha256", ""), clipSha);
        QCOMPARE(video["source"].value("size_bytes", int64_t(0)), int64_t(m_clipBytes.size()));
        QCOMPARE(video["source"].value("filename", ""), std::string("bunny clip.mp4"));
        // The bytes moved to media/<video id>/source, identical; no part file is left behind.
        QCOMPARE(fileSha256(sourceFile(m_server, created->video_id)), clipSha);
        QVERIFY(!QFileInfo::exists(partFile(m_server, created->upload_url)));

        // HEAD still answers for a finished upload; the job chain is in the database.
        const auto head = headUpload(api, user->access_token, created->upload_url);
        QCOMPARE(head.status, 200);
        QCOMPARE(headerNumber(head, "Upload-Offset"), int64_t(m_clipBytes.size()));
        QCOMPARE(headerNumber(head, "Upload-Length"), int64_t(m_clipBytes.size()));
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(db.scalar("SELECT state FROM uploads WHERE video_id = ?", {created->video_id}).value_or(""),
                 std::string("complete"));
        QCOMPARE(
            db.scalar("SELECT state FROM jobs WHERE video_id = ? AND kind = 'ingest'", {created->video_id})
                .value_or(""),
            std::string("done"));
        QCOMPARE(
            db.scalar("SELECT state FROM jobs WHERE video_id = ? AND kind = 'transcode'", {created->video_id})
                .value_or(""),
            std::string("queued"));
    }

    void creationResponseAndHeadDescribeTheUpload() {
        ApiClient api(m_server);
        const std::string metadata =
            metadataPair("filename", "My Holiday.final.mp4") + "," + metadataPair("description", "Sea, sun");
        const auto created = createUpload(api, m_owner.access_token, 1234, metadata);
        QCOMPARE(created.status, 201);
        const std::string location = header(created, "Location");
        QVERIFY(location.rfind("/api/v1/uploads/", 0) == 0);
        QCOMPARE(header(created, "Tus-Resumable"), std::string("1.0.0"));
        QVERIFY(header(created, "Upload-Expires").find(" GMT") != std::string::npos);
        const std::string videoId = header(created, "Framecast-Video-Id");
        QVERIFY(QFileInfo::exists(partFile(m_server, location)));

        const auto head = headUpload(api, m_owner.access_token, location);
        QCOMPARE(head.status, 200);
        QCOMPARE(headerNumber(head, "Upload-Offset"), int64_t(0));
        QCOMPARE(headerNumber(head, "Upload-Length"), int64_t(1234));
        QCOMPARE(header(head, "Upload-Metadata"), metadata);
        QCOMPARE(header(head, "Cache-Control"), std::string("no-store"));
        QCOMPARE(header(head, "Tus-Resumable"), std::string("1.0.0"));
        QVERIFY(head.raw.header("Upload-Expires"));

        // The video row exists from the start: 'uploading', private by default, titled after the file.
        const auto video = api.get("/api/v1/videos/" + videoId, m_owner.access_token);
        QCOMPARE(video.status, 200);
        QCOMPARE(video.json.value("status", ""), std::string("uploading"));
        QCOMPARE(video.json.value("title", ""), std::string("My Holiday.final"));
        QCOMPARE(video.json.value("description", ""), std::string("Sea, sun"));
        QCOMPARE(video.json.value("visibility", ""), std::string("private"));
        QCOMPARE(video.json.value("channel_id", ""), m_owner.channel_id);
    }

    void creationNeedsValidLengthAndMetadata() {
        ApiClient api(m_server);
        transfer::HttpCall both;
        both.method = "POST";
        both.url = kUploadsPath;
        both.headers =
            tusHeaders(m_owner.access_token, {{"Upload-Length", "10"}, {"Upload-Defer-Length", "1"}});
        QCOMPARE(api.raw(both).status, 400);
        transfer::HttpCall neither = both;
        neither.headers = tusHeaders(m_owner.access_token);
        QCOMPARE(api.raw(neither).status, 400);
        transfer::HttpCall badDefer = both;
        badDefer.headers = tusHeaders(m_owner.access_token, {{"Upload-Defer-Length", "2"}});
        QCOMPARE(api.raw(badDefer).status, 400);
        transfer::HttpCall negative = both;
        negative.headers = tusHeaders(m_owner.access_token, {{"Upload-Length", "-5"}});
        QCOMPARE(api.raw(negative).status, 400);
        const auto badBase64 = createUpload(api, m_owner.access_token, 10, "filename !!!notbase64");
        QCOMPARE(badBase64.status, 400);
        QCOMPARE(badBase64.errorCode(), std::string("invalid_metadata"));
        QCOMPARE(
            createUpload(api, m_owner.access_token, 10, metadataPair("a", "1") + "," + metadataPair("a", "2"))
                .status,
            400);
        const auto badVisibility =
            createUpload(api, m_owner.access_token, 10, metadataPair("visibility", "secret"));
        QCOMPARE(badVisibility.status, 400);
        QCOMPARE(badVisibility.errorCode(), std::string("invalid_request"));
        // Keys without values are allowed by tus (unknown keys are kept but ignored).
        QCOMPARE(createUpload(api, m_owner.access_token, 10,
                              "is_confidential," + metadataPair("filename", "x.mp4"))
                     .status,
                 201);
        QCOMPARE(api.call("POST", kUploadsPath, {}, std::nullopt, tusHeaders({}, {{"Upload-Length", "10"}}))
                     .status,
                 401);
    }

    void creationWithUploadTakesTheFirstBytes() {
        ApiClient api(m_server);
        auto user = api.signUp("withupload");
        QVERIFY(user);
        transfer::HttpCall call;
        call.method = "POST";
        call.url = kUploadsPath;
        call.headers =
            tusHeaders(user->access_token, {{"Upload-Length", std::to_string(m_clipBytes.size())},
                                            {"Content-Type", "application/offset+octet-stream"},
                                            {"Upload-Metadata", metadataPair("filename", "first.mp4")}});
        call.body = m_clipBytes.left(100'000).toStdString();
        const auto created = api.raw(call);
        QCOMPARE(created.status, 201);
        QCOMPARE(headerNumber(created, "Upload-Offset"), int64_t(100'000));
        const std::string url = m_server.url(header(created, "Location"));
        QCOMPARE(headerNumber(headUpload(api, user->access_token, url), "Upload-Offset"), int64_t(100'000));

        TusClient tus(user->access_token);
        auto finished = tus.resume(url, m_clip.toStdString());
        QVERIFY2(finished, finished ? "" : finished.error().message.c_str());
        const std::string videoId = header(created, "Framecast-Video-Id");
        QCOMPARE(
            waitForVideoStatus(api, user->access_token, videoId, {"queued", "failed"}).value("status", ""),
            std::string("queued"));
        QCOMPARE(fileSha256(sourceFile(m_server, videoId)), fileSha256(m_clip));
    }

    void creationWithTheWholeFileCompletesAtOnce() {
        ApiClient api(m_server);
        auto user = api.signUp("oneshot");
        QVERIFY(user);
        transfer::HttpCall call;
        call.method = "POST";
        call.url = kUploadsPath;
        call.headers = tusHeaders(
            user->access_token,
            {{"Upload-Length", std::to_string(m_clipBytes.size())},
             {"Content-Type", "application/offset+octet-stream"},
             {"Upload-Checksum",
              "sha256 " + base64Encode(digestRaw(DigestAlgorithm::Sha256, m_clipBytes.toStdString()))}});
        call.body = m_clipBytes.toStdString();
        const auto created = api.raw(call);
        QCOMPARE(created.status, 201);
        QCOMPARE(headerNumber(created, "Upload-Offset"), int64_t(m_clipBytes.size()));
        const std::string videoId = header(created, "Framecast-Video-Id");
        QCOMPARE(
            waitForVideoStatus(api, user->access_token, videoId, {"queued", "failed"}).value("status", ""),
            std::string("queued"));
    }

    void deferredLengthIsDeclaredWithTheLastChunk() {
        ApiClient api(m_server);
        auto user = api.signUp("deferred");
        QVERIFY(user);
        TusClient tus(user->access_token);
        auto created = tus.create(m_server.url(kUploadsPath), std::nullopt, {{"filename", "live.mp4"}});
        QVERIFY(created);
        const auto head = headUpload(api, user->access_token, created->upload_url);
        QCOMPARE(head.status, 200);
        QCOMPARE(header(head, "Upload-Defer-Length"), std::string("1"));
        QVERIFY(!head.raw.header("Upload-Length"));

        TusUploadOptions options;
        options.chunk_size_bytes = 80 * 1024;
        options.length_mode = TusLengthMode::DeclareWithLastChunk;
        auto finished = tus.uploadFile(created->upload_url, m_clip.toStdString(), 0, options);
        QVERIFY2(finished, finished ? "" : finished.error().message.c_str());
        const auto after = headUpload(api, user->access_token, created->upload_url);
        QCOMPARE(headerNumber(after, "Upload-Length"), int64_t(m_clipBytes.size()));
        QVERIFY(!after.raw.header("Upload-Defer-Length"));
        QCOMPARE(waitForVideoStatus(api, user->access_token, created->video_id, {"queued", "failed"})
                     .value("status", ""),
                 std::string("queued"));

        // Once set, the length cannot change.
        auto other = tus.create(m_server.url(kUploadsPath), std::nullopt, {});
        QVERIFY(other);
        QCOMPARE(patchUpload(api, user->access_token, other->upload_url, 0, "abc", {{"Upload-Length", "10"}})
                     .status,
                 204);
        const auto changed =
            patchUpload(api, user->access_token, other->upload_url, 3, "d", {{"Upload-Length", "11"}});
        QCOMPARE(changed.status, 400);
        QCOMPARE(headerNumber(headUpload(api, user->access_token, other->upload_url), "Upload-Offset"),
                 int64_t(3));
    }

    void wrongOffsetIs409() {
        ApiClient api(m_server);
        const auto created = createUpload(api, m_owner.access_token, 1000);
        const std::string url = header(created, "Location");
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 0, std::string(100, 'a')).status, 204);
        const auto conflict = patchUpload(api, m_owner.access_token, url, 0, std::string(100, 'b'));
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.errorCode(), std::string("offset_mismatch"));
        QCOMPARE(header(conflict, "Tus-Resumable"), std::string("1.0.0"));
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 150, "x").status, 409);
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(100));
        QCOMPARE(readFile(partFile(m_server, url)), QByteArray(100, 'a'));
    }

    void checksumMismatchIs460AndKeepsNothing() {
        ApiClient api(m_server);
        const auto created = createUpload(api, m_owner.access_token, 3000);
        const std::string url = header(created, "Location");
        const std::string first(1000, 'x');
        const std::string second(1000, 'y');
        auto checksum = [](DigestAlgorithm algorithm, const std::string& bytes) {
            return std::string(algorithm == DigestAlgorithm::Sha1 ? "sha1 " : "sha256 ") +
                   base64Encode(digestRaw(algorithm, bytes));
        };
        const auto good = patchUpload(api, m_owner.access_token, url, 0, first,
                                      {{"Upload-Checksum", checksum(DigestAlgorithm::Sha256, first)}});
        QCOMPARE(good.status, 204);
        QCOMPARE(headerNumber(good, "Upload-Offset"), int64_t(1000));

        const auto bad = patchUpload(api, m_owner.access_token, url, 1000, second,
                                     {{"Upload-Checksum", checksum(DigestAlgorithm::Sha256, first)}});
        QCOMPARE(bad.status, 460);
        QCOMPARE(bad.errorCode(), std::string("checksum_mismatch"));
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(1000));
        QCOMPARE(QFileInfo(partFile(m_server, url)).size(), qint64(1000));

        // sha1 is supported too (the tus minimum).
        const auto sha1 = patchUpload(api, m_owner.access_token, url, 1000, second,
                                      {{"Upload-Checksum", checksum(DigestAlgorithm::Sha1, second)}});
        QCOMPARE(sha1.status, 204);
        QCOMPARE(headerNumber(sha1, "Upload-Offset"), int64_t(2000));
        QCOMPARE(readFile(partFile(m_server, url)), QByteArray::fromStdString(first + second));
    }

    void unsupportedChecksumAlgorithmIs400() {
        ApiClient api(m_server);
        const std::string url = header(createUpload(api, m_owner.access_token, 100), "Location");
        const auto md5 = patchUpload(api, m_owner.access_token, url, 0, "hello",
                                     {{"Upload-Checksum", "md5 XUFAKrxLKna5cZ2REBfFkg=="}});
        QCOMPARE(md5.status, 400);
        QCOMPARE(md5.errorCode(), std::string("checksum_unsupported"));
        const auto garbled =
            patchUpload(api, m_owner.access_token, url, 0, "hello", {{"Upload-Checksum", "sha256 %%%"}});
        QCOMPARE(garbled.status, 400);
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(0));
    }

    void missingTusResumableIs412() {
        ApiClient api(m_server);
        const auto post =
            api.call("POST", kUploadsPath, m_owner.access_token, std::nullopt, {{"Upload-Length", "10"}});
        QCOMPARE(post.status, 412);
        QCOMPARE(header(post, "Tus-Version"), std::string("1.0.0"));
        QCOMPARE(header(post, "Tus-Resumable"), std::string("1.0.0"));
        const std::string url = header(createUpload(api, m_owner.access_token, 10), "Location");
        QCOMPARE(api.call("HEAD", url, m_owner.access_token).status, 412);
        const auto oldVersion = api.call("PATCH", url, m_owner.access_token, std::nullopt,
                                         {{"Tus-Resumable", "0.2.2"},
                                          {"Upload-Offset", "0"},
                                          {"Content-Type", "application/offset+octet-stream"}});
        QCOMPARE(oldVersion.status, 412);
        QCOMPARE(api.call("DELETE", url, m_owner.access_token).status, 412);
        QCOMPARE(headUpload(api, m_owner.access_token, url).status, 200); // nothing was processed
    }

    void wrongContentTypeIs415() {
        ApiClient api(m_server);
        const std::string url = header(createUpload(api, m_owner.access_token, 10), "Location");
        transfer::HttpCall call;
        call.method = "PATCH";
        call.url = url;
        call.headers = tusHeaders(m_owner.access_token,
                                  {{"Content-Type", "application/octet-stream"}, {"Upload-Offset", "0"}});
        call.body = "0123456789";
        const auto reply = api.raw(call);
        QCOMPARE(reply.status, 415);
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(0));
    }

    void bytesPastTheLengthAreRefused() {
        ApiClient api(m_server);
        const std::string url = header(createUpload(api, m_owner.access_token, 100), "Location");
        const auto tooMuch = patchUpload(api, m_owner.access_token, url, 0, std::string(150, 'z'));
        QCOMPARE(tooMuch.status, 400);
        QCOMPARE(tooMuch.errorCode(), std::string("upload_length_exceeded"));
        // Chunked (no Content-Length): found out while reading, nothing kept either.
        transfer::HttpCall chunked;
        chunked.method = "PATCH";
        chunked.url = url;
        chunked.headers =
            tusHeaders(m_owner.access_token,
                       {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", "0"}});
        std::string body(150, 'q');
        size_t sent = 0;
        chunked.body_reader = [&](char* buffer, size_t capacity) {
            const size_t n = std::min(capacity, body.size() - sent);
            std::copy_n(body.data() + sent, n, buffer);
            sent += n;
            return n;
        };
        const auto reply = api.raw(chunked);
        QCOMPARE(reply.status, 400);
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(0));
        QCOMPARE(QFileInfo(partFile(m_server, url)).size(), qint64(0));
        // Exactly the length is fine and completes the upload.
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 0, std::string(100, 'z')).status, 204);
    }

    void secondConcurrentPatchIs409AndADroppedBodyIsKept() {
        ApiClient api(m_server);
        constexpr int kMiB = 1 << 20;
        const std::string url = header(createUpload(api, m_owner.access_token, 2 * kMiB), "Location");
        // A PATCH that promises 2 MiB, sends 1 MiB + 300 bytes and stalls: it holds the upload.
        QTcpSocket slow;
        slow.connectToHost("127.0.0.1", m_server.port());
        QVERIFY(slow.waitForConnected(3000));
        const QByteArray head = "PATCH " + QByteArray::fromStdString(url) +
                                " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer " +
                                QByteArray::fromStdString(m_owner.access_token) +
                                "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                                "Content-Length: " +
                                QByteArray::number(2 * kMiB) + "\r\n\r\n";
        const QByteArray sent = QByteArray(kMiB + 300, 'p');
        slow.write(head + sent);
        while (slow.bytesToWrite() > 0)
            QVERIFY(slow.waitForBytesWritten(3000));
        // Once the first MiB is in the part file the first PATCH certainly holds the upload.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partFile(m_server, url)).size() >= kMiB, 10000);
        const auto second = patchUpload(api, m_owner.access_token, url, 0, std::string(10, 'q'));
        QCOMPARE(second.status, 409);
        QCOMPARE(second.errorCode(), std::string("upload_locked"));
        QCOMPARE(headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset"), int64_t(0));

        // The stalled client goes away: what reached the upload is kept, durable, and acknowledged by HEAD.
        // (The HTTP session hands bodies over in 1 MiB pieces, so at least the first MiB is there.)
        slow.disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(
            headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset") > 0, 5000);
        QTest::qWait(200);
        const int64_t kept = headerNumber(headUpload(api, m_owner.access_token, url), "Upload-Offset");
        QVERIFY2(kept >= kMiB && kept <= kMiB + 300, qPrintable(QString::number(kept)));
        QCOMPARE(readFile(partFile(m_server, url)), sent.left(kept));
        QCOMPARE(patchUpload(api, m_owner.access_token, url, kept, std::string(10, 'q')).status, 204);
    }

    void terminationRemovesUploadFileAndVideo() {
        ApiClient api(m_server);
        const auto created = createUpload(api, m_owner.access_token, 5000);
        const std::string url = header(created, "Location");
        const std::string videoId = header(created, "Framecast-Video-Id");
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 0, std::string(2000, 'd')).status, 204);
        QVERIFY(QFileInfo::exists(partFile(m_server, url)));

        TusClient tus(m_owner.access_token);
        auto terminated = tus.terminate(m_server.url(url));
        QVERIFY2(terminated, terminated ? "" : terminated.error().message.c_str());
        QCOMPARE(headUpload(api, m_owner.access_token, url).status, 404);
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 2000, "x").status, 404);
        QVERIFY(!QFileInfo::exists(partFile(m_server, url)));
        QCOMPARE(api.get("/api/v1/videos/" + videoId, m_owner.access_token).status, 404);
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(db.scalar("SELECT state FROM uploads WHERE video_id = ?", {videoId}).value_or(""),
                 std::string("terminated"));
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM videos WHERE id = ?", {videoId}).value_or(""),
                 std::string("0"));
        QVERIFY(!tus.terminate(m_server.url(url)));
    }

    void onlyTheUploaderSeesAnUpload() {
        ApiClient api(m_server);
        auto other = api.signUp("intruder");
        QVERIFY(other);
        const std::string url = header(createUpload(api, m_owner.access_token, 100), "Location");
        QCOMPARE(patchUpload(api, m_owner.access_token, url, 0, std::string(10, 'o')).status, 204);
        QCOMPARE(headUpload(api, other->access_token, url).status, 404);
        QCOMPARE(patchUpload(api, other->access_token, url, 10, std::string(10, 'i')).status, 404);
        transfer::HttpCall remove;
        remove.method = "DELETE";
        remove.url = url;
        remove.headers = tusHeaders(other->access_token);
        QCOMPARE(api.raw(remove).status, 404);
        QCOMPARE(headUpload(api, {}, url).status, 401);
        const auto own = headUpload(api, m_owner.access_token, url);
        QCOMPARE(own.status, 200);
        QCOMPARE(headerNumber(own, "Upload-Offset"), int64_t(10));
        QCOMPARE(headUpload(api, m_owner.access_token, "/api/v1/uploads/AAAAAAAAAAA").status, 404);
    }

private:
    // Ingest only: these tests check the state an upload rests in before transcoding ('queued').
    TestServer m_server{{"--job-kinds", "ingest"}};
    QTemporaryDir m_media;
    QString m_clip;
    QByteArray m_clipBytes;
    SignedUpUser m_owner;
};

QTEST_GUILESS_MAIN(TestUploads)
#include "test_uploads.moc"
