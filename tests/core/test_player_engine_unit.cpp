// The player engine's parts without a server: the A/V sync maths (clock from audio spans across speed
// changes, frame show/drop decisions), AES-128 HLS segments (a real CMAF segment encrypted with OpenSSL,
// found through a playlist with EXT-X-KEY, decrypted with the sequence-number IV and decoded), and the audio
// path (resample to S16 stereo 48 kHz, atempo at 0.25x / 2x keeps media time), and refused answers sorted by
// what they mean for a session, with messages that name no URL.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

#include "core/playback/audio_pipeline.h"
#include "core/playback/av_sync.h"
#include "core/playback/fetch_failure.h"
#include "core/playback/segment_crypto.h"
#include "core/playback/segment_decoder.h"
#include "core/streaming/hls_parser.h"

using namespace fc::playback;

namespace {

std::string readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

// A short CMAF HLS ladder of one rendition made by the ffmpeg CLI (2 s segments, fMP4).
bool makeCmaf(const QString& dir, const QStringList& input, const QStringList& codec) {
    QProcess ffmpeg;
    QStringList args = {"-hide_banner", "-loglevel", "error", "-y"};
    args << input << codec
         << QStringList{"-f",
                        "hls",
                        "-hls_time",
                        "2",
                        "-hls_playlist_type",
                        "vod",
                        "-hls_segment_type",
                        "fmp4",
                        "-hls_fmp4_init_filename",
                        "init.mp4",
                        "-hls_segment_filename",
                        dir + "/seg_%05d.m4s",
                        dir + "/playlist.m3u8"};
    ffmpeg.start("ffmpeg", args);
    return ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0;
}

} // namespace

