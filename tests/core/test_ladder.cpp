// Ladder planning: which rungs, what sizes, what bitrates (pure logic, no media).
#include <QtTest>

#include "core/media/ladder.h"

using namespace fc::media;

namespace {

MediaInfo video(int width, int height, double fps, int64_t bitrate_bps = 0, int rotation = 0,
                bool audio = true) {
    MediaInfo info;
    info.duration_ms = 60000;
    info.video = VideoStreamInfo{};
    info.video->width = width;
    info.video->height = height;
    info.video->frame_rate = fps;
    info.video->bitrate_bps = bitrate_bps;
    info.video->rotation_deg = rotation;
    if (audio) {
        info.audio = AudioStreamInfo{};
        info.audio->channels = 2;
        info.audio->sample_rate_hz = 44100;
    }
    return info;
}

QStringList names(const Ladder& ladder) {
    QStringList out;
    for (const VideoRung& rung : ladder.video)
        out << QString::fromStdString(rung.name);
    return out;
}

} // namespace

class TestLadder : public QObject {
    Q_OBJECT
private slots:
    void standardSourceGetsEveryRungAtOrBelowIt() {
        const Ladder ladder = planLadder(video(1920, 1080, 30));
        QCOMPARE(names(ladder), QStringList({"144p", "240p", "360p", "480p", "720p", "1080p"}));
        QCOMPARE(ladder.video.back().width, 1920);
        QCOMPARE(ladder.video[2].width, 640);
        QCOMPARE(ladder.video[3].width, 854);
        QVERIFY(ladder.audio.has_value());
        QCOMPARE(ladder.audio->bitrate_kbps, 128);
        QCOMPARE(ladder.audio->channels, 2);
    }
    void sourceBetweenRungsAddsItsOwnSize() {
        const Ladder ladder = planLadder(video(480, 204, 24)); // Sintel's test copy
        QCOMPARE(names(ladder), QStringList({"144p", "204p"}));
        QCOMPARE(ladder.video.back().width, 480);
        QCOMPARE(ladder.video.back().height, 204);
        QCOMPARE(ladder.video.front().height, 144);
        QCOMPARE(ladder.video.front().width % 2, 0);
    }
    void bitratesRiseWithSizeAndRespectTheCaps() {
        const Ladder ladder = planLadder(video(1920, 1080, 30));
        for (size_t i = 1; i < ladder.video.size(); ++i)
            QVERIFY(ladder.video[i].bitrate_kbps > ladder.video[i - 1].bitrate_kbps);
        for (const VideoRung& rung : ladder.video) {
            QVERIFY(std::abs(rung.maxrate_kbps - rung.bitrate_kbps * 1.07) <= 1.0);
            QVERIFY(rung.bufsize_kbits >= rung.maxrate_kbps * 1.5 - 1 &&
                    rung.bufsize_kbits <= rung.maxrate_kbps * 2);
        }
        // 1080p30 lands near the usual 4–5 Mb/s delivery rate; 360p near 0.75 Mb/s.
        QVERIFY(ladder.video.back().bitrate_kbps > 3500 && ladder.video.back().bitrate_kbps < 5500);
        QVERIFY(ladder.video[2].bitrate_kbps > 600 && ladder.video[2].bitrate_kbps < 900);
    }
    void sourceBitrateCapsEveryRung() {
        const Ladder ladder = planLadder(video(1280, 720, 30, 900'000));
        for (const VideoRung& rung : ladder.video)
            QVERIFY2(rung.bitrate_kbps <= 900, qPrintable(QString::fromStdString(rung.name)));
    }
    void highFrameRateIsCappedAtSixtyAndCostsMoreBits() {
        const Ladder fast = planLadder(video(1280, 720, 120));
        QCOMPARE(fast.video.back().frame_rate, 60.0);
        const Ladder normal = planLadder(video(1280, 720, 30));
        QVERIFY(fast.video.back().bitrate_kbps > normal.video.back().bitrate_kbps);
        QVERIFY(fast.video.back().bitrate_kbps < 2 * normal.video.back().bitrate_kbps);
    }
    void portraitIsLabelledByItsShortSide() {
        const Ladder ladder = planLadder(video(1080, 1920, 30));
        QCOMPARE(names(ladder).last(), QString("1080p"));
        QCOMPARE(ladder.video.back().width, 1080);
        QCOMPARE(ladder.video.back().height, 1920);
        QCOMPARE(ladder.video[2].width, 360);
        QCOMPARE(ladder.video[2].height, 640);
    }
    void rotationIsAppliedBeforePlanning() {
        // Phones record landscape pixels with a 90° display rotation: the ladder is portrait.
        const Ladder ladder = planLadder(video(1920, 1080, 30, 0, 90));
        QCOMPARE(ladder.video.back().width, 1080);
        QCOMPARE(ladder.video.back().height, 1920);
    }
    void oddSizesBecomeEven() {
        const Ladder ladder = planLadder(video(641, 361, 25));
        for (const VideoRung& rung : ladder.video) {
            QCOMPARE(rung.width % 2, 0);
            QCOMPARE(rung.height % 2, 0);
        }
        QCOMPARE(ladder.video.back().width, 642);
        QCOMPARE(ladder.video.back().height, 362);
    }
    void tinySourceGetsOneRungOfItsOwnSize() {
        const Ladder ladder = planLadder(video(120, 90, 15));
        QCOMPARE(ladder.video.size(), size_t(1));
        QCOMPARE(ladder.video[0].height, 90);
    }
    void maxHeightSettingLimitsTheLadder() {
        LadderSettings settings;
        settings.max_height = 720;
        const Ladder ladder = planLadder(video(3840, 2160, 30), settings);
        QCOMPARE(names(ladder).last(), QString("720p"));
    }
    void audioOnlyAndVideoOnlySources() {
        MediaInfo audio_only;
        audio_only.duration_ms = 1000;
        audio_only.audio = AudioStreamInfo{};
        audio_only.audio->channels = 6;
        const Ladder audio_ladder = planLadder(audio_only);
        QVERIFY(audio_ladder.video.empty());
        QCOMPARE(audio_ladder.audio->channels, 2); // downmixed to stereo
        const Ladder silent = planLadder(video(640, 360, 24, 0, 0, false));
        QVERIFY(!silent.audio.has_value());
        QCOMPARE(silent.video.size(), size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestLadder)
#include "test_ladder.moc"
