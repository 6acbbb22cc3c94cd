// The one-pass transcoder on real media: segments, keyframe alignment, durations, A/V sync, stills, odd
// inputs. Every check reads the output back with ffprobe, an independent decoder.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <mutex>

#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"
#include "tests/support/test_server.h"

using namespace fc::media;
using fc::test::makeClip;
using fc::test::sharedMedia;

namespace {

struct RecordingListener : TranscodeListener {
    std::mutex mutex;
    QStringList segments; // "360p#1"
    double last_fraction = 0;
    int progress_calls = 0;
    bool cancel_after_first_segment = false;
    void onSegment(const RenditionSummary& r, const SegmentInfo& s) override {
        std::lock_guard lock(mutex);
        segments << QString("%1#%2").arg(QString::fromStdString(r.id)).arg(s.number);
    }
    void onProgress(double fraction, int64_t) override {
        std::lock_guard lock(mutex);
        last_fraction = fraction;
        ++progress_calls;
    }
    bool cancelled() const override {
        std::lock_guard lock(const_cast<std::mutex&>(mutex));
        return cancel_after_first_segment && !segments.isEmpty();
    }
};

QJsonObject ffprobe(const QStringList& args) {
    QProcess process;
    process.start("ffprobe", QStringList{"-v", "error", "-of", "json"} + args);
    process.waitForFinished(60000);
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// init.mp4 + every segment, concatenated: the file a player assembles.
QString joinRendition(const QString& dir, const RenditionSummary& rendition, const QString& into) {
    QFile out(into);
    out.open(QIODevice::WriteOnly);
    QFile init(dir + "/init.mp4");
    init.open(QIODevice::ReadOnly);
    out.write(init.readAll());
    for (const SegmentInfo& segment : rendition.segments) {
        QFile part(dir + "/" + QString::fromStdString(CmafWriter::segmentFileName(segment.number)));
        part.open(QIODevice::ReadOnly);
        out.write(part.readAll());
    }
    return into;
}

QList<double> keyframeTimes(const QString& file) {
    const QJsonObject json =
        ffprobe({"-select_streams", "v", "-skip_frame", "nokey", "-show_entries", "frame=pts_time", file});
    QList<double> times;
    for (const auto& frame : json["frames"].toArray())
        times << frame.toObject()["pts_time"].toString().toDouble();
    return times;
}

QJsonObject streamInfo(const QString& file) {
    const QJsonObject json =
        ffprobe({"-count_frames", "-show_entries",
                 "stream=codec_name,width,height,start_time,duration,nb_read_frames", file});
    return json["streams"].toArray().first().toObject();
}

} // namespace

class TestLadderTranscoder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 20, 9);
        QVERIFY(!m_clip.isEmpty());
    }

    void ladderOfARealClip() {
        auto info = probeMedia(m_clip.toStdString());
        QVERIFY(info.ok());
        TranscodeJob job;
        job.source_path = m_clip.toStdString();
        job.output_dir = m_dir.filePath("bbb").toStdString();
        job.ladder = planLadder(*info);
        RecordingListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(result->renditions.size(), size_t(4)); // 144p 240p 360p + audio
        QCOMPARE(listener.last_fraction, 1.0);
        QVERIFY(listener.progress_calls >= 2);
        QVERIFY(result->first_segment_ms > 0 && result->first_segment_ms < result->elapsed_ms);

        const QJsonObject source = streamInfo(m_clip);
        const int source_frames = source["nb_read_frames"].toString().toInt();
        QList<double> reference_keys;
        for (const RenditionSummary& rendition : result->renditions) {
            const QString id = QString::fromStdString(rendition.id);
            const QString dir = QString::fromStdString(renditionDirectory(job.output_dir, rendition.id));
            // 9 s in 4 s segments: 4 + 4 + 1.
            QCOMPARE(rendition.segments.size(), size_t(3));
            // Video segments are exactly 96 frames; AAC frames (1024 samples) do not divide 4 s evenly.
            // (The first audio segment also carries the 1024 priming samples the edit list hides.)
            const double tolerance = rendition.id == "audio" ? 2 * 1024.0 / 48000 + 1e-6 : 1e-6;
            for (int i = 0; i < 2; ++i)
                QVERIFY2(
                    std::abs(rendition.segments[i].durationSeconds(rendition.timescale) - 4.0) <= tolerance,
                    qPrintable(id + " " +
                               QString::number(rendition.segments[i].durationSeconds(rendition.timescale))));
            const QString joined = joinRendition(dir, rendition, m_dir.filePath(id + ".mp4"));
            const QJsonObject stream = streamInfo(joined);
            if (rendition.id == "audio") {
                QCOMPARE(stream["codec_name"].toString(), QString("aac"));
                QCOMPARE(rendition.codecs, std::string("mp4a.40.2"));
                // AAC priming (1024 samples) is trimmed by the edit list: audio presents from ~0.
                QVERIFY(std::abs(stream["start_time"].toString().toDouble()) < 0.025);
                QVERIFY(std::abs(stream["duration"].toString().toDouble() - 9.0) < 0.1);
                continue;
            }
            QCOMPARE(stream["codec_name"].toString(), QString("h264"));
            QCOMPARE(stream["width"].toInt(), rendition.width);
            QCOMPARE(stream["height"].toInt(), rendition.height);
            QVERIFY(QString::fromStdString(rendition.codecs).startsWith("avc1.64")); // High profile
            // Every source frame is in every rung; video starts at 0 like the audio (sync within a frame).
            QCOMPARE(stream["nb_read_frames"].toString().toInt(), source_frames);
            QVERIFY(std::abs(stream["start_time"].toString().toDouble()) < 1.0 / 24);
            // Keyframes exactly at the segment boundaries, the same instants in every rung.
            const QList<double> keys = keyframeTimes(joined);
            QCOMPARE(keys.size(), 3);
            for (int i = 0; i < keys.size(); ++i)
                QVERIFY2(std::abs(keys[i] - 4.0 * i) < 1.0 / 24,
                         qPrintable(id + " key " + QString::number(keys[i])));
            if (reference_keys.isEmpty())
                reference_keys = keys;
            QCOMPARE(keys, reference_keys);
            QVERIFY(rendition.average_bitrate_bps > 0 &&
                    rendition.peak_bitrate_bps >= rendition.average_bitrate_bps);
        }
        // Segments were announced as they were written.
        QVERIFY(listener.segments.contains("144p#1") && listener.segments.contains("audio#3"));
    }

    void thumbnailsAndStoryboard() {
        const QString out = m_dir.filePath("bbb");
        QVERIFY(QFileInfo::exists(out + "/thumbs/thumb_1.jpg"));
        for (int i = 1; i <= 5; ++i) {
            const QJsonObject image = ffprobe({"-show_entries", "stream=codec_name,width,height",
                                               out + QString("/thumbs/thumb_%1.jpg").arg(i)})["streams"]
                                          .toArray()
                                          .first()
                                          .toObject();
            QCOMPARE(image["codec_name"].toString(), QString("mjpeg"));
            QCOMPARE(image["width"].toInt(), 640); // the source size (≤ 1280×720 is kept)
        }
        QFile vtt(out + "/storyboard/storyboard.vtt");
        QVERIFY(vtt.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(vtt.readAll());
        QVERIFY(text.startsWith("WEBVTT"));
        QVERIFY(text.contains("00:00:00.000 --> 00:00:01.000\nsheet_001.jpg#xywh=0,0,160,90"));
        QVERIFY(text.contains("sheet_001.jpg#xywh=160,0,160,90"));
        QCOMPARE(text.count("#xywh="), 9); // one tile a second
        const QJsonObject sheet =
            ffprobe({"-show_entries", "stream=width,height", out + "/storyboard/sheet_001.jpg"})["streams"]
                .toArray()
                .first()
                .toObject();
        QCOMPARE(sheet["width"].toInt(), 1600);
        QCOMPARE(sheet["height"].toInt(), 90); // one row used
    }

    void blackFramesAreNotChosenAsThumbnail() {
        // 2 s of black, then 6 s of a detailed picture: the candidate at 10 % is black and must lose.
        const QString source = m_dir.filePath("black_start.mp4");
        QProcess ffmpeg;
        ffmpeg.start("ffmpeg", {"-v",
                                "error",
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "color=black:size=320x240:rate=25:duration=2",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc2=size=320x240:rate=25:duration=6",
                                "-filter_complex",
                                "[0][1]concat=n=2:v=1[v]",
                                "-map",
                                "[v]",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                source});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);
        auto info = probeMedia(source.toStdString());
        QVERIFY(info.ok());
        TranscodeJob job;
        job.source_path = source.toStdString();
        job.output_dir = m_dir.filePath("black").toStdString();
        job.ladder = planLadder(*info);
        RecordingListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(!result->renditions.empty() && result->renditions.back().id != "audio"); // video only
        const StillsResult& stills = *result->stills;
        QCOMPARE(stills.thumbnails.size(), size_t(5));
        QVERIFY(stills.thumbnails[0].black);
        QVERIFY(!stills.thumbnails[stills.default_thumbnail].black);
    }

    void portraitRotatedAndOddSizedSources() {
        struct Case {
            QString name;
            QStringList args;
            int expect_width;
            int expect_height;
        };
        const QList<Case> cases = {
            {"portrait", {"-vf", "transpose=1", "-an", "-c:v", "libx264", "-preset", "ultrafast"}, 360, 640},
            // Odd sizes need 4:4:4 in H.264: this also covers a source that is not 4:2:0.
            {"odd",
             {"-vf", "scale=321:181", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
              "yuv444p"},
             322,
             182},
            // A 90° display rotation in metadata (as phones write): pixels stay landscape, the picture is
            // portrait.
            {"rotated", {"-an", "-c:v", "copy", "-metadata:s:v:0", "rotate=90"}, 360, 640},
        };
        for (const Case& c : cases) {
            const QString source = makeClip(m_dir.path(), m_clip, 0, 3, c.args, c.name + ".mp4");
            QVERIFY2(!source.isEmpty(), qPrintable(c.name));
            auto info = probeMedia(source.toStdString());
            QVERIFY(info.ok());
            TranscodeJob job;
            job.source_path = source.toStdString();
            job.output_dir = m_dir.filePath("out_" + c.name).toStdString();
            job.ladder = planLadder(*info);
            job.stills = StillsMode::None;
            RecordingListener listener;
            auto result = transcodeLadder(job, listener);
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
            const RenditionSummary& top = result->renditions.back();
            QCOMPARE(top.width, c.expect_width);
            QCOMPARE(top.height, c.expect_height);
            const QString joined =
                joinRendition(QString::fromStdString(renditionDirectory(job.output_dir, top.id)), top,
                              m_dir.filePath(c.name + "_top.mp4"));
            const QJsonObject stream = streamInfo(joined);
            QCOMPARE(stream["width"].toInt(), c.expect_width);
            QCOMPARE(stream["height"].toInt(), c.expect_height);
        }
    }

    void audioOnlySource() {
        const QString source =
            makeClip(m_dir.path(), m_clip, 0, 5, {"-vn", "-c:a", "copy"}, "audio_only.m4a");
        auto info = probeMedia(source.toStdString());
        QVERIFY(info.ok());
        TranscodeJob job;
        job.source_path = source.toStdString();
        job.output_dir = m_dir.filePath("audio_only").toStdString();
        job.ladder = planLadder(*info);
        RecordingListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(result->renditions.size(), size_t(1));
        QCOMPARE(result->renditions[0].id, std::string("audio"));
        QCOMPARE(result->renditions[0].segments.size(), size_t(2));
        QVERIFY(!result->stills.has_value());
    }

    void truncatedSourceFails() {
        // The first half of a file with its index at the front (as a cut-off copy would be).
        const QString whole =
            makeClip(m_dir.path(), m_clip, 0, 8, {"-c", "copy", "-movflags", "+faststart"}, "whole.mp4");
        QFile in(whole);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString cut = m_dir.filePath("truncated.mp4");
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2));
        out.close();
        auto info = probeMedia(cut.toStdString());
        QVERIFY(info.ok()); // the index still claims the full duration
        TranscodeJob job;
        job.source_path = cut.toStdString();
        job.output_dir = m_dir.filePath("truncated").toStdString();
        job.ladder = planLadder(*info);
        RecordingListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("source_truncated"));
        QVERIFY(result.error().message.find("ends early") != std::string::npos);
    }

    void notMediaIsAReadableError() {
        const QString path = m_dir.filePath("notes.txt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a video, just some text\n");
        file.close();
        auto info = probeMedia(path.toStdString());
        QVERIFY(!info.ok());
        QCOMPARE(info.error().code, std::string("media_unreadable"));
    }

    void cancellationStopsTheJob() {
        auto info = probeMedia(m_clip.toStdString());
        TranscodeJob job;
        job.source_path = m_clip.toStdString();
        job.output_dir = m_dir.filePath("cancelled").toStdString();
        job.ladder = planLadder(*info);
        RecordingListener listener;
        listener.cancel_after_first_segment = true;
        auto result = transcodeLadder(job, listener);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("cancelled"));
    }

    void previewWindowEncodesOnlyTheWindow() {
        auto info = probeMedia(m_clip.toStdString());
        TranscodeJob job;
        job.source_path = m_clip.toStdString();
        job.output_dir = m_dir.filePath("window").toStdString();
        job.ladder = planLadder(*info);
        job.ladder.video.erase(job.ladder.video.begin(),
                               job.ladder.video.end() - 1); // one rung, as a preview does
        job.stills = StillsMode::None;
        job.window_start_s = 3;
        job.window_length_s = 2;
        RecordingListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const RenditionSummary& video = result->renditions.front();
        const QString joined =
            joinRendition(QString::fromStdString(renditionDirectory(job.output_dir, video.id)), video,
                          m_dir.filePath("window.mp4"));
        const QJsonObject stream = streamInfo(joined);
        QCOMPARE(stream["nb_read_frames"].toString().toInt(), 48); // 2 s at 24 fps
    }

private:
    QTemporaryDir m_dir;
    QString m_clip;
};

QTEST_GUILESS_MAIN(TestLadderTranscoder)
#include "test_ladder_transcoder.moc"
