// Sound through a real audio device: a private PulseAudio server with a null sink (PulseAudioServer) stands
// in for the sound card, and its monitor is recorded, so these tests check the samples that left the
// application rather than what it meant to send. QtAudioSinkAdapter: a tone arrives on the right channels at
// the right level, volume scales it and 0 silences it, pause stops the device clock (the engine's A/V clock)
// and resume restarts it. The player: a clip uploaded to a real framecastd, played by PlayerController
// through the engine into the device, sounds like the clip (normalised cross-correlation with ffmpeg's own
// decode of it) and for as long as it lasts; mute silences it.
#include <QVideoSink>
#include <QtTest>

#include <cmath>
#include <numbers>
#include <optional>

#include "tests/server/test_upload_helpers.h"
#include "tests/ui/app_harness.h"
#include "tests/ui/pulse_audio_server.h"
#include "ui/player/player_controller.h"
#include "ui/player/qt_audio_sink_adapter.h"

using namespace fc;
using namespace fc::test;

namespace {

constexpr int kRate = PulseAudioServer::kRate_hz;
constexpr double kToneAmplitude = 0.5 * 32767;
constexpr double kClip_s = 6;

// Interleaved stereo: 440 Hz on the left, 880 Hz on the right.
std::vector<int16_t> stereoTone(double seconds, double amplitude = kToneAmplitude) {
    const size_t frames = size_t(seconds * kRate);
    std::vector<int16_t> pcm(frames * 2);
    for (size_t i = 0; i < frames; ++i) {
        const double t = double(i) / kRate;
        pcm[2 * i] = int16_t(std::lround(amplitude * std::sin(2 * std::numbers::pi * 440 * t)));
        pcm[2 * i + 1] = int16_t(std::lround(amplitude * std::sin(2 * std::numbers::pi * 880 * t)));
    }
    return pcm;
}

// Feeds the whole buffer to the adapter as its ring frees up, as the engine does.
bool writeAll(ui::QtAudioSinkAdapter& audio, const std::vector<int16_t>& pcm) {
    int64_t written = 0;
    const int64_t frames = int64_t(pcm.size() / 2);
    return QTest::qWaitFor(
        [&] {
            written += audio.write(pcm.data() + 2 * written, frames - written);
            return written == frames;
        },
        20000);
}

// Plays `tone` through a new adapter at `volume` and returns what the device played, recorded from its
// monitor; nullopt if the device clock did not reach exactly the frames written.
std::optional<std::vector<int16_t>> playAndRecord(const PulseAudioServer& pulse,
                                                  const std::vector<int16_t>& tone, double volume = 1.0) {
    ui::QtAudioSinkAdapter audio;
    audio.setVolume(volume);
    AudioRecorder recorder(pulse);
    if (!audio.open(kRate, 2) || !recorder.start() || !writeAll(audio, tone))
        return std::nullopt;
    const int64_t frames = int64_t(tone.size() / 2);
    if (!QTest::qWaitFor([&] { return audio.playedFrames() >= frames; }, 10000) ||
        audio.playedFrames() != frames)
        return std::nullopt;
    QTest::qWait(300); // the monitor's own latency
    return recorder.stop();
}

// Mono, block-averaged to kRate / factor: enough to line two recordings up by their envelopes and waveforms.
std::vector<double> downmix(const std::vector<int16_t>& pcm, size_t factor) {
    std::vector<double> out(pcm.size() / 2 / factor);
    for (size_t i = 0; i < out.size(); ++i) {
        double sum = 0;
        for (size_t k = 0; k < factor; ++k)
            sum += double(pcm[2 * (i * factor + k)]) + double(pcm[2 * (i * factor + k) + 1]);
        out[i] = sum / double(2 * factor);
    }
    return out;
}

// The best normalised correlation of `needle` against `hay` over every lag, and that lag.
std::pair<double, size_t> bestCorrelation(const std::vector<double>& hay, const std::vector<double>& needle) {
    double needle_energy = 0;
    for (double v : needle)
        needle_energy += v * v;
    std::pair<double, size_t> best{-1.0, 0};
    for (size_t lag = 0; lag + needle.size() <= hay.size(); ++lag) {
        double dot = 0, energy = 0;
        for (size_t i = 0; i < needle.size(); ++i) {
            dot += hay[lag + i] * needle[i];
            energy += hay[lag + i] * hay[lag + i];
        }
        const double r = energy > 0 && needle_energy > 0 ? dot / std::sqrt(energy * needle_energy) : 0;
        if (r > best.first)
            best = {r, lag};
    }
    return best;
}

} // namespace

class TestAudioDevice : public QObject {
    Q_OBJECT
    PulseAudioServer m_pulse;
    QTemporaryDir m_dir;
    TestServer m_server;
    std::unique_ptr<AppHarness> m_harness;
    std::string m_videoId;
    std::vector<int16_t> m_reference; // ffmpeg's decode of the uploaded clip, 48 kHz stereo

    std::string token() { return m_harness->app().api()->tokens().access_token.toStdString(); }

private slots:
    void initTestCase() {
        QVERIFY2(m_pulse.start(), qPrintable(m_pulse.log()));
        QVERIFY2(ui::QtAudioSinkAdapter::hasAudioOutput(), "Qt sees no output device on the test server");
    }

