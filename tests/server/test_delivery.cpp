// The ladder's files over HTTP: manifests and segments at /api/v1/videos/<id>/cmaf/..., readable by ffmpeg
// as a real player would (relative URIs resolve), with content types and cache lifetimes; private videos'
// files for their owner only; nothing outside the ladder's directory is reachable.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;

class TestDelivery : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TestServer m_server;
    QString m_clip;

    std::string cmaf(const std::string& id, const std::string& rest) {
        return "/api/v1/videos/" + id + "/cmaf/" + rest;
    }

private slots:
    void initTestCase() {
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 20, 6, {"-vf", "scale=320:180"});
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }

    void publicVideoPlaysFromItsManifests() {
        ApiClient api(m_server);
        auto owner = api.signUp("deliver");
        QVERIFY(owner);
        const std::string id = uploadWithTus(m_server, owner->access_token, m_clip, "public");
        QVERIFY(!id.empty());
        const auto ready = waitForVideoStatus(api, owner->access_token, id, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));

        const auto master = api.get(cmaf(id, "master.m3u8"));
        QCOMPARE(master.status, 200);
        QCOMPARE(master.raw.header("Content-Type").value_or(""),
                 std::string("application/vnd.apple.mpegurl"));
        QVERIFY(master.raw.body.find("#EXT-X-STREAM-INF") != std::string::npos);
        const auto mpd = api.get(cmaf(id, "manifest.mpd"));
        QCOMPARE(mpd.status, 200);
        QCOMPARE(mpd.raw.header("Content-Type").value_or(""), std::string("application/dash+xml"));

        const std::string rung = ready["renditions"][0].value("id", "");
        QVERIFY(!rung.empty());
        const auto init = api.get(cmaf(id, rung + "/init.mp4"));
        QCOMPARE(init.status, 200);
        QCOMPARE(init.raw.header("Content-Type").value_or(""), std::string("video/mp4"));
        const auto segment = api.get(cmaf(id, rung + "/seg_00001.m4s"));
        QCOMPARE(segment.status, 200);
        QVERIFY(segment.raw.body.size() > 1000);
        QVERIFY(segment.raw.header("Cache-Control").value_or("").find("immutable") != std::string::npos);
        QVERIFY(master.raw.header("Cache-Control").value_or("").find("immutable") == std::string::npos);

        // A real client: ffprobe follows the master playlist's relative URIs over HTTP and decodes frames.
        const int frames =
            ffprobeFrames(QString::fromStdString(m_server.url(cmaf(id, rung + "/playlist.m3u8"))), "v:0");
        QVERIFY2(frames >= 6 * 24 - 2, qPrintable(QString::number(frames)));
    }

    void privateFilesAreTheOwnersAndNamesAreChecked() {
        ApiClient api(m_server);
        auto owner = api.signUp("privdeliver");
        auto other = api.signUp("stranger");
        QVERIFY(owner && other);
        const std::string id = uploadWithTus(m_server, owner->access_token, m_clip, "private");
        QVERIFY(!id.empty());
        QCOMPARE(
            waitForVideoStatus(api, owner->access_token, id, {"ready", "failed"}, 120000).value("status", ""),
            std::string("ready"));
        QCOMPARE(api.get(cmaf(id, "master.m3u8"), owner->access_token).status, 200);
        const auto anonymous = api.get(cmaf(id, "master.m3u8"));
        QCOMPARE(anonymous.status, 404);
        QCOMPARE(anonymous.errorCode(), std::string("video_not_found"));
        QCOMPARE(api.get(cmaf(id, "master.m3u8"), other->access_token).status, 404);
        const auto privateSegment = api.get(cmaf(id, "144p/init.mp4"), owner->access_token);
        QCOMPARE(privateSegment.status, 200);
        QVERIFY(privateSegment.raw.header("Cache-Control").value_or("").rfind("private", 0) == 0);

        for (const std::string bad : {"source", "..%2Fsource", "144p/..", ".hidden.m3u8", "144p/source",
                                      "144p/seg_00001.txt", "init.mp4"})
            QCOMPARE(api.get(cmaf(id, bad), owner->access_token).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestDelivery)
#include "test_delivery.moc"