class TestPlayerEngineUnit : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void clockFollowsAudioSpansAcrossSpeedChanges() {
        std::deque<sync::AudioSpan> spans;
        QVERIFY(!sync::mediaTimeAtPlayedFrames(spans, 0).has_value());
        spans.push_back({0, 48000, 10.0, 1.0});     // 1 s of output = 1 s of media from 10 s
        spans.push_back({48000, 48000, 11.0, 2.0}); // then 1 s of output at 2x = 2 s of media
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 0), 10.0);
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 24000), 10.5);
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 48000), 11.0);
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 72000), 12.0);
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 500000), 13.0); // past the end: held at the end
        sync::trimPlayedSpans(spans, 60000);
        QCOMPARE(spans.size(), size_t(1));
        QCOMPARE(*sync::mediaTimeAtPlayedFrames(spans, 72000), 12.0);
        QCOMPARE(sync::wallClockMediaTime(5.0, 2.0, 0.5), 6.0);
        QCOMPARE(sync::wallSecondsUntilDue(7.0, 6.0, 2.0), 0.5);
    }

    void framesAreShownWhenDueAndDroppedWhenLate() {
        const double interval = 1.0 / 25;
        QCOMPARE(sync::frameAction(1.0, 1.04, 0.99, interval), sync::FrameAction::Wait);
        QCOMPARE(sync::frameAction(1.0, 1.04, 1.0, interval), sync::FrameAction::Present);
        QCOMPARE(sync::frameAction(1.0, 1.04, 1.03, interval),
                 sync::FrameAction::Present);                                            // late < 1 interval
        QCOMPARE(sync::frameAction(1.0, 1.04, 1.05, interval), sync::FrameAction::Drop); // next one is due
        QCOMPARE(sync::frameAction(1.0, 1.08, 1.05, interval),
                 sync::FrameAction::Present); // next not due yet
        QCOMPARE(sync::frameAction(1.0, std::nullopt, 2.0, interval), sync::FrameAction::Present);
    }

    void aesSegmentsFromAPlaylistDecryptAndDecode() {
        const QString dir = m_dir.path() + "/aes";
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(makeCmaf(dir, {"-f", "lavfi", "-i", "testsrc=size=160x90:rate=25", "-t", "4"},
                         {"-c:v", "libx264", "-g", "50", "-pix_fmt", "yuv420p"}));
        const std::string clear_playlist = readAll(dir + "/playlist.m3u8");
        QVERIFY(!clear_playlist.empty());
        // The key tag after EXT-X-MAP, no IV: the IV is each segment's media sequence number (RFC 8216 5.2).
        const std::string key(16, '\x2a');
        std::string playlist;
        for (const QString& line : QString::fromStdString(clear_playlist).split('\n')) {
            playlist += line.toStdString() + "\n";
            if (line.startsWith("#EXT-X-MAP"))
                playlist += "#EXT-X-KEY:METHOD=AES-128,URI=\"../hls.key\"\n";
        }
        std::map<std::string, std::string> files = {
            {"master.m3u8",
             "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=160x90,CODECS=\"avc1.64000c\"\n"
             "v/playlist.m3u8\n"},
            {"v/playlist.m3u8", playlist}};
        auto presentation = fc::streaming::loadHlsPresentation(
            "master.m3u8", [&](const std::string& uri) -> fc::Result<std::string> {
                if (!files.count(uri))
                    return fc::makeError("not_found", uri);
                return files[uri];
            });
        QVERIFY2(presentation.ok(), presentation.ok() ? "" : presentation.error().message.c_str());
        const fc::streaming::Rendition& video = presentation->renditions.at(0);
        QCOMPARE(int(video.segments.size()), 2);
        auto init = std::make_shared<const std::string>(readAll(dir + "/init.mp4"));
        SegmentDecoder decoder;
        int frames = 0;
        double last_pts = -1;
        double first_pts = -1;
        for (const fc::streaming::Segment& segment : video.segments) {
            QCOMPARE(segment.key_uri, std::string("hls.key")); // "../hls.key" from "v/playlist.m3u8"
            QCOMPARE(int(segment.key_iv.size()), 16);
            QCOMPARE(int(static_cast<unsigned char>(segment.key_iv[15])), segment.number);
            const std::string clear =
                readAll(dir + "/" + QString::fromStdString(segment.uri).section('/', -1));
            QVERIFY(clear.size() > 100);
            auto encrypted = encryptAes128Cbc(clear, key, segment.key_iv);
            QVERIFY(encrypted.ok());
            QVERIFY(*encrypted != clear);
            // The wrong key never yields the clear bytes.
            auto wrong = decryptAes128Cbc(*encrypted, std::string(16, '\x01'), segment.key_iv);
            QVERIFY(!wrong.ok() || *wrong != clear);
            auto decrypted = decryptAes128Cbc(*encrypted, key, segment.key_iv);
            QVERIFY(decrypted.ok());
            QVERIFY(*decrypted == clear);
            auto decoded = decoder.decode(init, *decrypted, [&](fc::media::FramePtr frame, double pts_s) {
                DecodedVideoFrame picture(std::move(frame), std::llround(pts_s * 1e6));
                if (picture.width() == 160 && picture.height() == 90 && picture.plane(2) && pts_s > last_pts)
                    ++frames;
                if (first_pts < 0)
                    first_pts = pts_s;
                last_pts = pts_s;
                return true;
            });
            QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        }
        QCOMPARE(frames, 100); // 4 s at 25 fps, timestamps increasing across the two segments
        QVERIFY2(std::fabs(last_pts - first_pts - 3.96) < 0.01, qPrintable(QString::number(last_pts)));
    }

    void explicitIvAndUnsupportedMethods() {
        auto parsed = fc::streaming::parseHlsMedia(
            "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:7\n"
            "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x000102030405060708090A0B0C0D0E0F\n#EXTINF:4,\na.m4s\n"
            "#EXT-X-KEY:METHOD=NONE\n#EXTINF:4,\nb.m4s\n");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->segments[0].key_uri, std::string("k"));
        QCOMPARE(int(parsed->segments[0].key_iv[15]), 15);
        QVERIFY(parsed->segments[1].key_uri.empty());
        QVERIFY(!fc::streaming::parseHlsMedia("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=AES-128\n")
                     .ok());
        QVERIFY(!fc::streaming::parseHlsMedia("#EXTM3U\n#EXT-X-TARGETDURATION:4\n"
                                              "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x12\n")
                     .ok());
    }

    // Refused answers sorted by what they mean for the session; messages for people carry no URL.
    void refusedAnswersAreSortedAndNameNoUrl() {
        QCOMPARE(httpFailure(403, R"({"error": {"code": "url_expired", "message": "…"}})").code,
                 std::string(kUrlExpired));
        QCOMPARE(httpFailure(403, R"({"error": {"code": "invalid_signature"}})").code,
                 std::string(kAccessRefused));
        QCOMPARE(httpFailure(403, "<html>forbidden</html>").code, std::string(kAccessRefused));
        QCOMPARE(httpFailure(404, "").code, std::string(kNotAvailable));
        QCOMPARE(httpFailure(410, "").code, std::string(kNotAvailable));
        const fc::Error server = httpFailure(503, "");
        QCOMPARE(server.code, std::string(kHttpError));
        QCOMPARE(server.message, std::string("HTTP 503"));
        QVERIFY(isExpiredUrl(httpFailure(403, R"({"error": {"code": "url_expired"}})")));
        QVERIFY(isPermanent(httpFailure(404, "")) && isPermanent(httpFailure(403, "")));
        QVERIFY(!isPermanent(server) && !isPermanent(fc::makeError("timeout", "the request timed out")));
        QCOMPARE(describeFailure(fc::makeError(std::string(kUrlExpired), "loading http://h/x: HTTP 403")),
                 std::string("the playback link has expired"));
        QCOMPARE(
            withoutUrls("loading http://127.0.0.1:8080/api/v1/videos/v/s/1763.u.sig/cmaf/master.m3u8?a=1: "
                        "HTTP 500"),
            std::string("loading master.m3u8: HTTP 500"));
        QCOMPARE(withoutUrls("(https://h/s/t/) and https://h/s/t/360p/seg_00002.m4s."),
                 std::string("(…) and seg_00002.m4s."));
        QCOMPARE(withoutUrls("no address here"), std::string("no address here"));
    }

    void audioIsResampledAndStretchedKeepingMediaTime_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("2x") << 2.0;
        QTest::newRow("0.25x") << 0.25;
    }
    void audioIsResampledAndStretchedKeepingMediaTime() {
        QFETCH(double, speed);
        const QString dir = m_dir.path() + "/audio";
        if (!QFileInfo::exists(dir + "/init.mp4")) {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(makeCmaf(dir, {"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "4"},
                             {"-c:a", "aac", "-b:a", "96k", "-ac", "2"}));
        }
        auto init = std::make_shared<const std::string>(readAll(dir + "/init.mp4"));
        SegmentDecoder decoder;
        AudioPipeline pipeline;
        std::vector<AudioChunk> chunks;
        double input_s = 0;
        for (const char* name : {"/seg_00000.m4s", "/seg_00001.m4s"}) {
            const std::string data = readAll(dir + name);
            if (data.empty())
                continue;
            auto decoded = decoder.decode(init, data, [&](fc::media::FramePtr frame, double pts_s) {
                input_s += double(frame->nb_samples) / frame->sample_rate;
                return pipeline.push(frame.get(), pts_s, speed, chunks).ok();
            });
            QVERIFY(decoded.ok());
        }
        QVERIFY(pipeline.finish(chunks).ok());
        QVERIFY(input_s > 3.9);
        int64_t frames = 0;
        double expected_start = chunks.empty() ? 0 : chunks.front().media_start_s;
        for (const AudioChunk& chunk : chunks) {
            QCOMPARE(int64_t(chunk.samples.size()), chunk.frames * 2);
            QVERIFY(std::fabs(chunk.media_start_s - expected_start) < 1e-6); // contiguous media time
            expected_start = chunk.media_start_s + double(chunk.frames) * speed / 48000;
            frames += chunk.frames;
        }
        const double expected_frames = input_s * 48000 / speed;
        QVERIFY2(std::fabs(double(frames) - expected_frames) < 0.03 * expected_frames,
                 qPrintable(QString("%1 vs %2").arg(frames).arg(expected_frames)));
        QVERIFY(std::fabs(expected_start - input_s) < 0.1); // media time covered = the input's
    }
};

QTEST_GUILESS_MAIN(TestPlayerEngineUnit)
#include "test_player_engine_unit.moc"