    void aToneArrivesOnItsChannelsAtItsLevel() {
        // The device clock reaches everything written, and no further.
        const auto played = playAndRecord(m_pulse, stereoTone(1.5));
        QVERIFY(played);
        const auto& recorded = *played;
        const auto [begin, end] = audibleRange(recorded, 200);
        QVERIFY2(end > begin, "nothing audible was recorded");
        // All of it played, once: 1.5 s of sound (the edges of the sine are below the threshold for a
        // sample).
        QVERIFY2(std::abs(double(end - begin) / kRate - 1.5) < 0.02,
                 qPrintable(QStringLiteral("audible for %1 s").arg(double(end - begin) / kRate)));
        const size_t from = begin + kRate / 10, to = end - kRate / 10;
        const double expected_rms = kToneAmplitude / std::sqrt(2.0);
        for (int channel = 0; channel < 2; ++channel) {
            const double rms = channelRms(recorded, channel, from, to);
            QVERIFY2(std::abs(rms / expected_rms - 1) < 0.05, qPrintable(QString::number(rms)));
        }
        // Left is 440 Hz, right 880 Hz: each channel's own tone carries nearly all of its power.
        QVERIFY(tonePower(recorded, 0, 440, from, to) > 100 * tonePower(recorded, 0, 880, from, to));
        QVERIFY(tonePower(recorded, 1, 880, from, to) > 100 * tonePower(recorded, 1, 440, from, to));
    }

    void soundComesBackAfterTheRingRanDry() {
        // What a network stall does to the device: everything written has played and the sink idles. The
        // next write must sound (it did not before PcmRingBuffer announced new data: the sink stopped
        // pulling).
        ui::QtAudioSinkAdapter audio;
        QVERIFY(audio.open(kRate, 2));
        AudioRecorder recorder(m_pulse);
        QVERIFY(recorder.start());
        const auto tone = stereoTone(0.5);
        const int64_t frames = int64_t(tone.size() / 2);
        QVERIFY(writeAll(audio, tone));
        QVERIFY(QTest::qWaitFor([&] { return audio.playedFrames() >= frames; }, 10000));
        QTest::qWait(500); // underrun
        QVERIFY(writeAll(audio, tone));
        QVERIFY2(
            QTest::qWaitFor([&] { return audio.playedFrames() >= 2 * frames; }, 10000),
            qPrintable(QStringLiteral("played %1 of %2 frames").arg(audio.playedFrames()).arg(2 * frames)));
        QTest::qWait(300);
        const auto recorded = recorder.stop();
        const auto [begin, end] = audibleRange(recorded, 200);
        QVERIFY(end > begin);
        // Two bursts of 0.5 s with the silent gap between them: at least 1.4 s from the first to the last.
        QVERIFY2(double(end - begin) / kRate > 1.4, qPrintable(QString::number(double(end - begin) / kRate)));
    }

    void volumeScalesTheSoundAndZeroSilencesIt() {
        for (const double volume : {0.25, 0.0}) {
            const auto played = playAndRecord(m_pulse, stereoTone(1.0), volume);
            QVERIFY(played);
            const auto& recorded = *played;
            const double rms = channelRms(recorded, 0, 0, recorded.size() / 2);
            if (volume == 0) {
                QVERIFY2(rms < 1, qPrintable(QString::number(rms)));
                continue;
            }
            const auto [begin, end] = audibleRange(recorded, 100);
            QVERIFY(end > begin + kRate / 2);
            const double level = channelRms(recorded, 0, begin + kRate / 10, end - kRate / 10);
            const double expected = volume * kToneAmplitude / std::sqrt(2.0);
            QVERIFY2(std::abs(level / expected - 1) < 0.1, qPrintable(QString::number(level)));
        }
    }

    void pauseStopsTheDeviceClockAndResumeRestartsIt() {
        ui::QtAudioSinkAdapter audio;
        QVERIFY(audio.open(kRate, 2));
        const auto tone = stereoTone(2.0);
        const int64_t frames = int64_t(tone.size() / 2);
        int64_t written = audio.write(tone.data(), frames);
        QVERIFY(QTest::qWaitFor([&] { return audio.playedFrames() >= kRate / 2; }, 10000));
        audio.setPaused(true);
        // Once the device has settled, the clock holds still however long the pause lasts.
        int64_t held = -1;
        QVERIFY(QTest::qWaitFor(
            [&] {
                const int64_t now = audio.playedFrames();
                const bool still = now == held;
                held = now;
                QTest::qWait(100);
                return still;
            },
            5000));
        QTest::qWait(600);
        QCOMPARE(audio.playedFrames(), held);
        QVERIFY(held < frames);
        audio.setPaused(false);
        QVERIFY(QTest::qWaitFor(
            [&] {
                written += audio.write(tone.data() + 2 * written, frames - written);
                return audio.playedFrames() >= frames;
            },
            10000));
    }

