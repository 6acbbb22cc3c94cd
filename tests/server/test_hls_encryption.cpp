// Per-video AES-128 HLS: the owner turns it on with PATCH {"hls_encryption": true}; then media playlists
// under the signed prefix carry EXT-X-KEY after EXT-X-MAP, segments go out AES-128-CBC encrypted (IV = media
// sequence number) and decrypt with the key from hls.key back to the file on disk byte for byte; ffmpeg plays
// it; clear segments and the DASH manifest are refused; the key is refused once the video turns private for
// an anonymous viewer.
#include <openssl/evp.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;

namespace {

std::string decryptAes128Cbc(const std::string& cipher, const std::string& key, uint64_t sequence) {
    unsigned char iv[16] = {};
    for (int i = 0; i < 8; ++i)
        iv[15 - i] = static_cast<unsigned char>(sequence >> (8 * i));
    EVP_CIPHER_CTX* context = EVP_CIPHER_CTX_new();
    std::string clear(cipher.size() + 16, '\0');
    int written = 0;
    int total = 0;
    bool ok = EVP_DecryptInit_ex(context, EVP_aes_128_cbc(), nullptr,
                                 reinterpret_cast<const unsigned char*>(key.data()), iv) == 1 &&
              EVP_DecryptUpdate(context, reinterpret_cast<unsigned char*>(clear.data()), &written,
                                reinterpret_cast<const unsigned char*>(cipher.data()),
                                static_cast<int>(cipher.size())) == 1;
    total = written;
    ok = ok &&
         EVP_DecryptFinal_ex(context, reinterpret_cast<unsigned char*>(clear.data()) + total, &written) == 1;
    EVP_CIPHER_CTX_free(context);
    if (!ok)
        return "<decryption failed>";
    clear.resize(static_cast<size_t>(total + written));
    return clear;
}

} // namespace

class TestHlsEncryption : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TestServer m_server;
    QString m_clip;

