// The ingest job that runs on an upload's final byte: real media is fingerprinted and probed ('queued', with
// its media_info); anything else fails with a readable reason and its bytes removed; a second copy of the
// same file from the same user is refused as a duplicate; and running the job again changes nothing.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using fc::transfer::TusClient;

class TestUploadIngest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 20, 3, {}, "bunny3.mp4");
        QVERIFY2(!m_clip.isEmpty(), "ffmpeg could not cut the test clip");
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void randomBytesFailWithAReadableReason() {
        QByteArray noise(300'000, Qt::Uninitialized);
        QRandomGenerator generator(42);
        generator.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);
        const QString path = writeFile(m_media.filePath("noise.mp4"), noise);
        const auto video = uploadAndWait(path, "noise");
        QCOMPARE(video.value("status", ""), std::string("failed"));
        QCOMPARE(video["failure"].value("code", ""), std::string("media_unreadable"));
        const std::string message = video["failure"].value("message", "");
        qInfo("failure for random bytes: %s", message.c_str());
        QVERIFY2(message.find("not a video") != std::string::npos, message.c_str());
        QVERIFY(video["media_info"].is_null());
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDir(m_server.dataDir() + "/media/" + QString::fromStdString(video["id"])).exists(), 10000);
    }

    void textFileFails() {
        const QString path =
            writeFile(m_media.filePath("notes.txt"), QByteArray("Shopping list\n").repeated(2000));
        const auto video = uploadAndWait(path, "text");
        QCOMPARE(video.value("status", ""), std::string("failed"));
        QVERIFY(!video["failure"].value("code", "").empty());
        QVERIFY(!video["failure"].value("message", "").empty());
        qInfo("failure for a text file: %s", video["failure"].dump().c_str());
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDir(m_server.dataDir() + "/media/" + QString::fromStdString(video["id"])).exists(), 10000);
    }

    void emptyUploadCompletesAtCreationAndFails() {
        ApiClient api(m_server);
        auto user = api.signUp("empty");
        QVERIFY(user);
        const auto created = createUpload(api, user->access_token, 0, metadataPair("filename", "empty.mp4"));
        QCOMPARE(created.status, 201);
        const auto head = headUpload(api, user->access_token, header(created, "Location"));
        QCOMPARE(headerNumber(head, "Upload-Offset"), int64_t(0));
        QCOMPARE(headerNumber(head, "Upload-Length"), int64_t(0));
        const auto video = waitForVideoStatus(api, user->access_token, header(created, "Framecast-Video-Id"),
                                              {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("failed"));
    }

    void sameFileTwiceIsADuplicate() {
        ApiClient api(m_server);
        auto user = api.signUp("twice");
        QVERIFY(user);
        const auto first = uploadAndWait(m_clip, "first", &*user);
        QCOMPARE(first.value("status", ""), std::string("queued"));
        const auto second = uploadAndWait(m_clip, "second", &*user);
        QCOMPARE(second.value("status", ""), std::string("failed"));
        QCOMPARE(second["failure"].value("code", ""), std::string("duplicate_upload"));
        QCOMPARE(second.value("duplicate_of", ""), first.value("id", ""));
        // Others who may see the duplicate (made unlisted) read neither the earlier video's id nor its title
        // (it may be private): not in the failure, not in duplicate_of.
        const std::string secondId = second.value("id", "");
        QCOMPARE(api.call("PATCH", "/api/v1/videos/" + secondId, user->access_token,
                          nlohmann::json{{"visibility", "unlisted"}})
                     .status,
                 200);
        for (const auto& token : {std::string(), api.signUp("peek")->access_token}) {
            const auto seen = api.get("/api/v1/videos/" + secondId, token);
            QCOMPARE(seen.status, 200);
            QVERIFY(seen.json["duplicate_of"].is_null());
            QCOMPARE(seen.json["failure"].value("code", ""), std::string("duplicate_upload"));
            const std::string message = seen.json["failure"].value("message", "");
            QVERIFY2(message.find(first.value("id", "")) == std::string::npos, message.c_str());
            QVERIFY2(message.find("first") == std::string::npos, message.c_str()); // its title
            const auto status = api.get("/api/v1/videos/" + secondId + "/status", token);
            QCOMPARE(status.status, 200);
            QVERIFY(status.raw.body.find(first.value("id", "")) == std::string::npos);
        }
        // Reported, not stored twice: the first copy stays, the second is gone. The verdict is committed
        // before the clean-up (a crash between them is finished by the re-run), so the removal may trail it.
        QCOMPARE(fileSha256(sourceFile(m_server, first["id"])), fileSha256(m_clip));
        const QString secondDir = m_server.dataDir() + "/media/" + QString::fromStdString(second["id"]);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(secondDir).exists(), 10000);
        const auto again = api.get("/api/v1/videos/" + first.value("id", ""), user->access_token);
        QCOMPARE(again.json.value("status", ""), std::string("queued"));

        // Another user uploading the same film is not a duplicate.
        auto other = api.signUp("also");
        QVERIFY(other);
        QCOMPARE(uploadAndWait(m_clip, "other", &*other).value("status", ""), std::string("queued"));
    }

    void ingestRunAgainChangesNothing() {
        ApiClient api(m_server);
        auto user = api.signUp("rerun");
        QVERIFY(user);
        const auto video = uploadAndWait(m_clip, "rerun", &*user);
        QCOMPARE(video.value("status", ""), std::string("queued"));
        const std::string id = video["id"];
        DirectDatabase db(m_server.dataDir());
        // As if the job had been cut off by a crash and queued again.
        QVERIFY(db.exec("INSERT INTO jobs (kind, video_id, payload, run_after, created_at, updated_at) "
                        "VALUES ('ingest', ?, '{}', 0, 0, 0)",
                        {id}));
        QTRY_COMPARE_WITH_TIMEOUT(
            db.scalar("SELECT COUNT(*) FROM jobs WHERE video_id = ? AND kind = 'ingest' AND state = 'done'",
                      {id})
                .value_or(""),
            std::string("2"), 10000);
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM jobs WHERE video_id = ? AND kind = 'transcode'", {id})
                     .value_or(""),
                 std::string("1"));
        const auto after = api.get("/api/v1/videos/" + id, user->access_token);
        QCOMPARE(after.json.value("status", ""), std::string("queued"));
        QCOMPARE(after.json["source"].value("sha256", ""), fileSha256(m_clip));
    }