    void thePlayerSoundsLikeTheClip() {
        const QString clip =
            makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 30, kClip_s);
        QVERIFY(!clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("listener"));
        m_videoId = uploadWithTus(m_server, token(), clip, "public");
        QVERIFY(!m_videoId.empty());
        ApiClient api(m_server);
        const auto ready = waitForVideoStatus(api, token(), m_videoId, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));

        // What the clip sounds like, decoded by ffmpeg straight from the file we uploaded.
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), clip,
                      QStringLiteral("-vn"), QStringLiteral("-ac"), QStringLiteral("2"),
                      QStringLiteral("-ar"), QString::number(kRate), QStringLiteral("-f"),
                      QStringLiteral("s16le"), QStringLiteral("-")});
        QVERIFY(ffmpeg.waitForFinished(60000));
        const QByteArray raw = ffmpeg.readAllStandardOutput();
        m_reference.resize(size_t(raw.size()) / sizeof(int16_t));
        std::memcpy(m_reference.data(), raw.constData(), m_reference.size() * sizeof(int16_t));
        QVERIFY(m_reference.size() / 2 > size_t((kClip_s - 0.5) * kRate));

        QVideoSink sink;
        ui::PlayerController player(&m_harness->app(), nullptr);
        player.setVideoSink(&sink);
        AudioRecorder recorder(m_pulse);
        QVERIFY(recorder.start());
        player.open(QString::fromStdString(m_videoId));
        QVERIFY2(QTest::qWaitFor([&] { return player.state() == QLatin1String("ended"); }, 60000),
                 qPrintable(player.state() + QLatin1Char(' ') + player.errorMessage()));
        QTest::qWait(300);
        const auto recorded = recorder.stop();

        // It played the clip's length of sound (its quiet edges may fall under the threshold).
        const auto [begin, end] = audibleRange(recorded, 300);
        const double audible_s = double(end - begin) / kRate;
        QVERIFY2(audible_s > kClip_s - 1.0 && audible_s < kClip_s + 0.3,
                 qPrintable(QStringLiteral("audible for %1 s").arg(audible_s)));
        // And it is the clip: 3 s of the reference found in the recording at one lag, closely alike (the
        // server re-encodes the AAC, so not sample for sample).
        constexpr size_t kFactor = 8; // 6 kHz: below that the waveform is an envelope
        const auto hay = downmix(recorded, kFactor);
        const auto reference = downmix(m_reference, kFactor);
        const size_t from = size_t(1.0 * kRate / kFactor), length = size_t(3.0 * kRate / kFactor);
        const std::vector<double> needle(reference.begin() + long(from),
                                         reference.begin() + long(from + length));
        const auto [correlation, lag] = bestCorrelation(hay, needle);
        QVERIFY2(correlation > 0.9, qPrintable(QStringLiteral("correlation %1").arg(correlation)));
        // A second, later stretch lines up at the same offset: no gap or repeat between them.
        const size_t later = size_t(4.0 * kRate / kFactor), later_length = size_t(1.0 * kRate / kFactor);
        const std::vector<double> tail(reference.begin() + long(later),
                                       reference.begin() + long(later + later_length));
        const auto [tail_correlation, tail_lag] = bestCorrelation(hay, tail);
        QVERIFY2(tail_correlation > 0.9, qPrintable(QString::number(tail_correlation)));
        const double drift_s = (double(tail_lag) - double(lag) - double(later - from)) * kFactor / kRate;
        QVERIFY2(std::abs(drift_s) < 0.02, qPrintable(QStringLiteral("drift %1 s").arg(drift_s)));
    }

    void muteSilencesThePlayer() {
        QVERIFY(!m_videoId.empty());
        QVideoSink sink;
        ui::PlayerController player(&m_harness->app(), nullptr);
        player.setVideoSink(&sink);
        player.open(QString::fromStdString(m_videoId), 0);
        QVERIFY(QTest::qWaitFor([&] { return player.state() == QLatin1String("playing"); }, 30000));
        player.toggleMute();
        QTRY_VERIFY_WITH_TIMEOUT(player.muted(), 5000);
        QTest::qWait(500); // what was already in the device's buffer
        AudioRecorder recorder(m_pulse);
        QVERIFY(recorder.start());
        QVERIFY(QTest::qWaitFor([&] { return player.positionS() >= 3.5; }, 30000));
        const auto muted = recorder.stop();
        QVERIFY(muted.size() / 2 > size_t(kRate / 2));
        QVERIFY2(channelRms(muted, 0, 0, muted.size() / 2) < 5,
                 qPrintable(QString::number(channelRms(muted, 0, 0, muted.size() / 2))));
        player.toggleMute();
        QVERIFY(recorder.start());
        QVERIFY(QTest::qWaitFor([&] { return player.positionS() >= 5.0; }, 30000));
        const auto unmuted = recorder.stop();
        QVERIFY2(channelRms(unmuted, 0, 0, unmuted.size() / 2) > 300,
                 qPrintable(QString::number(channelRms(unmuted, 0, 0, unmuted.size() / 2))));
    }

    void cleanupTestCase() { m_harness.reset(); }
};

QTEST_MAIN(TestAudioDevice)
#include "test_audio_device.moc"
