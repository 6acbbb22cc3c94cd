// The player controller against a real framecastd: a 10 s 360p clip uploaded (tus) and processed, then
// PlayerController plays it into a real QVideoSink through the engine. Asserts frames arrive at a rung's
// size, the position advances, pause holds it, seek moves it, a manual quality switches the frame size,
// the storyboard index is fetched through its signed URL, the watch position reaches the server, the QoE
// events reach it too (the view is counted), the throughput estimate is kept for the next session, and a
// reopened video resumes near where it was left. A missing video is a readable error, not a crash.
// (10 s rather than 4–6 s: the server offers no resume position within 5 s of the end.)
#include <QSignalSpy>
#include <QVideoFrame>
#include <QVideoSink>
#include <QtTest>

#include <map>

#include "tests/server/test_upload_helpers.h"
#include "tests/ui/app_harness.h"
#include "ui/player/player_controller.h"

using namespace fc;
using namespace fc::test;

namespace {
constexpr int kStart_ms = 30000;
} // namespace

class TestPlayerController : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppHarness> m_harness;
    std::string m_videoId;
    std::map<QString, QSize> m_rungSizes; // from GET /playback
    std::unique_ptr<QVideoSink> m_sink;
    std::unique_ptr<ui::PlayerController> m_player;
    int m_framesShown = 0;

    std::string token() { return m_harness->app().api()->tokens().access_token.toStdString(); }
    ui::PlayerController& player() { return *m_player; }
    QString describe() {
        return QStringLiteral("state %1, position %2, error \"%3\", frames %4")
            .arg(player().state())
            .arg(player().positionS())
            .arg(player().errorMessage())
            .arg(m_framesShown);
    }
    bool waitState(const QString& state, int timeout_ms = kStart_ms) {
        return QTest::qWaitFor([&] { return player().state() == state; }, timeout_ms);
    }
    QSize shownSize() const { return m_sink->videoFrame().size(); }
    nlohmann::json serverVideo() {
        ApiClient api(m_server);
        return api.get("/api/v1/videos/" + m_videoId, token()).json;
    }