private slots:
    void initTestCase() {
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 20, 6, {"-vf", "scale=320:180"});
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }

    void encryptedVideoPlaysAndDecrypts() {
        ApiClient api(m_server);
        auto owner = api.signUp("crypt");
        auto other = api.signUp("crypto_other");
        QVERIFY(owner && other);
        const std::string id = uploadWithTus(m_server, owner->access_token, m_clip, "public");
        QVERIFY(!id.empty());
        QCOMPARE(
            waitForVideoStatus(api, owner->access_token, id, {"ready", "failed"}, 120000).value("status", ""),
            std::string("ready"));
        const std::string video = "/api/v1/videos/" + id;

        // Owner only, and only the owner sees the flag.
        QCOMPARE(
            api.call("PATCH", video, other->access_token, nlohmann::json{{"hls_encryption", true}}).status,
            403);
        QCOMPARE(
            api.call("PATCH", video, owner->access_token, nlohmann::json{{"hls_encryption", "yes"}}).status,
            400);
        const auto patched =
            api.call("PATCH", video, owner->access_token, nlohmann::json{{"hls_encryption", true}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value("hls_encryption", false), true);
        QVERIFY(!api.get(video).json.contains("hls_encryption"));

        const auto playback = api.get(video + "/playback"); // anonymous viewer of a public video
        QCOMPARE(playback.status, 200);
        QCOMPARE(playback.json.value("encrypted", false), true);
        QVERIFY(playback.json["dash_url"].is_null());
        const std::string hls = playback.json.value("hls_url", "");
        const std::string base = hls.substr(0, hls.rfind('/') + 1); // .../s/<token>/cmaf/
        const std::string rung = playback.json["renditions"][0].value("id", "");

        const auto playlist = api.get(base + rung + "/playlist.m3u8");
        QCOMPARE(playlist.status, 200);
        const std::string& text = playlist.raw.body;
        const size_t map = text.find("#EXT-X-MAP:");
        const size_t key = text.find("#EXT-X-KEY:METHOD=AES-128,URI=\"../hls.key\"");
        QVERIFY2(map != std::string::npos && key != std::string::npos && map < key, text.c_str());
        QVERIFY(key < text.find("#EXTINF:"));
        QCOMPARE(api.get(base + "manifest.mpd").status, 404);

        // The key, where ../hls.key resolves and at the prefix's root: 16 bytes, never cached.
        const auto keyReply = api.get(base + "hls.key");
        QCOMPARE(keyReply.status, 200);
        QCOMPARE(keyReply.raw.body.size(), size_t(16));
        QCOMPARE(header(keyReply, "Cache-Control"), std::string("no-store"));
        const std::string root = base.substr(0, base.size() - std::string("cmaf/").size());
        QCOMPARE(api.get(root + "hls.key").raw.body, keyReply.raw.body);

        // Segment 2: not an fMP4 box any more; decrypted with IV = its sequence number it is the file on
        // disk.
        const QString onDisk = m_server.dataDir() + "/media/" + QString::fromStdString(id) + "/cmaf/" +
                               QString::fromStdString(rung) + "/seg_00002.m4s";
        const std::string clear = readFile(onDisk).toStdString();
        QVERIFY(clear.size() > 1000);
        const auto segment = api.get(base + rung + "/seg_00002.m4s");
        QCOMPARE(segment.status, 200);
        QVERIFY(segment.raw.body.size() % 16 == 0 && segment.raw.body.size() > clear.size());
        const std::string boxType = segment.raw.body.substr(4, 4);
        for (const char* box : {"styp", "moof", "sidx", "ftyp", "emsg", "prft", "mdat"})
            QVERIFY(boxType != box);
        QCOMPARE(decryptAes128Cbc(segment.raw.body, keyReply.raw.body, 2), clear);
        // A Range on an encrypted segment gets the whole encrypted body.
        const auto ranged =
            api.call("GET", base + rung + "/seg_00002.m4s", {}, std::nullopt, {{"Range", "bytes=0-99"}});
        QCOMPARE(ranged.status, 200);
        QCOMPARE(ranged.raw.body, segment.raw.body);
        // The init segment stays clear.
        QCOMPARE(api.get(base + rung + "/init.mp4").raw.body.substr(4, 4), std::string("ftyp"));
        // Clear segments are refused on the unsigned route, for the owner too.
        const auto clearRoute = api.get(video + "/cmaf/" + rung + "/seg_00002.m4s", owner->access_token);
        QCOMPARE(clearRoute.status, 403);
        QCOMPARE(clearRoute.errorCode(), std::string("encrypted_video"));
        // Nor through a decoded NUL that would pass the suffix checks and be cut off when the file is opened.
        for (const char* disguised : {"/seg_00002.m4s%00.mp4", "/seg_00002.m4s%00"}) {
            const auto nul = api.get(video + "/cmaf/" + rung + disguised, owner->access_token);
            QCOMPARE(nul.status, 400);
            QCOMPARE(nul.errorCode(), std::string("bad_path"));
        }

        // A real player: ffmpeg fetches the key and decrypts every segment.
        QProcess ffmpeg;
        ffmpeg.start("ffmpeg",
                     {"-v", "error", "-i", QString::fromStdString(m_server.url(hls)), "-f", "null", "-"});
        QVERIFY(ffmpeg.waitForFinished(120000));
        QVERIFY2(ffmpeg.exitCode() == 0, ffmpeg.readAllStandardError().constData());
        const int frames = ffprobeFrames(QString::fromStdString(m_server.url(hls)), "v:0");
        QVERIFY2(frames >= 6 * 24 - 2, qPrintable(QString::number(frames)));

        // Made private: the anonymous token no longer gets the key (nor anything else); the owner's does.
        const auto ownerPlayback = api.get(video + "/playback", owner->access_token);
        QCOMPARE(ownerPlayback.status, 200);
        QCOMPARE(
            api.call("PATCH", video, owner->access_token, nlohmann::json{{"visibility", "private"}}).status,
            200);
        const auto refused = api.get(base + "hls.key");
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), std::string("video_not_found"));
        const std::string ownerHls = ownerPlayback.json.value("hls_url", "");
        QCOMPARE(api.get(ownerHls.substr(0, ownerHls.rfind('/') + 1) + "hls.key").raw.body,
                 keyReply.raw.body);

        // Turned off and on again: the same key (a key, once made, stays).
        QCOMPARE(
            api.call("PATCH", video, owner->access_token, nlohmann::json{{"hls_encryption", false}}).status,
            200);
        QCOMPARE(api.get(video + "/cmaf/" + rung + "/seg_00002.m4s", owner->access_token).raw.body, clear);
        QCOMPARE(
            api.call("PATCH", video, owner->access_token, nlohmann::json{{"hls_encryption", true}}).status,
            200);
        QCOMPARE(api.get(ownerHls.substr(0, ownerHls.rfind('/') + 1) + "hls.key").raw.body,
                 keyReply.raw.body);
    }
};

QTEST_GUILESS_MAIN(TestHlsEncryption)
#include "test_hls_encryption.moc"
