// core/streaming: HLS and DASH writers and parsers over one presentation model. Round trips through our own
// writers and parsers, manifests that ffmpeg's muxers wrote parsed by ours, and ffprobe/ffmpeg (independent
// readers) playing the manifests we write over the transcoder's real segments. Malformed input:
// test_manifest_robustness.cpp.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"
#include "core/streaming/dash_parser.h"
#include "core/streaming/dash_writer.h"
#include "core/streaming/hls_parser.h"
#include "core/streaming/hls_writer.h"
#include "core/streaming/manifest_text.h"
#include "core/streaming/presentation_builder.h"
#include "core/streaming/uri.h"
#include "tests/core/manifest_fixtures.h"
#include "tests/support/test_server.h"

using namespace fc::streaming;
using namespace fc::test;

namespace {

enum class Format { Hls = 1, Dash };

fc::Result<std::string> readFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return fc::makeError("not_found", path);
    return file.readAll().toStdString();
}

void compareModels(const Presentation& parsed, const Presentation& original, Format format) {
    QCOMPARE(parsed.state, original.state);
    QCOMPARE(parsed.renditions.size(), original.renditions.size());
    for (size_t i = 0; i < original.renditions.size(); ++i) {
        const Rendition& a = parsed.renditions[i];
        const Rendition& b = original.renditions[i];
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.kind, b.kind);
        QCOMPARE(a.codecs, b.codecs);
        QCOMPARE(a.bandwidth_bps, b.bandwidth_bps);
        QCOMPARE(a.width, b.width);
        QCOMPARE(a.height, b.height);
        QCOMPARE(a.frame_rate, b.frame_rate);
        QCOMPARE(a.channels, b.channels);
        QCOMPARE(a.init_uri, b.init_uri);
        QCOMPARE(a.segments.size(), b.segments.size());
        if (format == Format::Hls) {
            QCOMPARE(a.average_bandwidth_bps, b.average_bandwidth_bps);
            QCOMPARE(a.playlist_uri, b.playlist_uri);
        } else {
            QCOMPARE(a.sample_rate_hz, b.sample_rate_hz);
            QCOMPARE(a.timescale, b.timescale);
            QCOMPARE(a.segment_template, b.segment_template);
        }
        for (size_t s = 0; s < b.segments.size(); ++s) {
            const Segment& x = a.segments[s];
            const Segment& y = b.segments[s];
            QCOMPARE(x.number, y.number);
            QCOMPARE(x.uri, y.uri);
            const double parsed_s = double(x.duration) / a.timescale;
            const double original_s = double(y.duration) / b.timescale;
            QVERIFY2(std::abs(parsed_s - original_s) <= 1e-6, qPrintable(QString::fromStdString(y.uri)));
            if (format == Format::Dash) { // DASH keeps the timeline exactly
                QCOMPARE(x.start, y.start);
                QCOMPARE(x.duration, y.duration);
            }
        }
        QVERIFY(std::abs(a.durationSeconds() - b.durationSeconds()) < 1e-5);
    }
}

QString runTool(const QString& tool, const QStringList& args, int* exit_code, QString* errors = nullptr) {
    QProcess process;
    process.start(tool, args);
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        *exit_code = -1;
        return {};
    }
    *exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (errors)
        *errors = QString::fromUtf8(process.readAllStandardError());
    return QString::fromUtf8(process.readAllStandardOutput());
}

// 4 s of testsrc2 + sine: two video rungs (320x180, 160x90; 1 s GOPs) and one audio stream.
QStringList lavfiInputs() {
    return {"-hide_banner",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
            "4",
            "-map",
            "0:v",
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-g",
            "25",
            "-keyint_min",
            "25",
            "-sc_threshold",
            "0",
            "-s:v:1",
            "160x90",
            "-b:v:0",
            "300k",
            "-b:v:1",
            "120k",
            "-c:a",
            "aac",
            "-b:a",
            "64k"};
}

