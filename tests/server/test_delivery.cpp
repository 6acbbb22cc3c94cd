// The ladder's files over HTTP: manifests and segments at /api/v1/videos/<id>/cmaf/..., readable by ffmpeg
// as a real player would (relative URIs resolve), with content types and cache lifetimes; private videos'
// files for their owner only; nothing outside the ladder's directory is reachable. Ranges (206/416), ETag
// and If-None-Match (304), If-Range and HEAD against the bytes on disk.
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
    std::string m_publicId;
    std::string m_rung;

    ApiReply fetch(ApiClient& api, const std::string& path, fc::transfer::HeaderList headers,
                   const std::string& method = "GET") {
        return api.call(method, path, {}, std::nullopt, std::move(headers));
    }
    QByteArray onDisk(const std::string& id, const std::string& relative) {
        return readFile(m_server.dataDir() + "/media/" + QString::fromStdString(id) + "/cmaf/" +
                        QString::fromStdString(relative));
    }

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
        m_publicId = id;
        m_rung = rung;
    }

    void rangesValidatorsAndHead() {
        QVERIFY(!m_publicId.empty());
        ApiClient api(m_server);
        const std::string segment = m_rung + "/seg_00001.m4s";
        const QByteArray file = onDisk(m_publicId, segment);
        QVERIFY(file.size() > 2000);
        const std::string path = cmaf(m_publicId, segment);
        const std::string size = std::to_string(file.size());

        const auto whole = fetch(api, path, {});
        QCOMPARE(whole.status, 200);
        QCOMPARE(header(whole, "Accept-Ranges"), std::string("bytes"));
        QCOMPARE(whole.raw.body, file.toStdString());
        const std::string etag = header(whole, "ETag");
        QVERIFY(etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        QVERIFY(whole.raw.header("Last-Modified").has_value());
        QCOMPARE(header(whole, "Cache-Control"), std::string("public, max-age=31536000, immutable"));

        const auto middle = fetch(api, path, {{"Range", "bytes=100-1099"}});
        QCOMPARE(middle.status, 206);
        QCOMPARE(middle.raw.body, file.mid(100, 1000).toStdString());
        QCOMPARE(header(middle, "Content-Range"), "bytes 100-1099/" + size);
        const auto open = fetch(api, path, {{"Range", "bytes=1000-"}});
        QCOMPARE(open.status, 206);
        QCOMPARE(open.raw.body, file.mid(1000).toStdString());
        const auto suffix = fetch(api, path, {{"Range", "bytes=-500"}});
        QCOMPARE(suffix.status, 206);
        QCOMPARE(suffix.raw.body, file.right(500).toStdString());
        QCOMPARE(header(suffix, "Content-Range"), "bytes " + std::to_string(file.size() - 500) + "-" +
                                                      std::to_string(file.size() - 1) + "/" + size);
        const auto beyond = fetch(api, path, {{"Range", "bytes=" + size + "-"}});
        QCOMPARE(beyond.status, 416);
        QCOMPARE(header(beyond, "Content-Range"), "bytes */" + size);
        QCOMPARE(beyond.errorCode(), std::string("range_not_satisfiable"));
        // Multi-range: answered with the whole file.
        const auto multi = fetch(api, path, {{"Range", "bytes=0-9,20-29"}});
        QCOMPARE(multi.status, 200);
        QCOMPARE(multi.raw.body.size(), static_cast<size_t>(file.size()));

        const auto cached = fetch(api, path, {{"If-None-Match", etag}});
        QCOMPARE(cached.status, 304);
        QVERIFY(cached.raw.body.empty());
        QCOMPARE(header(cached, "ETag"), etag);
        QCOMPARE(fetch(api, path, {{"If-None-Match", "\"other\""}}).status, 200);
        // If-Range: the range only while the validator still matches.
        QCOMPARE(fetch(api, path, {{"Range", "bytes=0-9"}, {"If-Range", etag}}).status, 206);
        const auto changed = fetch(api, path, {{"Range", "bytes=0-9"}, {"If-Range", "\"stale\""}});
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.raw.body.size(), static_cast<size_t>(file.size()));

        const auto head = fetch(api, path, {}, "HEAD");
        QCOMPARE(head.status, 200);
        QCOMPARE(header(head, "Content-Length"), size);
        QCOMPARE(header(head, "ETag"), etag);
        QVERIFY(head.raw.body.empty());
        const auto headRange = fetch(api, path, {{"Range", "bytes=0-99"}}, "HEAD");
        QCOMPARE(headRange.status, 206);
        QCOMPARE(header(headRange, "Content-Length"), std::string("100"));

        // Cache lifetimes by kind: the finished video's playlists a minute, init segments immutable.
        QCOMPARE(header(fetch(api, cmaf(m_publicId, "master.m3u8"), {}), "Cache-Control"),
                 std::string("public, max-age=60"));
        QCOMPARE(header(fetch(api, cmaf(m_publicId, m_rung + "/playlist.m3u8"), {}), "Cache-Control"),
                 std::string("public, max-age=60"));
        QCOMPARE(header(fetch(api, cmaf(m_publicId, m_rung + "/init.mp4"), {}), "Cache-Control"),
                 std::string("public, max-age=31536000, immutable"));
        const auto playlist =
            fetch(api, cmaf(m_publicId, m_rung + "/playlist.m3u8"), {{"Range", "bytes=0-6"}});
        QCOMPARE(playlist.status, 206);
        QCOMPARE(playlist.raw.body, std::string("#EXTM3U"));
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
