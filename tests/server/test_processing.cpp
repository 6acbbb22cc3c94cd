// The processing pipeline through the real server: an upload becomes playable while it is processed, then
// ready with renditions, manifests, thumbnails and a storyboard; the owner picks a thumbnail; a server killed
// mid-transcode finishes the job after restart; a damaged source fails with a readable reason.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "core/transfer/tus_client.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "tests/support/ws_client.h"

using namespace fc::test;
using fc::transfer::TusClient;
using nlohmann::json;

namespace {

struct Uploaded {
    std::string video_id;
};

std::optional<Uploaded> upload(const TestServer& server, const SignedUpUser& user, const QString& file,
                               const std::string& visibility = "public") {
    std::string id = uploadWithTus(server, user.access_token, file, visibility);
    if (id.empty())
        return std::nullopt;
    return Uploaded{std::move(id)};
}

json waitForStatus(ApiClient& api, const std::string& token, const std::string& id,
                   const std::set<std::string>& statuses, int timeout_ms = 120000) {
    QElapsedTimer timer;
    timer.start();
    json last;
    while (timer.elapsed() < timeout_ms) {
        const ApiReply reply = api.get("/api/v1/videos/" + id + "/status", token);
        last = reply.json;
        if (reply.status == 200 && statuses.count(reply.json.value("status", "")))
            return last;
        QThread::msleep(100);
    }
    return last;
}

} // namespace