bool fileExists(const std::string& path) {
    return QFileInfo::exists(QString::fromStdString(path));
}

} // namespace

class TestStreamingManifests : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void uriResolution() {
        QCOMPARE(resolveUri("http://cdn.example/v/cmaf/master.m3u8", "360p/playlist.m3u8"),
                 std::string("http://cdn.example/v/cmaf/360p/playlist.m3u8"));
        QCOMPARE(resolveUri("https://h/v/cmaf/360p/playlist.m3u8", "../audio/init.mp4"),
                 std::string("https://h/v/cmaf/audio/init.mp4"));
        QCOMPARE(resolveUri("https://h/v/master.m3u8", "/other/x.m3u8"),
                 std::string("https://h/other/x.m3u8"));
        QCOMPARE(resolveUri("https://h/v/master.m3u8", "http://elsewhere/a/./b/../c.m4s"),
                 std::string("http://elsewhere/a/c.m4s"));
        QCOMPARE(resolveUri("https://h/v/master.m3u8", "//cdn2/y.m4s"), std::string("https://cdn2/y.m4s"));
        QCOMPARE(resolveUri("https://h/v/master.m3u8?token=abc", "a.m3u8?token=abc"),
                 std::string("https://h/v/a.m3u8?token=abc"));
        QCOMPARE(resolveUri("https://h", "a.m3u8"), std::string("https://h/a.m3u8"));
        QCOMPARE(resolveUri("https://h/a/b/m.mpd", "../../../../x"), std::string("https://h/x"));
        QCOMPARE(resolveUri("/data/media/v1/cmaf/master.m3u8", "../thumbs/t.jpg"),
                 std::string("/data/media/v1/thumbs/t.jpg"));
        QCOMPARE(resolveUri("master.m3u8", "360p/playlist.m3u8"), std::string("360p/playlist.m3u8"));
        QCOMPARE(resolveUri("360p/playlist.m3u8", "seg_00001.m4s"), std::string("360p/seg_00001.m4s"));
        QCOMPARE(resolveUri("360p/playlist.m3u8", "../audio/init.mp4"), std::string("audio/init.mp4"));
        QCOMPARE(resolveUri("a/master.m3u8", "../../x.m4s"), std::string("../x.m4s"));
        QCOMPARE(resolveUri("", "x/y.m4s"), std::string("x/y.m4s"));

