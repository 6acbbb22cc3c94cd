// Hardware video decoding and its software fallback on a real CMAF rendition: ~4 s of Big Buck Bunny through
// the project's ladder transcoder (the 360p rung, 2 s segments), decoded by SegmentDecoder as the player
// does. FRAMECAST_HWDEC=none is today's software path ("h264") and the reference. A device that cannot be
// created here ("vaapi" without /dev/dri), one the decoder cannot use, an unknown name and auto all decode
// the very same pictures (plane checksums) with one warning at most; where a VA-API render node exists,
// "vaapi" must decode on it: the same frames and timestamps, pixels within a small mean difference. The
// device-to-memory copy runs on Mesa's software Vulkan device where there is one.
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <unistd.h>

#include "core/media/cmaf_writer.h"
#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"
#include "core/playback/segment_decoder.h"
#include "core/util/log.h"
#include "tests/server/test_upload_helpers.h" // readFile
#include "tests/support/test_server.h"

using namespace fc::media;
using fc::playback::DecodedVideoFrame;
using fc::playback::SegmentDecoder;

namespace {

struct Picture {
    double pts_s = 0;
    int width = 0;
    int height = 0;
    std::array<QByteArray, 3> planes; // I420, rows packed
    std::array<QByteArray, 3> sums;   // SHA-1 of each plane
};

struct Decoded {
    QString error;
    std::string codec_name;
    std::vector<Picture> pictures;
    QStringList warnings; // what the decoder logged at warn level or above
};

Picture capture(const DecodedVideoFrame& frame, double pts_s) {
    Picture picture;
    picture.pts_s = pts_s;
    picture.width = frame.width();
    picture.height = frame.height();
    for (int i = 0; i < 3; ++i) {
        const int width = i == 0 ? frame.width() : (frame.width() + 1) / 2;
        const int height = i == 0 ? frame.height() : (frame.height() + 1) / 2;
        for (int row = 0; row < height; ++row)
            picture.planes[i].append(reinterpret_cast<const char*>(frame.plane(i)) + row * frame.stride(i),
                                     width);
        picture.sums[i] = QCryptographicHash::hash(picture.planes[i], QCryptographicHash::Sha1);
    }
    return picture;
}

// Mean absolute difference over all three planes of two pictures of the same size.
double meanAbsDiff(const Picture& a, const Picture& b) {
    double sum = 0;
    qint64 count = 0;
    for (int i = 0; i < 3; ++i) {
        for (qsizetype k = 0; k < a.planes[i].size(); ++k)
            sum += std::abs(int(uchar(a.planes[i][k])) - int(uchar(b.planes[i][k])));
        count += a.planes[i].size();
    }
    return count ? sum / double(count) : 0;
}

} // namespace