private slots:
    void initTestCase() {
        const QString clip =
            makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 30, 10);
        QVERIFY(!clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("viewer"));
        m_videoId = uploadWithTus(m_server, token(), clip, "private");
        QVERIFY(!m_videoId.empty());
        ApiClient api(m_server);
        const auto ready = waitForVideoStatus(api, token(), m_videoId, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));

        const auto playback = api.get("/api/v1/videos/" + m_videoId + "/playback", token());
        QCOMPARE(playback.status, 200);
        for (const auto& rendition : playback.json["renditions"])
            if (rendition.value("kind", "") == "video")
                m_rungSizes[QString::fromStdString(rendition.value("id", ""))] =
                    QSize(rendition.value("width", 0), rendition.value("height", 0));
        QVERIFY(m_rungSizes.size() >= 2);

        m_sink = std::make_unique<QVideoSink>();
        connect(m_sink.get(), &QVideoSink::videoFrameChanged, this, [this] { ++m_framesShown; });
        m_player = std::make_unique<ui::PlayerController>(&m_harness->app(), nullptr);
        m_player->setVideoSink(m_sink.get());
    }

    void cleanupTestCase() {
        m_player.reset();
        m_sink.reset();
        m_harness.reset();
    }

    void aMissingVideoIsAReadableError() {
        player().open(QStringLiteral("AAAAAAAAAAA"));
        QVERIFY(player().active());
        QVERIFY2(waitState(QStringLiteral("failed"), 10000), qPrintable(describe()));
        QVERIFY2(player().errorMessage().contains(QStringLiteral("does not exist")),
                 qPrintable(player().errorMessage()));
        player().close();
        QVERIFY(!player().active());
        QCOMPARE(player().errorMessage(), QString());
    }

    void playsIntoTheVideoSink() {
        const double estimate_before = m_harness->app().settings()->lastThroughputEstimateBps();
        QCOMPARE(estimate_before, 0.0); // a first session: no seed
        player().open(QString::fromStdString(m_videoId));
        QCOMPARE(player().state(), QStringLiteral("loading"));
        QVERIFY2(waitState(QStringLiteral("playing")), qPrintable(describe()));
        QVERIFY(QTest::qWaitFor([&] { return m_framesShown >= 10; }, kStart_ms));
        const QSize size = shownSize();
        bool is_a_rung = false;
        for (const auto& [id, rung_size] : m_rungSizes)
            is_a_rung = is_a_rung || rung_size == size;
        QVERIFY2(is_a_rung, qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        QCOMPARE(m_sink->videoFrame().pixelFormat(), QVideoFrameFormat::Format_YUV420P);
        QCOMPARE(player().currentRung().isEmpty(), false);
        QCOMPARE(m_rungSizes.at(player().currentRung()), size);

        QCOMPARE(player().qualities().first(), QStringLiteral("Auto"));
        QCOMPARE(player().qualities().size(), int(m_rungSizes.size()) + 1);
        QCOMPARE(player().selectedQuality(), 0);
        QVERIFY(player().durationS() > 9.5 && player().durationS() < 10.5);
        QCOMPARE(QString::fromStdString(serverVideo().value("title", "")), player().title());

        const double first = player().positionS();
        QVERIFY2(QTest::qWaitFor([&] { return player().positionS() >= first + 1.0; }, 10000),
                 qPrintable(describe()));
        QVERIFY(QTest::qWaitFor([&] { return player().positionS() >= 2.2; }, 10000)); // enough watched
        QVERIFY(player().stats().value(QStringLiteral("presentedFrames")).toLongLong() > 0);
    }

    void storyboardTilesComeFromTheSignedUrl() {
        QVERIFY(QTest::qWaitFor([&] { return player().hasStoryboard(); }, 10000));
        const QVariantMap tile = player().storyboardTileAt(5.5);
        const QUrl source = tile.value(QStringLiteral("source")).toUrl();
        QVERIFY2(source.toString().endsWith(QStringLiteral("/storyboard/sheet_001.jpg")),
                 qPrintable(source.toString()));
        QCOMPARE(tile.value(QStringLiteral("width")).toInt(), 160);
        QVERIFY(tile.value(QStringLiteral("height")).toInt() > 0);
        QVERIFY(tile.value(QStringLiteral("x")).toInt() > 0); // not the first tile
        // The sheet is served without a bearer: the token is in the path.
        ApiClient anonymous(m_server);
        const auto sheet = anonymous.get(source.toString().toStdString());
        QCOMPARE(sheet.status, 200);
        QCOMPARE(header(sheet, "Content-Type"), std::string("image/jpeg"));
        QVERIFY(player().storyboardTileAt(-3).value(QStringLiteral("x")).toInt() == 0);
    }

    void pauseHoldsThePositionAndSeekMovesIt() {
        player().pause();
        QVERIFY2(waitState(QStringLiteral("paused"), 10000), qPrintable(describe()));
        QVERIFY(player().paused());
        const double held = player().positionS();
        QTest::qWait(600);
        QCOMPARE(player().positionS(), held);

        player().seek(6.0);
        QCOMPARE(player().positionS(), 6.0); // shown at once
        QVERIFY2(QTest::qWaitFor([&] { return player().state() == QLatin1String("paused"); }, 10000),
                 qPrintable(describe()));
        QTest::qWait(300);
        QVERIFY2(std::abs(player().positionS() - 6.0) < 0.6, qPrintable(describe()));

        // Saved on the server on the seek (and on the pause before it).
        ApiClient api(m_server);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(api.get("/api/v1/videos/" + m_videoId + "/watch-position", token())
                                              .json.value("position_s", -1.0) -
                                          6.0) < 0.6,
                                 10000);
    }

    void aManualQualitySwitchesTheFrameSize() {
        const QString current = player().currentRung();
        QString other;
        for (const auto& [id, size] : m_rungSizes)
            if (id != current && size != m_rungSizes.at(current))
                other = id;
        QVERIFY(!other.isEmpty());
        const int index = int(player().qualities().indexOf(other));
        QVERIFY(index > 0);
        player().selectQuality(index);
        QTRY_COMPARE_WITH_TIMEOUT(player().selectedQuality(), index, 5000);
        QCOMPARE(player().qualityText(), other);
        player().play();
        QVERIFY2(QTest::qWaitFor([&] { return shownSize() == m_rungSizes.at(other); }, kStart_ms),
                 qPrintable(describe() + QStringLiteral(" size %1x%2 want %3")
                                             .arg(shownSize().width())
                                             .arg(shownSize().height())
                                             .arg(other)));
        // currentRung comes from the engine's snapshot, which the controller reads when the engine wakes it:
        // it may trail the frames the sink already shows by a wake-up.
        QTRY_COMPARE_WITH_TIMEOUT(player().currentRung(), other, 3000);
        player().selectQuality(0); // back to Auto
        QTRY_COMPARE_WITH_TIMEOUT(player().selectedQuality(), 0, 5000);
    }

    void playsToTheEndAndReportsTheView() {
        QVERIFY2(waitState(QStringLiteral("ended")), qPrintable(describe()));
        QVERIFY2(player().watchedS() >= 5.0, qPrintable(QString::number(player().watchedS())));
        QVERIFY2(player().watchedS() <= 8.5,
                 qPrintable(QString::number(player().watchedS()))); // the seek skipped ~4 s
        QCOMPARE(serverVideo().value("view_count", -1), 0); // the heartbeat goes out on close (or every 10 s)
        player().close();
        QCOMPARE(player().state(), QStringLiteral("idle"));
        QTRY_COMPARE_WITH_TIMEOUT(serverVideo().value("view_count", -1), 1, 10000);
        QVERIFY(m_harness->app().settings()->lastThroughputEstimateBps() > 0);
    }

    void reopeningResumesNearTheSavedPosition() {
        // Ended near the end: nothing to resume, it starts over.
        player().open(QString::fromStdString(m_videoId));
        QVERIFY2(waitState(QStringLiteral("playing")), qPrintable(describe()));
        QVERIFY2(player().positionS() < 2.0, qPrintable(describe()));
        player().seek(3.0);
        QVERIFY(QTest::qWaitFor([&] { return player().positionS() >= 3.2; }, kStart_ms));
        player().pause();
        QVERIFY(waitState(QStringLiteral("paused"), 10000));
        const double left_at = player().positionS();
        player().close();
        ApiClient api(m_server);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(api.get("/api/v1/videos/" + m_videoId + "/watch-position", token())
                                              .json.value("position_s", -1.0) -
                                          left_at) < 0.01,
                                 10000);

        const int frames_before = m_framesShown;
        player().open(QString::fromStdString(m_videoId));
        QVERIFY2(waitState(QStringLiteral("playing")), qPrintable(describe()));
        QVERIFY(QTest::qWaitFor([&] { return m_framesShown > frames_before; }, 10000));
        QVERIFY2(player().positionS() >= left_at - 0.6 && player().positionS() < left_at + 3,
                 qPrintable(describe() + QStringLiteral(" left at %1").arg(left_at)));
        player().close();
    }
};

QTEST_MAIN(TestPlayerController)
#include "test_player_controller.moc"