        QCOMPARE(relativeUri("360p/playlist.m3u8", "360p/seg_00001.m4s"), std::string("seg_00001.m4s"));
        QCOMPARE(relativeUri("360p/playlist.m3u8", "audio/init.mp4"), std::string("../audio/init.mp4"));
        QCOMPARE(relativeUri("playlist.m3u8", "a/b.m4s"), std::string("a/b.m4s"));
        QCOMPARE(relativeUri("360p/playlist.m3u8", "http://h/x.m4s"), std::string("http://h/x.m4s"));
        for (const auto& [base, target] : std::map<std::string, std::string>{
                 {"a/b/p.m3u8", "a/c/d/x.m4s"}, {"p.m3u8", "x.m4s"}, {"a/p.m3u8", "b/x.m4s?q=1"}})
            QCOMPARE(resolveUri(base, relativeUri(base, target)), target);
    }

    void manifestText() {
        QCOMPARE(formatIsoDuration(4011), std::string("PT4.011S"));
        QCOMPARE(formatIsoDuration(13520), std::string("PT13.52S"));
        QCOMPARE(formatIsoDuration(4000), std::string("PT4S"));
        QCOMPARE(*parseIsoDurationSeconds("PT1H2M3.5S"), 3723.5);
        QCOMPARE(*parseIsoDurationSeconds("P1DT0.25S"), 86400.25);
        QVERIFY(!parseIsoDurationSeconds("P1Y").has_value());
        QVERIFY(!parseIsoDurationSeconds("PT").has_value());
        QVERIFY(!parseIsoDurationSeconds("4.0").has_value());
        QCOMPARE(formatFixed(4.0106666667, 6), std::string("4.010667"));
        QCOMPARE(dashFrameRate(25), std::string("25"));
        QCOMPARE(dashFrameRate(30000.0 / 1001), std::string("30000/1001"));
        QCOMPARE(dashFrameRate(12.5), std::string("25/2"));
        auto expanded = expandDashTemplate("$RepresentationID$/seg_$Number%05d$_$Time$_$Bandwidth$$$.m4s",
                                           "360p", 900000, 7, 358400);
        QVERIFY(expanded.ok());
        QCOMPARE(*expanded, std::string("360p/seg_00007_358400_900000$.m4s"));
        auto kept = expandDashTemplate("$RepresentationID$/seg_$Number%05d$.m4s", "360p", 0, {}, {});
        QCOMPARE(*kept, std::string("360p/seg_$Number%05d$.m4s"));
        QVERIFY(!expandDashTemplate("seg_$Nmber$.m4s", "a", 0, 1, 0).ok());
        QVERIFY(!expandDashTemplate("seg_$Number.m4s", "a", 0, 1, 0).ok());
        QVERIFY(!expandDashTemplate("seg_$Number%5x$.m4s", "a", 0, 1, 0).ok());
    }

    void builderNamesFilesLikeTheTranscoder() {
        const Rendition rendition = videoRung("360p", 640, 360, 900000, "avc1.64001e");
        QCOMPARE(rendition.kind, MediaKind::Video);
        QCOMPARE(rendition.init_uri, std::string("360p/init.mp4"));
        QCOMPARE(rendition.playlist_uri, std::string("360p/playlist.m3u8"));
        QCOMPARE(rendition.segment_template, std::string("360p/seg_$Number%05d$.m4s"));
        QCOMPARE(rendition.segments[0].uri, std::string("360p/seg_00001.m4s"));
        QCOMPARE(rendition.segments[3].size_bytes, int64_t(100004));
        QCOMPARE(audioRendition().kind, MediaKind::Audio);
        // The template and the file names agree for every number.
        for (const Segment& segment : rendition.segments) {
            auto expanded =
                expandDashTemplate(rendition.segment_template, rendition.id, 0, segment.number, 0);
            QCOMPARE(*expanded, segment.uri);
        }
    }

    void builderMakesOneContiguousTimelineFromZero() {
        // As the transcoder reports them: video durations one frame short (packets without durations), AAC
        // starting 1024 samples early (priming, cut by the edit list).
        fc::media::RenditionSummary video;
        video.id = "360p";
        video.width = 640;
        video.height = 360;
        video.timescale = 12288;
        video.segments = {{1, 0, 11776, 1}, {2, 12288, 11776, 1}, {3, 24576, 512, 1}};
        const Rendition rung = renditionFromSummary(video);
        QCOMPARE(rung.segments[0].duration, int64_t(12288));
        QCOMPARE(rung.segments[1].duration, int64_t(12288));
        QCOMPARE(rung.segments[2].duration, int64_t(512)); // the last one keeps its own
        fc::media::RenditionSummary audio;
        audio.id = "audio";
        audio.sample_rate_hz = 48000;
        audio.timescale = 48000;
        audio.segments = {{1, -1024, 49152, 1}, {2, 48128, 48128, 1}};
        const Rendition sound = renditionFromSummary(audio);
        QCOMPARE(sound.segments[0].start, int64_t(0));
        QCOMPARE(sound.segments[0].duration, int64_t(48128));
        QCOMPARE(sound.segments[1].start, int64_t(48128));
        QCOMPARE(sound.durationSeconds(), 96256 / 48000.0);
    }

    void hlsWriterFollowsTheSpec() {
        const Presentation complete = ladderPresentation(PresentationState::Complete);
        const std::string master = writeHlsMaster(complete);
        QVERIFY(master.rfind("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n", 0) == 0);
        QVERIFY(master.find("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Default\",DEFAULT=YES,"
                            "AUTOSELECT=YES,CHANNELS=\"2\",URI=\"audio/playlist.m3u8\"\n") !=
                std::string::npos);
        // BANDWIDTH = video peak + audio peak; AVERAGE-BANDWIDTH = the averages' sum.
        QVERIFY2(master.find(
                     "#EXT-X-STREAM-INF:BANDWIDTH=1031234,AVERAGE-BANDWIDTH=938765,"
                     "CODECS=\"avc1.64001e,mp4a.40.2\",RESOLUTION=640x360,FRAME-RATE=25.000,AUDIO=\"audio\"\n"
                     "360p/playlist.m3u8\n") != std::string::npos,
                 master.c_str());
        QCOMPARE(QString::fromStdString(master).count("#EXT-X-STREAM-INF"), 3);

        const std::string media = writeHlsMedia(complete, complete.renditions[1]);
        QVERIFY2(media.find("#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n") !=
                     std::string::npos,
                 media.c_str());
        QVERIFY(media.find("#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000000,\nseg_00001.m4s\n") !=
                std::string::npos);
        QVERIFY(media.find("#EXTINF:1.520000,\nseg_00004.m4s\n#EXT-X-ENDLIST\n") != std::string::npos);
        // AAC segments of 188 frames last 4.010667 s: the target duration is their ceiling.
        const std::string audio = writeHlsMedia(complete, complete.renditions[3]);
        QVERIFY(audio.find("#EXT-X-TARGETDURATION:5\n") != std::string::npos);
        QVERIFY(audio.find("#EXTINF:4.010667,\n") != std::string::npos);

        const Presentation growing = ladderPresentation(PresentationState::Growing);
        const std::string event = writeHlsMedia(growing, growing.renditions[0]);
        QVERIFY(event.find("#EXT-X-PLAYLIST-TYPE:EVENT\n") != std::string::npos);
        QVERIFY(event.find("#EXT-X-ENDLIST") == std::string::npos);
    }

    void hlsRoundTrip_data() {
        QTest::addColumn<int>("state");
        QTest::newRow("complete") << int(PresentationState::Complete);
        QTest::newRow("growing") << int(PresentationState::Growing);
    }
    void hlsRoundTrip() {
        QFETCH(int, state);
        const Presentation original = ladderPresentation(PresentationState(state));
        const Files files = writeHls(original);
        auto parsed = loadHlsPresentation("master.m3u8", loaderOf(files));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        compareModels(*parsed, original, Format::Hls);
        QCOMPARE(parsed->renditions[0].segments[0].number, 1);
        QCOMPARE(parsed->renditions[3].sample_rate_hz, 0); // HLS does not say

        // Behind a URL: everything resolves to absolute URLs.
        Files remote;
        for (const auto& [uri, text] : files)
            remote["https://cdn.example/v/abc/cmaf/" + uri] = text;
        auto absolute = loadHlsPresentation("https://cdn.example/v/abc/cmaf/master.m3u8", loaderOf(remote));
        QVERIFY(absolute.ok());
        QCOMPARE(absolute->renditions[2].segments[3].uri,
                 std::string("https://cdn.example/v/abc/cmaf/720p/seg_00004.m4s"));
        QCOMPARE(absolute->renditions[3].init_uri,
                 std::string("https://cdn.example/v/abc/cmaf/audio/init.mp4"));
    }

    void dashRoundTrip_data() { hlsRoundTrip_data(); }
    void dashRoundTrip() {
        QFETCH(int, state);
        const Presentation original = ladderPresentation(PresentationState(state));
        const std::string mpd = writeDashMpd(original, {.publish_unix_ms = 1763780460000});
        if (PresentationState(state) == PresentationState::Complete) {
            QVERIFY(mpd.find("type=\"static\"") != std::string::npos);
            QVERIFY(mpd.find("mediaPresentationDuration=\"PT13.525S\"") != std::string::npos);
            QVERIFY(mpd.find("minimumUpdatePeriod") == std::string::npos);
        } else {
            QVERIFY(mpd.find("type=\"dynamic\"") != std::string::npos);
            QVERIFY(mpd.find("availabilityStartTime=\"2025-11-22T03:00:00.123Z\"") != std::string::npos);
            QVERIFY(mpd.find("publishTime=\"2025-11-22T03:01:00.000Z\"") != std::string::npos);
            QVERIFY(mpd.find("minimumUpdatePeriod=\"PT4S\"") != std::string::npos);
            QVERIFY(mpd.find("mediaPresentationDuration") == std::string::npos);
        }
        // Runs of equal durations are one S with r; t only at the start.
        QVERIFY2(mpd.find("<S t=\"0\" d=\"51200\" r=\"2\" />") != std::string::npos, mpd.c_str());
        QVERIFY(mpd.find("<S d=\"19456\" />") != std::string::npos);
        QVERIFY(mpd.find("media=\"360p/seg_$Number%05d$.m4s\"") != std::string::npos);
        QVERIFY(mpd.find("initialization=\"360p/init.mp4\"") != std::string::npos);
        QVERIFY(mpd.find("frameRate=\"25\"") != std::string::npos);
        QVERIFY(mpd.find("maxWidth=\"1280\"") != std::string::npos);
        QVERIFY(mpd.find("<AudioChannelConfiguration") != std::string::npos);

        auto parsed = parseDashMpd(mpd, "manifest.mpd");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        compareModels(*parsed, original, Format::Dash);
        QCOMPARE(parsed->availability_start_unix_ms, original.availability_start_unix_ms);
        QCOMPARE(parsed->renditions[3].sample_rate_hz, 48000);

        auto remote = parseDashMpd(mpd, "https://cdn.example/v/abc/cmaf/manifest.mpd");
        QVERIFY(remote.ok());
        QCOMPARE(remote->renditions[0].segments[2].uri,
                 std::string("https://cdn.example/v/abc/cmaf/240p/seg_00003.m4s"));
    }

    void audioOnlyAndListFallback() {
        Presentation audio_only;
        audio_only.state = PresentationState::Complete;
        audio_only.renditions = {audioRendition()};
        const std::string master = writeHlsMaster(audio_only);
        QVERIFY(
            master.find("#EXT-X-STREAM-INF:BANDWIDTH=131234,AVERAGE-BANDWIDTH=128765,CODECS=\"mp4a.40.2\"\n"
                        "audio/playlist.m3u8\n") != std::string::npos);
        QVERIFY(master.find("#EXT-X-MEDIA") == std::string::npos);
        auto hls = loadHlsPresentation("master.m3u8", loaderOf(writeHls(audio_only)));
        QVERIFY2(hls.ok(), hls.ok() ? "" : hls.error().message.c_str());
        QCOMPARE(hls->renditions.size(), size_t(1));
        QCOMPARE(hls->renditions[0].kind, MediaKind::Audio);
        QCOMPARE(hls->renditions[0].bandwidth_bps, int64_t(131234));
        QCOMPARE(hls->renditions[0].segments.size(), size_t(4));

        // A parsed HLS presentation has no segment template: its MPD lists the segments, and reads back.
        const std::string mpd = writeDashMpd(*hls);
        QVERIFY(mpd.find("<SegmentList") != std::string::npos);
        auto dash = parseDashMpd(mpd, "manifest.mpd");
        QVERIFY2(dash.ok(), dash.ok() ? "" : dash.error().message.c_str());
        QCOMPARE(dash->renditions[0].segments.size(), size_t(4));
        QCOMPARE(dash->renditions[0].segments[3].uri, std::string("audio/seg_00004.m4s"));
        QCOMPARE(dash->renditions[0].init_uri, std::string("audio/init.mp4"));
        QCOMPARE(dash->renditions[0].durationSeconds(), hls->renditions[0].durationSeconds());
    }

    void ffmpegHlsManifestsParse() {
        const QString dir = m_dir.filePath("ffmpeg_hls");
        QVERIFY(QDir().mkpath(dir));
        int exit_code = 0;
        QString errors;
        runTool("ffmpeg",
                lavfiInputs() << "-f"
                              << "hls"
                              << "-hls_segment_type"
                              << "fmp4"
                              << "-hls_time"
                              << "1"
                              << "-hls_playlist_type"
                              << "vod"
                              << "-master_pl_name"
                              << "master.m3u8"
                              << "-var_stream_map"
                              << "v:0,agroup:aud v:1,agroup:aud a:0,agroup:aud" << dir + "/stream_%v.m3u8",
                &exit_code, &errors);
        QVERIFY2(exit_code == 0, qPrintable(errors));

        auto parsed = loadHlsPresentation((dir + "/master.m3u8").toStdString(), readFile);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->state, PresentationState::Complete);
        QCOMPARE(parsed->renditions.size(), size_t(3)); // the audio-only variant is the audio rendition again
        int video = 0;
        for (const Rendition& rendition : parsed->renditions) {
            const QString id = QString::fromStdString(rendition.id);
            QVERIFY2(std::abs(rendition.durationSeconds() - 4.0) < 0.1, qPrintable(id));
            QVERIFY(fileExists(rendition.init_uri));
            for (const Segment& segment : rendition.segments)
                QVERIFY2(fileExists(segment.uri), segment.uri.c_str());
            QVERIFY(rendition.bandwidth_bps > 0);
            if (rendition.kind == MediaKind::Video) {
                ++video;
                QVERIFY2(QString::fromStdString(rendition.codecs).startsWith("avc1."),
                         rendition.codecs.c_str());
                QCOMPARE(rendition.segments.size(), size_t(4));
                QVERIFY(rendition.width == 160 || rendition.width == 320);
            } else {
                QCOMPARE(rendition.codecs, std::string("mp4a.40.2"));
                QVERIFY(rendition.segments.size() >= 4);
            }
        }
        QCOMPARE(video, 2);
        QCOMPARE(parsed->renditions[0].width, 160); // lowest first
        QCOMPARE(parsed->renditions[2].kind, MediaKind::Audio);
    }

    void ffmpegDashManifestsParse_data() {
        QTest::addColumn<bool>("timeline");
        QTest::newRow("SegmentTimeline") << true;
        QTest::newRow("@duration") << false;
    }
    void ffmpegDashManifestsParse() {
        QFETCH(bool, timeline);
        const QString dir = m_dir.filePath(timeline ? "ffmpeg_dash_timeline" : "ffmpeg_dash_duration");
        QVERIFY(QDir().mkpath(dir));
        int exit_code = 0;
        QString errors;
        runTool("ffmpeg",
                lavfiInputs() << "-f"
                              << "dash"
                              << "-seg_duration"
                              << "1"
                              << "-use_timeline" << (timeline ? "1" : "0") << "-adaptation_sets"
                              << "id=0,streams=v id=1,streams=a" << dir + "/manifest.mpd",
                &exit_code, &errors);
        QVERIFY2(exit_code == 0, qPrintable(errors));

        auto parsed = loadDashPresentation((dir + "/manifest.mpd").toStdString(), readFile);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->state, PresentationState::Complete);
        QCOMPARE(parsed->renditions.size(), size_t(3));
        QCOMPARE(parsed->renditions[0].kind, MediaKind::Video);
        QCOMPARE(parsed->renditions[0].width, 160);
        QCOMPARE(parsed->renditions[1].width, 320);
        QCOMPARE(parsed->renditions[1].frame_rate, 25.0); // from the AdaptationSet
        QCOMPARE(parsed->renditions[2].kind, MediaKind::Audio);
        QCOMPARE(parsed->renditions[2].sample_rate_hz, 48000);
        QCOMPARE(parsed->renditions[2].channels, 1);
        for (const Rendition& rendition : parsed->renditions) {
            const QString id = QString::fromStdString(rendition.id);
            QVERIFY2(std::abs(rendition.durationSeconds() - 4.0) < 0.1, qPrintable(id));
            QVERIFY(!rendition.codecs.empty());
            QVERIFY(rendition.bandwidth_bps > 0);
            QVERIFY2(fileExists(rendition.init_uri), rendition.init_uri.c_str());
            QVERIFY(rendition.segments.size() >= 4);
            // @duration MPDs state only how many segments fit the period; the files are what the muxer cut.
            for (const Segment& segment : rendition.segments)
                QVERIFY2(fileExists(segment.uri), segment.uri.c_str());
            if (rendition.kind == MediaKind::Video)
                QCOMPARE(rendition.segments.size(), size_t(4));
        }
    }

    void dashFeaturesParse() {
        // Inheritance, BaseURL at every level, $Time$ and $RepresentationID$, r="-1" until the period ends,
        // @duration with a short last segment.
        const std::string mpd = R"(<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S">
  <BaseURL>https://cdn.example/v/</BaseURL>
  <Period>
    <BaseURL>p0/</BaseURL>
    <AdaptationSet contentType="video" mimeType="video/mp4" codecs="avc1.64001e" frameRate="30000/1001"
                   width="640" height="360">
      <SegmentTemplate timescale="1000" initialization="$RepresentationID$/init.mp4"
                       media="$RepresentationID$/$Time$.m4s">
        <SegmentTimeline><S t="0" d="4000" r="-1"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="hi" bandwidth="2000"><BaseURL>../hi-root/</BaseURL></Representation>
      <Representation id="lo" bandwidth="1000" width="320" height="180"/>
    </AdaptationSet>
    <AdaptationSet mimeType="audio/mp4" lang="en">
      <Representation id="aac" bandwidth="128000" codecs="mp4a.40.2" audioSamplingRate="44100">
        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="6"/>
        <SegmentTemplate timescale="48000" duration="192000" startNumber="0" media="a/$Number%03d$.m4s"/>
      </Representation>
    </AdaptationSet>
    <AdaptationSet mimeType="text/vtt"><Representation id="subs" bandwidth="1"/></AdaptationSet>
  </Period>
</MPD>)";
        auto parsed = parseDashMpd(mpd, "https://origin.example/manifest.mpd");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->renditions.size(), size_t(3)); // subtitles are not ours
        const Rendition& lo = parsed->renditions[0];
        QCOMPARE(lo.id, std::string("lo"));
        QCOMPARE(lo.width, 320);
        QCOMPARE(lo.codecs, std::string("avc1.64001e"));
        QVERIFY(std::abs(lo.frame_rate - 29.97002997) < 1e-6);
        QCOMPARE(lo.segments.size(), size_t(3)); // r=-1 up to 10 s: 0, 4, 8
        QCOMPARE(lo.segments[2].uri, std::string("https://cdn.example/v/p0/lo/8000.m4s"));
        QCOMPARE(lo.init_uri, std::string("https://cdn.example/v/p0/lo/init.mp4"));
        const Rendition& hi = parsed->renditions[1];
        QCOMPARE(hi.width, 640);
        QCOMPARE(hi.segments[0].uri, std::string("https://cdn.example/v/hi-root/hi/0.m4s"));
        const Rendition& aac = parsed->renditions[2];
        QCOMPARE(aac.channels, 6);
        QCOMPARE(aac.sample_rate_hz, 44100);
        QCOMPARE(aac.segments.size(), size_t(3)); // 4 s, 4 s, 2 s
        QCOMPARE(aac.segments[0].number, 0);
        QCOMPARE(aac.segments[2].uri, std::string("https://cdn.example/v/p0/a/002.m4s"));
        QCOMPARE(aac.segments[2].duration, int64_t(96000));
        QCOMPARE(aac.durationSeconds(), 10.0);
    }

    void ffprobeReadsOurManifests() {
        const QString clip =
            fc::test::makeClip(m_dir.path(), fc::test::sharedMedia("big_buck_bunny.mp4"), 20, 4);
        QVERIFY(!clip.isEmpty());
        auto info = fc::media::probeMedia(clip.toStdString());
        QVERIFY(info.ok());
        fc::media::LadderSettings settings;
        settings.segment_duration_ms = 1000;
        fc::media::TranscodeJob job;
        job.source_path = clip.toStdString();
        job.output_dir = m_dir.filePath("transcoded").toStdString();
        job.ladder = fc::media::planLadder(*info, settings);
        job.stills = fc::media::StillsMode::None;
        fc::media::TranscodeListener listener;
        auto result = fc::media::transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(result->renditions.size() >= 2);

        const Presentation presentation = presentationFromSummaries(
            result->renditions, PresentationState::Complete, settings.segment_duration_ms);
        const QString cmaf = QString::fromStdString(job.output_dir) + "/cmaf";
        QVERIFY(writeManifestFiles(presentation, cmaf.toStdString()).ok());
        for (const Rendition& rendition : presentation.renditions) {
            QVERIFY(rendition.segments.size() >= 4);
            QVERIFY(QFileInfo::exists(cmaf + "/" + QString::fromStdString(rendition.init_uri)));
            for (const Segment& segment : rendition.segments)
                QVERIFY(QFileInfo::exists(cmaf + "/" + QString::fromStdString(segment.uri)));
        }

        // Our parsers read the files back to the same model.
        auto hls = loadHlsPresentation((cmaf + "/master.m3u8").toStdString(), readFile);
        QVERIFY2(hls.ok(), hls.ok() ? "" : hls.error().message.c_str());
        QCOMPARE(hls->renditions.size(), presentation.renditions.size());
        auto dash = loadDashPresentation((cmaf + "/manifest.mpd").toStdString(), readFile);
        QVERIFY2(dash.ok(), dash.ok() ? "" : dash.error().message.c_str());
        QCOMPARE(dash->renditions.size(), presentation.renditions.size());
        for (size_t i = 0; i < presentation.renditions.size(); ++i) {
            QCOMPARE(dash->renditions[i].segments.size(), presentation.renditions[i].segments.size());
            QCOMPARE(hls->renditions[i].segments.size(), presentation.renditions[i].segments.size());
        }

        for (const QString manifest : {"master.m3u8", "manifest.mpd"}) {
            int exit_code = 0;
            QString errors;
            const QString json = runTool("ffprobe",
                                         {"-v", "error", "-show_entries", "stream=codec_type,width,height",
                                          "-of", "json", cmaf + "/" + manifest},
                                         &exit_code, &errors);
            QVERIFY2(exit_code == 0, qPrintable(manifest + ": " + errors));
            const QJsonArray streams = QJsonDocument::fromJson(json.toUtf8()).object()["streams"].toArray();
            for (const Rendition& rendition : presentation.renditions) {
                bool listed = false;
                for (const auto& value : streams) {
                    const QJsonObject stream = value.toObject();
                    if (rendition.kind == MediaKind::Audio)
                        listed |= stream["codec_type"].toString() == "audio";
                    else
                        listed |= stream["codec_type"].toString() == "video" &&
                                  stream["width"].toInt() == rendition.width &&
                                  stream["height"].toInt() == rendition.height;
                }
                QVERIFY2(listed, qPrintable(manifest + " lacks " + QString::fromStdString(rendition.id) +
                                            ": " + json));
            }

            // Decodes every rendition to the end without a complaint.
            runTool("ffmpeg", {"-v", "error", "-i", cmaf + "/" + manifest, "-map", "0", "-f", "null", "-"},
                    &exit_code, &errors);
            QVERIFY2(exit_code == 0, qPrintable(manifest + ": " + errors));
            QVERIFY2(errors.trimmed().isEmpty(), qPrintable(manifest + ": " + errors));
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestStreamingManifests)
#include "test_streaming_manifests.moc"