class TestHwDecode : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<const std::string> m_init;
    std::vector<std::string> m_segments;
    Decoded m_software;
    int m_frame_count = 0;

    // A fresh decoder (it reads FRAMECAST_HWDEC when it opens) over the whole rendition; null = unset.
    Decoded decodeWith(const char* hwdec) {
        if (hwdec)
            qputenv("FRAMECAST_HWDEC", hwdec);
        else
            qunsetenv("FRAMECAST_HWDEC");
        Decoded decoded;
        fc::setLogSink([&](fc::LogLevel level, std::string_view line) {
            if (level < fc::LogLevel::Warn)
                return;
            decoded.warnings << QString::fromUtf8(line.data(), qsizetype(line.size()));
            qInfo().noquote() << "FRAMECAST_HWDEC" << (hwdec ? hwdec : "unset")
                              << "warns:" << decoded.warnings.last();
        });
        SegmentDecoder decoder;
        for (const std::string& segment : m_segments) {
            auto result = decoder.decode(m_init, segment, [&](FramePtr frame, double pts_s) {
                const DecodedVideoFrame picture(std::move(frame), std::llround(pts_s * 1e6));
                decoded.pictures.push_back(capture(picture, pts_s));
                return true;
            });
            if (!result) {
                decoded.error = QString::fromStdString(result.error().message);
                break;
            }
        }
        decoded.codec_name = decoder.codecName();
        fc::setLogSink({});
        qunsetenv("FRAMECAST_HWDEC");
        return decoded;
    }

    // Software output must equal the reference bit for bit; output from a device only closely.
    void compareWithSoftware(const Decoded& decoded) {
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.pictures.size(), m_software.pictures.size());
        const bool on_device = decoded.codec_name != "h264";
        if (on_device)
            QVERIFY2(decoded.codec_name.rfind("h264, ", 0) == 0, decoded.codec_name.c_str());
        for (size_t i = 0; i < decoded.pictures.size(); ++i) {
            const Picture& ours = decoded.pictures[i];
            const Picture& reference = m_software.pictures[i];
            QCOMPARE(ours.pts_s, reference.pts_s);
            QCOMPARE(ours.width, reference.width);
            QCOMPARE(ours.height, reference.height);
            if (!on_device) {
                for (int plane = 0; plane < 3; ++plane)
                    QVERIFY2(ours.sums[plane] == reference.sums[plane],
                             qPrintable(QString("frame %1 plane %2 differs").arg(i).arg(plane)));
                continue;
            }
            // H.264 decoding is exact by the standard; allow for a device's own download/conversion.
            const double diff = meanAbsDiff(ours, reference);
            QVERIFY2(diff < 1.0, qPrintable(QString("frame %1: mean abs diff %2").arg(i).arg(diff)));
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString clip =
            fc::test::makeClip(m_dir.path(), fc::test::sharedMedia("big_buck_bunny.mp4"), 20, 4);
        QVERIFY(!clip.isEmpty());
        auto info = probeMedia(clip.toStdString());
        QVERIFY(info.ok());
        TranscodeJob job;
        job.source_path = clip.toStdString();
        job.output_dir = m_dir.filePath("out").toStdString();
        job.ladder = planLadder(*info);
        QCOMPARE(job.ladder.video.back().name, std::string("360p")); // the source's own size, 640x360
        job.ladder.video = {job.ladder.video.back()};
        job.ladder.audio.reset();
        job.ladder.segment_duration_ms = 2000;
        job.stills = StillsMode::None;
        TranscodeListener listener;
        auto result = transcodeLadder(job, listener);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(result->renditions.size(), size_t(1));
        const QString dir = QString::fromStdString(renditionDirectory(job.output_dir, "360p"));
        m_init = std::make_shared<const std::string>(fc::test::readFile(dir + "/init.mp4").toStdString());
        QVERIFY(!m_init->empty());
        const RenditionSummary& rendition = result->renditions.front();
        double duration_s = 0;
        for (const SegmentInfo& segment : rendition.segments) {
            m_segments.push_back(
                fc::test::readFile(dir + "/" +
                                   QString::fromStdString(CmafWriter::segmentFileName(segment.number)))
                    .toStdString());
            duration_s += segment.durationSeconds(rendition.timescale);
        }
        // A stream-copied cut ends on a frame boundary after 4 s: 2 + 2 s and a short last segment.
        QVERIFY(m_segments.size() >= 2);
        QCOMPARE(rendition.frame_rate, 24.0);
        m_frame_count = int(std::lround(duration_s * rendition.frame_rate));
        QVERIFY(m_frame_count >= 96);
        // The reference every other path is compared with (each test function can run on its own).
        m_software = decodeWith("none");
    }

    void noneDecodesInSoftware() {
        QVERIFY2(m_software.error.isEmpty(), qPrintable(m_software.error));
        QCOMPARE(m_software.codec_name, std::string("h264"));
        QVERIFY(m_software.warnings.isEmpty());
        QCOMPARE(int(m_software.pictures.size()), m_frame_count); // every frame the transcoder wrote
        double last = -1;
        for (const Picture& picture : m_software.pictures) {
            QCOMPARE(picture.width, 640);
            QCOMPARE(picture.height, 360);
            QVERIFY(picture.pts_s > last);
            last = picture.pts_s;
        }
        QVERIFY(std::abs(last - m_software.pictures.front().pts_s - (m_frame_count - 1) / 24.0) < 0.01);
    }

    void vaapiDecodesOnTheDeviceOrFallsBack() {
        const Decoded vaapi = decodeWith("vaapi");
        compareWithSoftware(vaapi);
        if (QFile::exists("/dev/dri/renderD128")) {
            QVERIFY2(vaapi.codec_name.find("vaapi") != std::string::npos, vaapi.codec_name.c_str());
            return;
        }
        // No device here: the same software decode, and one line saying why.
        QCOMPARE(vaapi.codec_name, std::string("h264"));
        QCOMPARE(vaapi.warnings.size(), 1);
        QVERIFY2(vaapi.warnings.first().contains("vaapi"), qPrintable(vaapi.warnings.first()));
    }

    void unknownNameFallsBackWithOneWarning() {
        const Decoded bogus = decodeWith("bogus");
        compareWithSoftware(bogus);
        QCOMPARE(bogus.codec_name, std::string("h264"));
        QCOMPARE(bogus.warnings.size(), 1);
        QVERIFY2(bogus.warnings.first().contains("FRAMECAST_HWDEC=bogus"),
                 qPrintable(bogus.warnings.first()));
    }

    void deviceTheDecoderCannotUseFallsBack() {
        // FFmpeg 5.1's h264 decoder has no Vulkan hwaccel (6.1 added one), whether or not a device exists.
        const Decoded vulkan = decodeWith("vulkan");
        compareWithSoftware(vulkan);
        if (LIBAVCODEC_VERSION_MAJOR < 60) {
            QCOMPARE(vulkan.codec_name, std::string("h264"));
            QCOMPARE(vulkan.warnings.size(), 1);
            QVERIFY2(vulkan.warnings.first().contains("cannot decode on vulkan"),
                     qPrintable(vulkan.warnings.first()));
        }
    }

    void downloadCopiesADevicePictureToMemory() {
        // The device half of the path on a device that exists without a GPU: Mesa's software Vulkan
        // (lavapipe). An NV12 picture uploaded to it comes back through downloadFrame as NV12, pixels,
        // size and timestamps intact.
        AVBufferRef* raw_device = nullptr;
        if (av_hwdevice_ctx_create(&raw_device, AV_HWDEVICE_TYPE_VULKAN, nullptr, nullptr, 0) < 0)
            QSKIP("no Vulkan device (not even lavapipe)");
        const fc::media::BufferRefPtr device(raw_device);
        fc::media::BufferRefPtr frames(av_hwframe_ctx_alloc(device.get()));
        QVERIFY(frames);
        auto* context = reinterpret_cast<AVHWFramesContext*>(frames->data);
        context->format = AV_PIX_FMT_VULKAN;
        context->sw_format = AV_PIX_FMT_NV12;
        context->width = 640;
        context->height = 360;
        QCOMPARE(av_hwframe_ctx_init(frames.get()), 0);

        const Picture& source = m_software.pictures.at(10); // a real picture, its chroma interleaved
        FramePtr nv12 = makeFrame();
        nv12->format = AV_PIX_FMT_NV12;
        nv12->width = 640;
        nv12->height = 360;
        QCOMPARE(av_frame_get_buffer(nv12.get(), 0), 0);
        for (int row = 0; row < 360; ++row)
            std::memcpy(nv12->data[0] + row * nv12->linesize[0], source.planes[0].constData() + row * 640,
                        640);
        for (int row = 0; row < 180; ++row)
            for (int x = 0; x < 320; ++x) {
                nv12->data[1][row * nv12->linesize[1] + 2 * x] = uint8_t(source.planes[1][row * 320 + x]);
                nv12->data[1][row * nv12->linesize[1] + 2 * x + 1] = uint8_t(source.planes[2][row * 320 + x]);
            }
        FramePtr on_device = makeFrame();
        QCOMPARE(av_hwframe_get_buffer(frames.get(), on_device.get(), 0), 0);
        QCOMPARE(av_hwframe_transfer_data(on_device.get(), nv12.get(), 0), 0);
        on_device->pts = 4321;
        on_device->best_effort_timestamp = 4321;

        auto downloaded = fc::playback::downloadFrame(std::move(on_device));
        QVERIFY2(downloaded.ok(), downloaded.ok() ? "" : downloaded.error().message.c_str());
        const AVFrame* back = downloaded->get();
        QVERIFY(!back->hw_frames_ctx);
        QCOMPARE(back->format, int(AV_PIX_FMT_NV12));
        QCOMPARE(back->width, 640);
        QCOMPARE(back->height, 360);
        QCOMPARE(back->pts, int64_t(4321));
        QCOMPARE(back->best_effort_timestamp, int64_t(4321));
        for (int row = 0; row < 360; ++row)
            QVERIFY(std::memcmp(back->data[0] + row * back->linesize[0],
                                nv12->data[0] + row * nv12->linesize[0], 640) == 0);
        for (int row = 0; row < 180; ++row)
            QVERIFY(std::memcmp(back->data[1] + row * back->linesize[1],
                                nv12->data[1] + row * nv12->linesize[1], 640) == 0);

        // A software frame passes through untouched (the same buffers, no copy).
        const uint8_t* data = nv12->data[0];
        auto passed = fc::playback::downloadFrame(std::move(nv12));
        QVERIFY(passed.ok());
        QCOMPARE((*passed)->data[0], data);
    }

    void autoIsTheDefault() {
        const Decoded unset = decodeWith(nullptr);
        compareWithSoftware(unset);
        const Decoded named = decodeWith("auto");
        compareWithSoftware(named);
        QCOMPARE(named.codec_name, unset.codec_name);
        QVERIFY2(unset.warnings.isEmpty(), qPrintable(unset.warnings.join('\n'))); // no device is no warning
    }

    // Auto's probe keeps libav quiet about the devices it does not find (here: every one), while libav's
    // other messages still reach stderr.
    void autoProbeKeepsLibavQuiet() {
        const AVCodec* h264 = avcodec_find_decoder(AV_CODEC_ID_H264);
        QVERIFY(h264);
        QTemporaryDir dir;
        const QString path = dir.filePath("stderr.txt");
        std::fflush(stderr);
        const int saved = dup(fileno(stderr));
        QVERIFY(std::freopen(qPrintable(path), "w", stderr));
        auto probed =
            fc::playback::HwDevice::create(h264, {fc::playback::HwDecodeMode::Auto, AV_HWDEVICE_TYPE_NONE});
        av_log(nullptr, AV_LOG_ERROR, "framecast-marker after the probe\n");
        std::fflush(stderr);
        dup2(saved, fileno(stderr));
        close(saved);
        const QString logged = QString::fromUtf8(fc::test::readFile(path));
        QVERIFY2(logged.contains("framecast-marker after the probe"), qPrintable(logged));
        if (probed.ok())
            QSKIP("this machine has a hardware device, so the probe had nothing to be quiet about");
        QVERIFY2(!logged.contains("AVHWDeviceContext"), qPrintable(logged));
    }
};

QTEST_GUILESS_MAIN(TestHwDecode)
#include "test_hw_decode.moc"
