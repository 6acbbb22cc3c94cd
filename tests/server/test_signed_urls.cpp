// GET /videos/<id>/playback and the signed prefix /videos/<id>/s/<token>/...: a private video plays for its
// owner through the signed URLs without a bearer (ffmpeg as a real peer follows the master's relative URIs);
// others get 404; a tampered or expired token is 403; DASH through the signed prefix reads with ffprobe;
// files and storyboard resolve under the prefix; signed answers are never "public" in Cache-Control.
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "core/util/base64.h"
#include "core/util/hashing.h"
#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc;
using namespace fc::test;

namespace {

const QString kSecret = "test-signing-secret-0123456789";

// A token as the server would make one, for a chosen expiry (the test knows the server's secret).
std::string forgeToken(const std::string& video_id, int64_t expiry_s, const std::string& viewer) {
    const std::string message = video_id + "|" + std::to_string(expiry_s) + "|" + viewer;
    return std::to_string(expiry_s) + "." + viewer + "." +
           base64Encode(hmacSha256Raw(kSecret.toStdString(), message), Base64Alphabet::Url,
                        Base64Padding::Without);
}

int runFfmpeg(const std::string& url) {
    QProcess ffmpeg;
    ffmpeg.start("ffmpeg", {"-v", "error", "-i", QString::fromStdString(url), "-f", "null", "-"});
    ffmpeg.waitForFinished(120000);
    if (ffmpeg.exitCode() != 0)
        qWarning("ffmpeg: %s", ffmpeg.readAllStandardError().constData());
    return ffmpeg.exitStatus() == QProcess::NormalExit ? ffmpeg.exitCode() : -1;
}

} // namespace

class TestSignedUrls : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TestServer m_server{{"--url-signing-secret", kSecret}};
    QString m_clip;
    std::optional<SignedUpUser> m_owner;
    std::string m_privateId;

