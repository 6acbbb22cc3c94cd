// ui/player's sink adapters. Video: an I420 picture arrives in the QVideoSink with its size, planes and time;
// frames presented while a hand-over is queued are coalesced to the newest one (the presenter never waits
// for the GUI thread); a destroyed QVideoSink is let go of safely; presenting from another thread works.
// Audio: the PCM ring buffer (wrap-around, full, clear, consumed count) and open() refusing when the
// machine has no audio output rather than pretending. Sound through a real device: test_audio_device.
#include <QSignalSpy>
#include <QThread>
#include <QVideoFrame>
#include <QVideoSink>
#include <QtTest>

#include <vector>

#include "ui/player/qt_audio_sink_adapter.h"
#include "ui/player/qt_video_sink_adapter.h"

using namespace fc;
using namespace fc::ui;

namespace {

// A w×h I420 picture with padded strides: Y = value, U = value + 1, V = value + 2.
class TestFrame : public playback::VideoFrame {
public:
    TestFrame(int width, int height, uint8_t value, int64_t pts_us)
        : m_width(width), m_height(height), m_pts(pts_us) {
        for (int plane = 0; plane < 3; ++plane) {
            m_strides[plane] = (plane == 0 ? width : (width + 1) / 2) + 16;
            const int rows = plane == 0 ? height : (height + 1) / 2;
            m_planes[plane].assign(size_t(m_strides[plane] * rows), uint8_t(value + plane));
        }
    }
    int width() const override { return m_width; }
    int height() const override { return m_height; }
    const uint8_t* plane(int index) const override { return m_planes[index].data(); }
    int stride(int index) const override { return m_strides[index]; }
    int64_t ptsUs() const override { return m_pts; }

private:
    int m_width;
    int m_height;
    int64_t m_pts;
    std::vector<uint8_t> m_planes[3];
    int m_strides[3] = {};
};

} // namespace

class TestPlayerSinks : public QObject {
    Q_OBJECT
private slots:
    void framesReachTheQVideoSink() {
        QVideoSink sink;
        QSignalSpy changed(&sink, &QVideoSink::videoFrameChanged);
        QtVideoSinkAdapter adapter;
        adapter.setVideoSink(&sink);
        adapter.presentFrame(TestFrame(426, 240, 50, 1'000'000));
        QCOMPARE(changed.count(), 0); // handed over on the sink's thread, not inline
        QTRY_COMPARE(changed.count(), 1);
        QVideoFrame frame = sink.videoFrame();
        QCOMPARE(frame.size(), QSize(426, 240));
        QCOMPARE(frame.pixelFormat(), QVideoFrameFormat::Format_YUV420P);
        QCOMPARE(frame.startTime(), qint64(1'000'000));
        QVERIFY(frame.map(QVideoFrame::ReadOnly));
        QCOMPARE(int(frame.bits(0)[0]), 50);
        QCOMPARE(int(frame.bits(0)[frame.bytesPerLine(0) * 239 + 425]), 50); // last luma sample
        QCOMPARE(int(frame.bits(1)[frame.bytesPerLine(1) * 119 + 212]), 51);
        QCOMPARE(int(frame.bits(2)[0]), 52);
        frame.unmap();
        QCOMPARE(adapter.framesShown(), int64_t(1));
        QCOMPARE(adapter.lastFrameSize(), QSize(426, 240));
    }

    void framesPresentedMeanwhileAreCoalesced() {
        QVideoSink sink;
        QSignalSpy changed(&sink, &QVideoSink::videoFrameChanged);
        QtVideoSinkAdapter adapter;
        adapter.setVideoSink(&sink);
        for (int i = 0; i < 5; ++i) // the GUI thread is busy: nothing is delivered in between
            adapter.presentFrame(TestFrame(64, 36, uint8_t(10 * i), i * 40'000));
        QTRY_COMPARE(changed.count(), 1);
        QTest::qWait(50);
        QCOMPARE(changed.count(), 1); // one hand-over, of the newest frame
        QCOMPARE(sink.videoFrame().startTime(), qint64(4 * 40'000));
        QCOMPARE(adapter.framesPresented(), int64_t(5));
        QCOMPARE(adapter.framesShown(), int64_t(1));
    }

    void presentsFromAnotherThreadAndSurvivesTheSinkGoing() {
        auto sink = std::make_unique<QVideoSink>();
        QSignalSpy changed(sink.get(), &QVideoSink::videoFrameChanged);
        QtVideoSinkAdapter adapter;
        adapter.setVideoSink(sink.get());
        std::unique_ptr<QThread> presenter(QThread::create([&] {
            for (int i = 0; i < 50; ++i) {
                adapter.presentFrame(TestFrame(64, 36, 1, i));
                QThread::msleep(2);
            }
        }));
        presenter->start();
        QTRY_VERIFY(changed.count() >= 1);
        sink.reset(); // the VideoOutput went away mid-stream
        QVERIFY(presenter->wait(10000));
        QTest::qWait(20);
        QCOMPARE(adapter.framesPresented(), int64_t(50));
        adapter.presentFrame(TestFrame(64, 36, 1, 99)); // with no sink: counted and dropped
        QCOMPARE(adapter.framesPresented(), int64_t(51));
    }

    void pcmRingBuffer() {
        PcmRingBuffer ring(8);
        QVERIFY(ring.open(QIODevice::ReadOnly));
        QCOMPARE(ring.push("abcdef", 6), int64_t(6));
        QCOMPARE(ring.push("ghij", 4), int64_t(2)); // full: takes what fits
        QCOMPARE(ring.queuedBytes(), int64_t(8));
        char out[16] = {};
        QCOMPARE(ring.read(out, 5), qint64(5));
        QCOMPARE(QByteArray(out, 5), QByteArray("abcde"));
        QCOMPARE(ring.push("klmno", 5), int64_t(5)); // wraps around the end
        QCOMPARE(ring.read(out, 16), qint64(8));
        QCOMPARE(QByteArray(out, 8), QByteArray("fghklmno"));
        QCOMPARE(ring.read(out, 16), qint64(0)); // empty: an underrun, not an error
        QCOMPARE(ring.consumedBytes(), int64_t(13));
        ring.push("pq", 2);
        ring.clear();
        QCOMPARE(ring.queuedBytes(), int64_t(0));
        QCOMPARE(ring.consumedBytes(), int64_t(0));
    }

    void audioOpensOnlyWithAnOutputDevice() {
        QtAudioSinkAdapter audio;
        const bool opened = audio.open(48000, 2);
        QCOMPARE(opened, QtAudioSinkAdapter::hasAudioOutput());
        const std::vector<int16_t> pcm(4800 * 2, 0);
        if (!opened) {
            QCOMPARE(audio.write(pcm.data(), 4800), int64_t(0));
            QCOMPARE(audio.playedFrames(), int64_t(0));
            QSKIP("no audio output on this machine: the engine runs on its wall clock");
        }
        QVERIFY(audio.write(pcm.data(), 4800) > 0);
        audio.flush();
        QCOMPARE(audio.playedFrames(), int64_t(0));
    }
};

QTEST_MAIN(TestPlayerSinks)
#include "test_player_sinks.moc"