class TestProcessing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 30, 9);
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void uploadBecomesPlayableThenReady() {
        ApiClient api(m_server);
        auto owner = api.signUp("creator");
        QVERIFY(owner);
        // Watch the status topic: we must see playable=true while still processing, then ready.
        WsClient ws;
        QVERIFY(ws.open(m_server, owner->access_token));
        TusClient tus(owner->access_token);
        auto created = tus.create(m_server.url(kUploadsPath), QFileInfo(m_clip).size(),
                                  {{"filename", "bbb.mp4"}, {"visibility", "public"}});
        QVERIFY(created);
        const std::string id = created->video_id;
        const std::string topic = "video:" + id + ":status";
        QCOMPARE(ws.subscribe(topic).value("type", ""), std::string("subscribed"));
        QVERIFY(tus.uploadFile(created->upload_url, m_clip.toStdString(), 0));

        const json done = waitForStatus(api, owner->access_token, id, {"ready", "failed"});
        QCOMPARE(done.value("status", ""), std::string("ready"));
        QCOMPARE(done.value("progress", 0.0), 1.0);
        QVERIFY(done.value("playable", false));
        m_videoId = id;
        m_owner = *owner;

        bool playableWhileProcessing = false;
        bool sawReady = false;
        (void)ws.quietFor(300);
        for (const json& event : ws.all("status_changed")) {
            const json& data = event["data"];
            if (data.value("status", "") == "processing" && data.value("playable", false))
                playableWhileProcessing = !sawReady;
            if (data.value("status", "") == "ready")
                sawReady = true;
        }
        QVERIFY2(playableWhileProcessing, "no 'processing, playable' event before 'ready'");
        QVERIFY(sawReady);
        QVERIFY(!ws.all("processing_progress").empty());

        const ApiReply video = api.get("/api/v1/videos/" + id);
        QCOMPARE(video.status, 200);
        QVERIFY(video.json.value("playable", false));
        QStringList renditions;
        for (const json& r : video.json["renditions"])
            renditions << QString::fromStdString(r.value("id", ""));
        QCOMPARE(renditions, QStringList({"144p", "240p", "360p", "audio"}));
        QVERIFY(video.json["thumbnail_url"].is_string());
        QVERIFY(video.json["storyboard"]["vtt_url"].is_string());

        // The manifests on disk are read by ffprobe and every video frame of the source is in the top rung.
        const QString cmaf = m_server.dataDir() + "/media/" + QString::fromStdString(id) + "/cmaf";
        QVERIFY(QFileInfo::exists(cmaf + "/master.m3u8"));
        QVERIFY(QFileInfo::exists(cmaf + "/manifest.mpd"));
        QFile playlist(cmaf + "/360p/playlist.m3u8");
        QVERIFY(playlist.open(QIODevice::ReadOnly));
        const QString media = QString::fromUtf8(playlist.readAll());
        QVERIFY(media.contains("#EXT-X-PLAYLIST-TYPE:VOD"));
        QVERIFY(media.contains("#EXT-X-ENDLIST"));
        const int sourceFrames = ffprobeFrames(m_clip, "v:0");
        QVERIFY(sourceFrames > 200);
        QCOMPARE(ffprobeFrames(cmaf + "/360p/playlist.m3u8", "v:0"), sourceFrames);
    }

    void thumbnailsCanBeChosenByTheOwnerOnly() {
        QVERIFY(!m_videoId.empty());
        ApiClient api(m_server);
        const ApiReply list = api.get("/api/v1/videos/" + m_videoId + "/thumbnails");
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json["items"].size(), size_t(5));
        int selected = 0;
        for (const json& item : list.json["items"])
            selected += item.value("selected", false) ? 1 : 0;
        QCOMPARE(selected, 1);

        const ApiReply image = api.get(list.json["items"][1].value("url", ""));
        QCOMPARE(image.status, 200);
        QCOMPARE(*image.raw.header("Content-Type"), std::string("image/jpeg"));
        QVERIFY(image.raw.body.size() > 1000);

        auto stranger = api.signUp("stranger");
        QCOMPARE(api.call("PUT", "/api/v1/videos/" + m_videoId + "/thumbnail", stranger->access_token,
                          json{{"position", 2}})
                     .status,
                 403);
        const ApiReply chosen = api.call("PUT", "/api/v1/videos/" + m_videoId + "/thumbnail",
                                         m_owner.access_token, json{{"position", 2}});
        QCOMPARE(chosen.status, 200);
        QCOMPARE(api.get("/api/v1/videos/" + m_videoId).json.value("thumbnail_url", ""),
                 list.json["items"][1].value("url", ""));
        QCOMPARE(api.call("PUT", "/api/v1/videos/" + m_videoId + "/thumbnail", m_owner.access_token,
                          json{{"position", 9}})
                     .status,
                 404);

        // A custom image (a real JPEG made by ffmpeg) replaces the generated one.
        const QString jpeg = m_dir.filePath("custom.jpg");
        QProcess ffmpeg;
        ffmpeg.start("ffmpeg", {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180",
                                "-frames:v", "1", jpeg});
        QVERIFY(ffmpeg.waitForFinished(30000) && ffmpeg.exitCode() == 0);
        QFile file(jpeg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        fc::transfer::HttpCall call;
        call.method = "PUT";
        call.url = "/api/v1/videos/" + m_videoId + "/thumbnail";
        call.headers = {{"Authorization", "Bearer " + m_owner.access_token}, {"Content-Type", "image/jpeg"}};
        call.body = file.readAll().toStdString();
        const ApiReply custom = api.raw(call);
        QCOMPARE(custom.status, 200);
        const std::string customUrl = custom.json.value("thumbnail_url", "");
        QCOMPARE(api.get(customUrl).raw.body, call.body);
        QCOMPARE(api.get("/api/v1/videos/" + m_videoId + "/thumbnails").json.value("custom_url", ""),
                 customUrl);
    }

    void storyboardIndexIsServed() {
        ApiClient api(m_server);
        const std::string vtt =
            api.get("/api/v1/videos/" + m_videoId).json["storyboard"].value("vtt_url", "");
        const ApiReply index = api.get(vtt);
        QCOMPARE(index.status, 200);
        QVERIFY(index.raw.body.rfind("WEBVTT", 0) == 0);
        QVERIFY(index.raw.body.find("sheet_001.jpg#xywh=0,0,160,90") != std::string::npos);
        QCOMPARE(api.get("/api/v1/videos/" + m_videoId + "/files/storyboard/sheet_001.jpg").status, 200);
        QCOMPARE(api.get("/api/v1/videos/" + m_videoId + "/files/cmaf/..%2Fsource").status, 404);
    }

    void privateVideosProcessingIsTheOwnersBusiness() {
        ApiClient api(m_server);
        auto owner = api.signUp("private");
        auto uploaded = upload(m_server, *owner, m_clip, "private");
        QVERIFY(uploaded);
        QCOMPARE(waitForStatus(api, owner->access_token, uploaded->video_id, {"ready", "failed"})
                     .value("status", ""),
                 std::string("ready"));
        QCOMPARE(api.get("/api/v1/videos/" + uploaded->video_id + "/status").status, 404);
        QCOMPARE(api.get("/api/v1/videos/" + uploaded->video_id + "/thumbnails").status, 404);
        QCOMPARE(api.get("/api/v1/videos/" + uploaded->video_id + "/files/thumbs/thumb_1.jpg").status, 404);
        QCOMPARE(
            api.get("/api/v1/videos/" + uploaded->video_id + "/files/thumbs/thumb_1.jpg", owner->access_token)
                .status,
            200);
    }

    void truncatedSourceFailsWithAReason() {
        const QString whole =
            makeClip(m_dir.path(), m_clip, 0, 8, {"-c", "copy", "-movflags", "+faststart"}, "whole.mp4");
        const QByteArray bytes = readFile(whole);
        const QString cut = writeFile(m_dir.filePath("cut.mp4"), bytes.left(bytes.size() / 2));
        ApiClient api(m_server);
        auto owner = api.signUp("cutoff");
        auto uploaded = upload(m_server, *owner, cut);
        QVERIFY(uploaded);
        const json status = waitForStatus(api, owner->access_token, uploaded->video_id, {"ready", "failed"});
        QCOMPARE(status.value("status", ""), std::string("failed"));
        QCOMPARE(status["failure"].value("code", ""), std::string("source_truncated"));
        QVERIFY(status["failure"].value("message", "").find("ends early") != std::string::npos);
        QVERIFY(!QFileInfo::exists(m_server.dataDir() + "/media/" +
                                   QString::fromStdString(uploaded->video_id) + "/cmaf"));
        QCOMPARE(api.get("/healthz").status, 200);
    }

    void killedMidTranscodeFinishesAfterRestart() {
        // A slower preset and a longer clip leave time to kill the server once the first segments exist.
        TestServer server({"--transcode-preset", "medium"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        const QString longer =
            makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 0, 40, {}, "bbb40.mp4");
        ApiClient api(server);
        auto owner = api.signUp("survivor");
        auto uploaded = upload(server, *owner, longer);
        QVERIFY(uploaded);
        const std::string id = uploaded->video_id;
        QElapsedTimer timer;
        timer.start();
        json status;
        while (timer.elapsed() < 120000) {
            status = api.get("/api/v1/videos/" + id + "/status", owner->access_token).json;
            if (status.value("playable", false) || status.value("status", "") == "ready")
                break;
            QThread::msleep(50);
        }
        QCOMPARE(status.value("status", ""), std::string("processing"));
        server.kill();

        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient again(server);
        const json done = waitForStatus(again, owner->access_token, id, {"ready", "failed"}, 240000);
        QCOMPARE(done.value("status", ""), std::string("ready"));
        const QString cmaf = server.dataDir() + "/media/" + QString::fromStdString(id) + "/cmaf";
        QCOMPARE(ffprobeFrames(cmaf + "/144p/playlist.m3u8", "v:0"), ffprobeFrames(longer, "v:0"));
        QVERIFY(server.log().contains("requeued 1 jobs"));
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    TestServer m_server;
    std::string m_videoId;
    SignedUpUser m_owner;
};

QTEST_GUILESS_MAIN(TestProcessing)
#include "test_processing.moc"
