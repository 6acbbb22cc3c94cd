// The transcode preview engine on real media: a window encoded at a rung with the ladder transcoder, its
// PSNR/SSIM against the source (checked against the ffmpeg CLI's psnr/ssim filters on the same pair), frames
// for the side-by-side view, the comparison of a server-style rendition made of segments from the middle of
// the video, and the edges (identical files, cancellation, missing files, rotation).
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <mutex>

#include "core/media/frame_sampler.h"
#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"
#include "core/media/quality_metrics.h"
#include "core/media/rung_preview.h"
#include "tests/support/test_server.h"

using namespace fc::media;
using fc::test::makeClip;
using fc::test::sharedMedia;

namespace {

struct CliScores {
    double ssim = -1;
    double psnr_db = -1;
};

// The ffmpeg CLI's own psnr/ssim over the same pair: both files cut to the window with accurate input seeks
// (the encoded file's time 0 is encoded_start_s of the source), then scaled with bicubic to width × height.
CliScores ffmpegScores(const RungPreview& preview, const QString& source, int width, int height) {
    const QString scale = QString("scale=%1:%2:flags=bicubic,format=yuv420p").arg(width).arg(height);
    const QString graph =
        QString("[0:v]%1,split[d1][d2];[1:v]%1,split[r1][r2];[d1][r1]ssim;[d2][r2]psnr").arg(scale);
    const QString length = QString::number(preview.window_length_s);
    QProcess ffmpeg;
    ffmpeg.start("ffmpeg", {"-hide_banner", "-nostats", "-ss",
                            QString::number(preview.window_start_s - preview.encoded_start_s), "-t", length,
                            "-i", QString::fromStdString(preview.encoded_path), "-ss",
                            QString::number(preview.window_start_s), "-t", length, "-i", source, "-lavfi",
                            graph, "-f", "null", "-"});
    ffmpeg.waitForFinished(120000);
    const QString log = QString::fromUtf8(ffmpeg.readAllStandardError());
    CliScores scores;
    const auto ssim = QRegularExpression(R"(SSIM .* All:([0-9.]+))").match(log);
    const auto psnr = QRegularExpression(R"(PSNR .* average:([0-9.]+|inf))").match(log);
    if (ssim.hasMatch())
        scores.ssim = ssim.captured(1).toDouble();
    if (psnr.hasMatch())
        scores.psnr_db = psnr.captured(1) == "inf" ? 1e9 : psnr.captured(1).toDouble();
    if (!ssim.hasMatch() || !psnr.hasMatch())
        qWarning().noquote() << log;
    return scores;
}

int countFrames(const QString& file) {
    QProcess ffprobe;
    ffprobe.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v", "-show_entries",
                              "stream=nb_read_frames", "-of", "csv=p=0", file});
    ffprobe.waitForFinished(60000);
    return QString::fromUtf8(ffprobe.readAllStandardOutput()).trimmed().toInt();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Mean absolute difference of two same-sized RGBA pictures (colour channels only).
double meanAbsDiff(const RgbaImage& a, const RgbaImage& b) {
    if (a.width != b.width || a.height != b.height || a.pixels.size() != b.pixels.size())
        return 1e9;
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        if (i % 4 == 3)
            continue;
        sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
        ++n;
    }
    return sum / n;
}

const VideoRung* findRung(const Ladder& ladder, const std::string& name) {
    for (const VideoRung& rung : ladder.video)
        if (rung.name == name)
            return &rung;
    return nullptr;
}

} // namespace