private slots:
    void initTestCase() {
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 20, 6, {"-vf", "scale=320:180"});
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        m_owner = api.signUp("signer");
        QVERIFY(m_owner);
        m_privateId = uploadWithTus(m_server, m_owner->access_token, m_clip, "private");
        QVERIFY(!m_privateId.empty());
        QCOMPARE(waitForVideoStatus(api, m_owner->access_token, m_privateId, {"ready", "failed"}, 120000)
                     .value("status", ""),
                 std::string("ready"));
    }

    void ownerPlaysPrivateVideoThroughSignedUrls() {
        ApiClient api(m_server);
        const auto playback = api.get("/api/v1/videos/" + m_privateId + "/playback", m_owner->access_token);
        QCOMPARE(playback.status, 200);
        const auto& json = playback.json;
        QCOMPARE(json.value("video_id", ""), m_privateId);
        QCOMPARE(json.value("playable", false), true);
        QCOMPARE(json.value("encrypted", true), false);
        QCOMPARE(json.value("expires_in_s", 0), 14400);
        QVERIFY(json.value("duration_s", 0.0) > 5.0);
        QVERIFY(!json.value("playback_session_id", "").empty());
        QCOMPARE(json.value("resume_position_s", -1.0), 0.0);
        const std::string hls = json.value("hls_url", "");
        const std::string prefix = "/api/v1/videos/" + m_privateId + "/s/";
        QVERIFY2(hls.rfind(prefix, 0) == 0 && hls.size() > prefix.size() + 20, hls.c_str());
        QVERIFY(hls.find("." + m_owner->id + ".") != std::string::npos); // the viewer is in the token
        QVERIFY(json["renditions"].is_array() && json["renditions"].size() >= 2);
        QCOMPARE(json["renditions"].back().value("kind", ""), std::string("audio"));
        QVERIFY(json["renditions"][0].value("width", 0) > 0);

        // No bearer: the signature is the credential. Signed answers are never public.
        const auto master = api.get(hls);
        QCOMPARE(master.status, 200);
        QCOMPARE(header(master, "Cache-Control"), std::string("private, max-age=60"));
        const std::string base = hls.substr(0, hls.rfind('/') + 1);
        const std::string rung = json["renditions"][0].value("id", "");
        const auto segment = api.get(base + rung + "/seg_00001.m4s");
        QCOMPARE(segment.status, 200);
        QCOMPARE(header(segment, "Cache-Control"), std::string("private, max-age=31536000, immutable"));
        QCOMPARE(segment.raw.body,
                 readFile(m_server.dataDir() + "/media/" + QString::fromStdString(m_privateId) + "/cmaf/" +
                          QString::fromStdString(rung) + "/seg_00001.m4s")
                     .toStdString());
        // The unsigned route still refuses strangers.
        QCOMPARE(api.get("/api/v1/videos/" + m_privateId + "/cmaf/master.m3u8").status, 404);

        // A real player follows the master's relative URIs under the signed prefix.
        QCOMPARE(runFfmpeg(m_server.url(hls)), 0);
        const int frames =
            ffprobeFrames(QString::fromStdString(m_server.url(json.value("dash_url", ""))), "v:0");
        QVERIFY2(frames >= 6 * 24 - 2, qPrintable(QString::number(frames)));

        // Storyboard VTT and its sheets (relative URIs) and the thumbnail resolve under the prefix too.
        const std::string vtt = json.value("storyboard_vtt_url", "");
        QVERIFY2(vtt.rfind(prefix, 0) == 0, vtt.c_str());
        const auto cues = api.get(vtt);
        QCOMPARE(cues.status, 200);
        const size_t sheet = cues.raw.body.find("sheet_");
        QVERIFY(sheet != std::string::npos);
        const std::string sheetName =
            cues.raw.body.substr(sheet, cues.raw.body.find_first_of("#\n", sheet) - sheet);
        QCOMPARE(api.get(vtt.substr(0, vtt.rfind('/') + 1) + sheetName).status, 200);
        const std::string thumbnail = json.value("thumbnail_url", "");
        QVERIFY2(thumbnail.rfind(prefix, 0) == 0, thumbnail.c_str());
        const auto image = api.get(thumbnail);
        QCOMPARE(image.status, 200);
        QCOMPARE(header(image, "Content-Type"), std::string("image/jpeg"));
    }

    void othersAreNotToldThePrivateVideoExists() {
        ApiClient api(m_server);
        auto other = api.signUp("nosy");
        QVERIFY(other);
        const auto refused = api.get("/api/v1/videos/" + m_privateId + "/playback", other->access_token);
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), std::string("video_not_found"));
        QCOMPARE(api.get("/api/v1/videos/" + m_privateId + "/playback").status, 404);
        // A well-signed token for an anonymous viewer still does not open a private video.
        const int64_t later = QDateTime::currentSecsSinceEpoch() + 600;
        QCOMPARE(api.get("/api/v1/videos/" + m_privateId + "/s/" + forgeToken(m_privateId, later, "-") +
                         "/cmaf/master.m3u8")
                     .status,
                 404);
        QCOMPARE(api.get("/api/v1/videos/nonexistent/playback").status, 404);
    }

    void tamperedAndExpiredTokensAreRefused() {
        ApiClient api(m_server);
        const auto playback = api.get("/api/v1/videos/" + m_privateId + "/playback", m_owner->access_token);
        QCOMPARE(playback.status, 200);
        std::string hls = playback.json.value("hls_url", "");
        const size_t s = hls.find("/s/") + 3;
        const size_t end = hls.find('/', s);
        const std::string token = hls.substr(s, end - s);
        const auto withToken = [&](const std::string& other) {
            return "/api/v1/videos/" + m_privateId + "/s/" + other + "/cmaf/master.m3u8";
        };
        QCOMPARE(api.get(withToken(token)).status, 200);

        std::string flipped = token;
        flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
        auto refused = api.get(withToken(flipped));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), std::string("invalid_signature"));
        // A longer expiry with the old signature is a bad signature, not a valid URL.
        const std::string extended = "9" + token;
        QCOMPARE(api.get(withToken(extended)).errorCode(), std::string("invalid_signature"));
        // Another video's token does not fit this one.
        QCOMPARE(api.get("/api/v1/videos/AAAAAAAAAAA/s/" + token + "/cmaf/master.m3u8").status, 403);
        QCOMPARE(api.get(withToken("garbage")).errorCode(), std::string("invalid_signature"));

        const int64_t past = QDateTime::currentSecsSinceEpoch() - 10;
        refused = api.get(withToken(forgeToken(m_privateId, past, m_owner->id)));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), std::string("url_expired"));
    }

    // The lifetime is configurable; a URL handed out with a 1 s lifetime stops working after it.
    void shortLifetimeExpires() {
        TestServer server({"--signed-url-ttl-s", "1"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        auto owner = api.signUp("ttl");
        QVERIFY(owner);
        DirectDatabase db(server.dataDir());
        QVERIFY(db.insertVideo({"ttlvideo001", owner->channel_id, owner->id, "Short", "public", "ready", 1}));
        QVERIFY(db.exec("UPDATE videos SET playable = 1 WHERE id = 'ttlvideo001'"));
        const auto playback = api.get("/api/v1/videos/ttlvideo001/playback");
        QCOMPARE(playback.status, 200);
        QCOMPARE(playback.json.value("expires_in_s", 0), 1);
        const std::string hls = playback.json.value("hls_url", "");
        QCOMPARE(api.get(hls).errorCode(), std::string("not_found")); // signed fine; no files in this row
        QThread::msleep(2100);
        const auto expired = api.get(hls);
        QCOMPARE(expired.status, 403);
        QCOMPARE(expired.errorCode(), std::string("url_expired"));
        // Nothing playable yet: 409.
        QVERIFY(db.exec("UPDATE videos SET playable = 0 WHERE id = 'ttlvideo001'"));
        const auto early = api.get("/api/v1/videos/ttlvideo001/playback");
        QCOMPARE(early.status, 409);
        QCOMPARE(early.errorCode(), std::string("not_playable"));
    }
};

QTEST_GUILESS_MAIN(TestSignedUrls)
#include "test_signed_urls.moc"
