// The storage quota counts every source the server keeps: a video whose transcode failed keeps its source
// (the owner may still look at it, then delete it), so it counts until deleted; an upload refused at ingest
// has its bytes removed, so it does not count.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using nlohmann::json;

namespace {

void terminateUpload(ApiClient& api, const std::string& token, const ApiReply& created) {
    transfer::HttpCall remove;
    remove.method = "DELETE";
    remove.url = header(created, "Location");
    remove.headers = tusHeaders(token);
    QCOMPARE(api.raw(remove).status, 204);
}

} // namespace

class TestQuotaFailedSources : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // A faststart MP4 cut in half passes the ingest probe and fails in the transcode (source_truncated).
        const QString whole = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 30, 8,
                                       {"-c", "copy", "-movflags", "+faststart"}, "whole.mp4");
        QVERIFY(!whole.isEmpty());
        const QByteArray bytes = readFile(whole);
        m_cut = writeFile(m_dir.filePath("cut.mp4"), bytes.left(bytes.size() / 2));
        QVERIFY(!m_cut.isEmpty());
    }

    void failedTranscodeCountsUntilDeleted() {
        const int64_t cutBytes = QFileInfo(m_cut).size();
        const int64_t quota = cutBytes + 100'000;
        TestServer server({"--quota-bytes", QString::number(quota)});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("retrier");
        QVERIFY(user);
        const std::string id = uploadWithTus(server, user->access_token, m_cut);
        QVERIFY(!id.empty());
        const json video = waitForVideoStatus(api, user->access_token, id, {"ready", "failed"}, 120000);
        QCOMPARE(video.value("status", ""), std::string("failed"));
        QCOMPARE(video["failure"].value("code", ""), std::string("source_truncated"));
        QVERIFY(QFileInfo::exists(sourceFile(server, id)));

        // The failed video's source is still on disk, so it still takes its share of the quota.
        const ApiReply over = createUpload(api, user->access_token, 200'000);
        QCOMPARE(over.status, 413);
        QCOMPARE(over.errorCode(), std::string("quota_exceeded"));

        QCOMPARE(api.call("DELETE", "/api/v1/videos/" + id, user->access_token).status, 204);
        QVERIFY(!QFileInfo::exists(sourceFile(server, id)));
        const ApiReply whole = createUpload(api, user->access_token, quota);
        QCOMPARE(whole.status, 201);
        terminateUpload(api, user->access_token, whole);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void uploadRefusedAtIngestDoesNotCount() {
        const int64_t quota = 400'000;
        TestServer server({"--job-kinds", "ingest", "--quota-bytes", QString::number(quota)});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto user = api.signUp("noisy");
        QVERIFY(user);
        QByteArray noise(300'000, Qt::Uninitialized);
        QRandomGenerator generator(7);
        generator.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);
        const std::string id =
            uploadWithTus(server, user->access_token, writeFile(m_dir.filePath("noise.mp4"), noise));
        QVERIFY(!id.empty());
        const json video = waitForVideoStatus(api, user->access_token, id, {"queued", "failed"});
        QCOMPARE(video.value("status", ""), std::string("failed"));
        QCOMPARE(video["failure"].value("code", ""), std::string("media_unreadable"));
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(sourceFile(server, id)), 10000);

        const ApiReply whole = createUpload(api, user->access_token, quota);
        QCOMPARE(whole.status, 201);
        terminateUpload(api, user->access_token, whole);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

private:
    QTemporaryDir m_dir;
    QString m_cut;
};

QTEST_GUILESS_MAIN(TestQuotaFailedSources)
#include "test_quota_failed_sources.moc"