private:
    // Uploads path with the tus client as a fresh user (or the given one); returns the video once ingested.
    nlohmann::json uploadAndWait(const QString& path, const std::string& prefix,
                                 const SignedUpUser* as = nullptr) {
        ApiClient api(m_server);
        std::optional<SignedUpUser> fresh;
        if (!as) {
            fresh = api.signUp(prefix);
            if (!fresh)
                return {{"status", "sign-up failed"}};
            as = &*fresh;
        }
        TusClient tus(as->access_token);
        auto created = tus.create(m_server.url(kUploadsPath), QFileInfo(path).size(),
                                  {{"filename", QFileInfo(path).fileName().toStdString()}});
        if (!created)
            return {{"status", "create failed: " + created.error().message}};
        auto sent = tus.uploadFile(created->upload_url, path.toStdString(), 0);
        if (!sent)
            return {{"status", "upload failed: " + sent.error().message}};
        return waitForVideoStatus(api, as->access_token, created->video_id, {"queued", "failed"});
    }

    // Ingest only: these tests check the state an upload rests in before transcoding ('queued').
    TestServer m_server{{"--job-kinds", "ingest"}};
    QTemporaryDir m_media;
    QString m_clip;
};

QTEST_GUILESS_MAIN(TestUploadIngest)
#include "test_upload_ingest.moc"