class TestRungPreview : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 20, 8);
        QVERIFY(!m_clip.isEmpty());
        auto info = probeMedia(m_clip.toStdString());
        QVERIFY(info.ok());
        m_info = *info;
        QCOMPARE(m_info.displayWidth(), 640);
        QCOMPARE(m_info.displayHeight(), 360);
        QVERIFY(m_info.audio.has_value());
        m_ladder = planLadder(m_info);
        QVERIFY(findRung(m_ladder, "144p") && findRung(m_ladder, "360p"));
    }

    void previewOfTwoRungs() {
        for (const char* name : {"144p", "360p"}) {
            const VideoRung rung = *findRung(m_ladder, name);
            RungPreviewRequest request;
            request.source_path = m_clip.toStdString();
            request.rung = rung;
            request.window_start_s = 4.5;
            request.window_length_s = 3;
            request.frame_count = 4;
            request.work_dir = m_dir.filePath("work").toStdString();
            std::mutex mutex;
            QList<double> fractions;
            PreviewCallbacks callbacks;
            callbacks.on_progress = [&](double f) {
                std::lock_guard lock(mutex);
                fractions << f;
            };
            auto preview = makeRungPreview(request, callbacks);
            QVERIFY2(preview.ok(), preview.ok() ? "" : preview.error().message.c_str());
            QCOMPARE(preview->rung_name, rung.name);
            QCOMPARE(preview->width, rung.width);
            QCOMPARE(preview->height, rung.height);
            QCOMPARE(preview->bitrate_kbps, rung.bitrate_kbps);
            QCOMPARE(preview->window_start_s, 4.5);
            QCOMPARE(preview->window_length_s, 3.0);
            // The encode starts at the server's segment boundary before the window (4 s segments).
            QCOMPARE(preview->encoded_start_s, 4.0);

            // The encoded file is a real fMP4 of 4.0 .. 7.5 s: 3.5 s at 24 fps, at the rung's size.
            const QString encoded = QString::fromStdString(preview->encoded_path);
            QVERIFY(QFileInfo::exists(encoded));
            QCOMPARE(countFrames(encoded), 84);
            QVERIFY(preview->window_bytes > 0);
            QCOMPARE(preview->window_bytes, QFileInfo(encoded).size());
            // Documented estimate: encoded bytes scaled to the source's duration, plus 128 kb/s of audio.
            const double duration_s = m_info.duration_ms / 1000.0;
            const int64_t expected =
                std::llround(preview->window_bytes * duration_s / 3.5 + 128 * 125.0 * duration_s);
            QCOMPARE(preview->estimated_total_bytes, expected);

            QVERIFY2(preview->psnr_db > 25 && preview->psnr_db < 60,
                     qPrintable(QString::number(preview->psnr_db)));
            QVERIFY2(preview->ssim > 0.8 && preview->ssim < 1.0, qPrintable(QString::number(preview->ssim)));

            QCOMPARE(preview->frames.size(), size_t(4));
            double last_time = -1;
            for (const PreviewFrame& frame : preview->frames) {
                QVERIFY(frame.time_s >= 4.5 && frame.time_s < 7.5);
                QVERIFY(frame.time_s > last_time);
                last_time = frame.time_s;
                QCOMPARE(frame.original.width, 640);
                QCOMPARE(frame.original.height, 360);
                QCOMPARE(frame.original.pixels.size(), size_t(640 * 360 * 4));
                QCOMPARE(frame.encoded.width, rung.width);
                QCOMPARE(frame.encoded.height, rung.height);
                QCOMPARE(frame.encoded.pixels.size(), size_t(rung.width * rung.height * 4));
            }
            // Centres of four equal slices of the window, to the nearest frame at or before.
            QVERIFY(std::abs(preview->frames[0].time_s - (4.5 + 0.375)) < 1.0 / 24 + 1e-3);

            QVERIFY(!fractions.isEmpty());
            for (int i = 1; i < fractions.size(); ++i)
                QVERIFY(fractions[i] >= fractions[i - 1] - 1e-9);
            QVERIFY(std::abs(fractions.last() - 1.0) < 1e-9);
            m_previews[name] = *preview;
        }
        const RungPreview& low = m_previews["144p"];
        const RungPreview& high = m_previews["360p"];
        QVERIFY(high.window_bytes > low.window_bytes);
        QVERIFY(high.estimated_total_bytes > low.estimated_total_bytes);
        // Each rung at its own size measures its encoding loss; a small rung compared with a small picture
        // may well score higher, so that is not a ranking. At the source's size the higher rung scores
        // higher.
        qInfo().noquote() << QString("at rung size: 144p PSNR %1 SSIM %2, 360p PSNR %3 SSIM %4")
                                 .arg(low.psnr_db)
                                 .arg(low.ssim)
                                 .arg(high.psnr_db)
                                 .arg(high.ssim);
        QualityScores at_source[2];
        for (int i = 0; i < 2; ++i) {
            const RungPreview& preview = i == 0 ? low : high;
            QualityRequest request;
            request.reference_path = m_clip.toStdString();
            request.distorted_path = preview.encoded_path;
            request.window_start_s = preview.window_start_s;
            request.window_length_s = preview.window_length_s;
            request.distorted_offset_s = preview.encoded_start_s;
            request.compare_at = CompareAt::SourceSize;
            auto scores = measureQuality(request);
            QVERIFY2(scores.ok(), scores.ok() ? "" : scores.error().message.c_str());
            QCOMPARE(scores->width, 640);
            QCOMPARE(scores->height, 360);
            QCOMPARE(scores->frame_count, 72);
            at_source[i] = *scores;
        }
        const QString ranks = QString("at source size: 144p PSNR %1 SSIM %2, 360p PSNR %3 SSIM %4")
                                  .arg(at_source[0].psnr_db)
                                  .arg(at_source[0].ssim)
                                  .arg(at_source[1].psnr_db)
                                  .arg(at_source[1].ssim);
        qInfo().noquote() << ranks;
        QVERIFY2(at_source[1].psnr_db > at_source[0].psnr_db + 1, qPrintable(ranks));
        QVERIFY2(at_source[1].ssim > at_source[0].ssim + 0.01, qPrintable(ranks));
        // For the rung at the source's size, both ways of measuring are the same comparison.
        QVERIFY(std::abs(at_source[1].psnr_db - high.psnr_db) < 1e-9);
        m_lowAtSource = at_source[0];
    }

    void metricsAgreeWithTheFfmpegCli() {
        QVERIFY(m_previews.size() == 2);
        struct Check {
            QString what;
            const RungPreview& preview;
            double psnr_db;
            double ssim;
            int width;
            int height;
        };
        const RungPreview& low = m_previews["144p"];
        const RungPreview& high = m_previews["360p"];
        const QList<Check> checks = {
            {"144p at its size", low, low.psnr_db, low.ssim, low.width, low.height},
            {"360p at its size", high, high.psnr_db, high.ssim, high.width, high.height},
            {"144p at the source's size", low, m_lowAtSource.psnr_db, m_lowAtSource.ssim, 640, 360},
        };
        for (const Check& check : checks) {
            const CliScores cli = ffmpegScores(check.preview, m_clip, check.width, check.height);
            const QString both = QString("%1: ours PSNR %2 SSIM %3, ffmpeg PSNR %4 SSIM %5")
                                     .arg(check.what)
                                     .arg(check.psnr_db)
                                     .arg(check.ssim)
                                     .arg(cli.psnr_db)
                                     .arg(cli.ssim);
            qInfo().noquote() << both;
            QVERIFY2(std::abs(check.ssim - cli.ssim) < 0.005, qPrintable(both));
            QVERIFY2(std::abs(check.psnr_db - cli.psnr_db) < 0.3, qPrintable(both));
        }
    }

    void windowIsClampedIntoTheSource() {
        RungPreviewRequest request;
        request.source_path = m_clip.toStdString();
        request.rung = *findRung(m_ladder, "144p");
        request.window_start_s = 50; // past the end: the last second
        request.window_length_s = 0.2;
        request.frame_count = 2;
        request.work_dir = m_dir.filePath("work_clamped").toStdString();
        auto preview = makeRungPreview(request);
        QVERIFY2(preview.ok(), preview.ok() ? "" : preview.error().message.c_str());
        const double duration_s = m_info.duration_ms / 1000.0;
        QVERIFY(std::abs(preview->window_start_s - (duration_s - 1.0)) < 1e-9);
        QCOMPARE(preview->window_length_s, 1.0);
        for (const PreviewFrame& frame : preview->frames)
            QVERIFY(frame.time_s >= preview->window_start_s && frame.time_s < duration_s);
    }

    void serverRenditionFromTheMiddleMatchesThePreview() {
        // The server's run of the whole clip (2 s segments), one rung; the app downloads init + segments 2..3
        // (2..6 s) and compares a window inside them.
        const VideoRung rung = *findRung(m_ladder, "360p");
        TranscodeJob job;
        job.source_path = m_clip.toStdString();
        job.output_dir = m_dir.filePath("server").toStdString();
        job.ladder.video = {rung};
        job.ladder.segment_duration_ms = 2000;
        job.ladder.x264_preset = "veryfast";
        job.stills = StillsMode::None;
        TranscodeListener listener;
        auto full = transcodeLadder(job, listener);
        QVERIFY2(full.ok(), full.ok() ? "" : full.error().message.c_str());
        QVERIFY(full->renditions.front().segments.size() >= 4);
        const QString dir = QString::fromStdString(renditionDirectory(job.output_dir, rung.name));
        const QString joined = m_dir.filePath("server_360p_seg2-3.mp4");
        {
            QFile out(joined);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(readAll(dir + "/init.mp4"));
            for (int n : {2, 3})
                out.write(readAll(dir + "/" + QString::fromStdString(CmafWriter::segmentFileName(n))));
        }

        auto compared = compareRendition(m_clip.toStdString(), joined.toStdString(), 3.0, 2.0, 4);
        QVERIFY2(compared.ok(), compared.ok() ? "" : compared.error().message.c_str());
        QCOMPARE(compared->width, rung.width);
        QCOMPARE(compared->height, rung.height);
        QCOMPARE(compared->window_start_s, 3.0);
        QCOMPARE(compared->window_length_s, 2.0);
        QCOMPARE(compared->window_bytes, QFileInfo(joined).size());
        QCOMPARE(compared->estimated_total_bytes, int64_t(0));
        QCOMPARE(compared->frames.size(), size_t(4));

        RungPreviewRequest request;
        request.source_path = m_clip.toStdString();
        request.rung = rung;
        request.segment_duration_ms = 2000;
        request.window_start_s = 3.0;
        request.window_length_s = 2.0;
        request.frame_count = 4;
        request.work_dir = m_dir.filePath("work_middle").toStdString();
        auto preview = makeRungPreview(request);
        QVERIFY2(preview.ok(), preview.ok() ? "" : preview.error().message.c_str());
        QCOMPARE(preview->encoded_start_s, 2.0);
        QCOMPARE(compared->encoded_start_s, 2.0); // the first downloaded segment's time

        const QString both = QString("rendition PSNR %1 SSIM %2, preview PSNR %3 SSIM %4")
                                 .arg(compared->psnr_db)
                                 .arg(compared->ssim)
                                 .arg(preview->psnr_db)
                                 .arg(preview->ssim);
        qInfo().noquote() << both;
        // Two encodes of the same frames with the same keyframes, one with the whole clip's rate-control
        // history: close, not equal. A rendition paired with the wrong source frames would score far lower.
        QVERIFY2(std::abs(compared->psnr_db - preview->psnr_db) < 1.5, qPrintable(both));
        QVERIFY2(std::abs(compared->ssim - preview->ssim) < 0.01, qPrintable(both));
        QVERIFY2(compared->psnr_db > 30, qPrintable(both));

        // Frame by frame: the same instants, and the rendition's picture is the source's picture at that
        // instant (360p = the source size, so pixels compare directly; a frame's neighbour differs far more).
        for (size_t i = 0; i < compared->frames.size(); ++i) {
            const PreviewFrame& frame = compared->frames[i];
            QCOMPARE(frame.time_s, preview->frames[i].time_s);
            QVERIFY(frame.time_s >= 3.0 && frame.time_s < 5.0);
            const double same = meanAbsDiff(frame.original, frame.encoded);
            const double neighbour = meanAbsDiff(compared->frames[(i + 1) % 4].original, frame.encoded);
            QVERIFY2(same < 8.0 && same < neighbour / 2,
                     qPrintable(QString("frame %1: %2 vs neighbour %3").arg(i).arg(same).arg(neighbour)));
        }

        // Outside the downloaded segments there is nothing to compare.
        auto outside = compareRendition(m_clip.toStdString(), joined.toStdString(), 6.5, 1.0, 2);
        QVERIFY(!outside.ok());
        QCOMPARE(outside.error().code, std::string("window_outside_rendition"));
    }

    void identicalFilesScoreTheCeiling() {
        QualityRequest request;
        request.reference_path = m_clip.toStdString();
        request.distorted_path = m_clip.toStdString();
        request.window_start_s = 1.0;
        request.window_length_s = 1.0;
        auto scores = measureQuality(request);
        QVERIFY2(scores.ok(), scores.ok() ? "" : scores.error().message.c_str());
        QCOMPARE(scores->frame_count, 24);
        QCOMPARE(scores->psnr_db, kMaxPsnrDb); // infinite, capped; never inf or NaN
        QVERIFY(scores->ssim > 0.9999 && scores->ssim <= 1.0);

        auto compared = compareRendition(m_clip.toStdString(), m_clip.toStdString(), 1.0, 1.0, 2);
        QVERIFY(compared.ok());
        QCOMPARE(compared->psnr_db, kMaxPsnrDb);
        QVERIFY(!std::isnan(compared->ssim) && compared->ssim > 0.9999);
        QVERIFY(meanAbsDiff(compared->frames[0].original, compared->frames[0].encoded) == 0.0);
    }

    void cancellationStopsPromptly() {
        RungPreviewRequest request;
        request.source_path = m_clip.toStdString();
        request.rung = *findRung(m_ladder, "360p");
        request.window_length_s = 6;
        request.work_dir = m_dir.filePath("work_cancel").toStdString();
        std::atomic<bool> cancel{false};
        double last = 0;
        PreviewCallbacks callbacks;
        callbacks.cancel = &cancel;
        callbacks.on_progress = [&](double f) {
            last = f;
            if (f > 0.0)
                cancel = true;
        };
        auto preview = makeRungPreview(request, callbacks);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.error().code, std::string("cancelled"));
        // Stopped before the end. (How far the encode got before the first progress report depends on the
        // machine's load, so no tighter bound: a timed assertion would be flaky.)
        QVERIFY(last < 1.0);

        // Cancelled during the measurement of an existing file, too.
        std::atomic<bool> already{true};
        auto compared = compareRendition(m_clip.toStdString(), m_clip.toStdString(), 0, 2, 2, {{}, &already});
        QVERIFY(!compared.ok());
        QCOMPARE(compared.error().code, std::string("cancelled"));
    }

    void missingFilesAreErrors() {
        RungPreviewRequest request;
        request.source_path = m_dir.filePath("nope.mp4").toStdString();
        request.rung = *findRung(m_ladder, "144p");
        request.work_dir = m_dir.filePath("work_missing").toStdString();
        auto preview = makeRungPreview(request);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.error().code, std::string("media_unreadable"));

        auto compared =
            compareRendition(m_clip.toStdString(), m_dir.filePath("nope.mp4").toStdString(), 0, 2, 2);
        QVERIFY(!compared.ok());
        QCOMPARE(compared.error().code, std::string("media_unreadable"));
        auto noSource =
            compareRendition(m_dir.filePath("nope.mp4").toStdString(), m_clip.toStdString(), 0, 2, 2);
        QVERIFY(!noSource.ok());
    }

    void samplerAppliesRotationAndCapsTheSize() {
        const QString rotated =
            makeClip(m_dir.path(), m_clip, 0, 2, {"-an", "-c:v", "copy", "-metadata:s:v:0", "rotate=90"},
                     "rotated.mp4");
        QVERIFY(!rotated.isEmpty());
        auto frames = sampleFrames(rotated.toStdString(), {1.0, 0.5});
        QVERIFY2(frames.ok(), frames.ok() ? "" : frames.error().message.c_str());
        QCOMPARE(frames->size(), size_t(2));
        QCOMPARE((*frames)[0].image.width, 360); // portrait, as displayed
        QCOMPARE((*frames)[0].image.height, 640);
        // Answers keep the order asked; each is the frame at or before its time.
        QVERIFY((*frames)[0].time_s <= 1.0 + 1e-3 && (*frames)[0].time_s > 1.0 - 1.0 / 24);
        QVERIFY((*frames)[1].time_s <= 0.5 + 1e-3 && (*frames)[1].time_s > 0.5 - 1.0 / 24);

        SampleOptions capped;
        capped.max_height = 180;
        auto small = sampleFrames(m_clip.toStdString(), {0.0}, capped);
        QVERIFY(small.ok());
        QCOMPARE((*small)[0].image.width, 320);
        QCOMPARE((*small)[0].image.height, 180);
        QCOMPARE((*small)[0].time_s, 0.0);
        QCOMPARE(fitWithin(640, 360, 1280, 720), std::make_pair(640, 360));
        QCOMPARE(fitWithin(1920, 1080, 1280, 720), std::make_pair(1280, 720));
        QCOMPARE(fitWithin(1080, 1920, 0, 720), std::make_pair(404, 720));
    }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    MediaInfo m_info;
    Ladder m_ladder;
    QMap<QString, RungPreview> m_previews;
    QualityScores m_lowAtSource;
};

QTEST_GUILESS_MAIN(TestRungPreview)
#include "test_rung_preview.moc"
