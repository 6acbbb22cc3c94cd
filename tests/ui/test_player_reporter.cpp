// ui/player's pure parts: engine events mapped to /api/v1/events entries, watched time counting only what
// was played (not seeked over, not while paused or buffering), dropped frames as deltas, batches of at most
// 100 events, and the player's words (states, times, quality labels, errors).
#include <QtTest>

#include "ui/player/player_reporter.h"
#include "ui/player/player_text.h"

using namespace fc;
using namespace fc::ui;
using playback::PlayerEvent;
using playback::PlayerEventType;
using playback::PlayerSnapshot;
using playback::PlayerState;

namespace {

PlayerEvent makeEvent(PlayerEventType type, int64_t at_ms, int64_t value = 0) {
    PlayerEvent out;
    out.type = type;
    out.at_ms = at_ms;
    out.value = value;
    return out;
}

PlayerSnapshot playingAt(double position_s, PlayerState state = PlayerState::Playing, int64_t dropped = 0) {
    PlayerSnapshot snapshot;
    snapshot.state = state;
    snapshot.position_s = position_s;
    snapshot.stats.dropped_frames = dropped;
    return snapshot;
}

QJsonArray eventsOf(const QList<QJsonObject>& batches) {
    QJsonArray all;
    for (const QJsonObject& batch : batches)
        for (const QJsonValue& value : batch.value("events").toArray())
            all.append(value);
    return all;
}

} // namespace

class TestPlayerReporter : public QObject {
    Q_OBJECT
private slots:
    void mapsEngineEventsToTheApi() {
        PlaybackReporter reporter;
        reporter.begin("session-1", "video-1");
        PlayerEvent rung = makeEvent(PlayerEventType::RungSwitched, 900);
        rung.from_rung = "144p";
        rung.to_rung = "360p";
        rung.reason = "abr";
        PlayerEvent error = makeEvent(PlayerEventType::Error, 950);
        error.reason = "segment 3: HTTP 500";
        reporter.addEngineEvents({makeEvent(PlayerEventType::StateChanged, 10),
                                  makeEvent(PlayerEventType::FirstFrame, 420, 412),
                                  makeEvent(PlayerEventType::StallEnded, 800, 250), rung, error,
                                  makeEvent(PlayerEventType::SegmentRetried, 960)});
        const QList<QJsonObject> batches = reporter.takeBatches(1000, false);
        QCOMPARE(batches.size(), 1);
        QCOMPARE(batches[0].value("playback_session_id").toString(), QString("session-1"));
        QCOMPARE(batches[0].value("video_id").toString(), QString("video-1"));
        const QJsonArray events = batches[0].value("events").toArray();
        QCOMPARE(events.size(), 4); // StateChanged and SegmentRetried are not recorded
        QCOMPARE(events[0].toObject(),
                 QJsonObject({{"type", "startup"}, {"at_ms", 420}, {"startup_ms", 412}}));
        QCOMPARE(events[1].toObject(),
                 QJsonObject({{"type", "stall"}, {"at_ms", 800}, {"duration_ms", 250}}));
        QCOMPARE(events[2].toObject(), QJsonObject({{"type", "rung_switch"},
                                                    {"at_ms", 900},
                                                    {"from", "144p"},
                                                    {"to", "360p"},
                                                    {"reason", "abr"}}));
        QCOMPARE(events[3].toObject(),
                 QJsonObject({{"type", "error"}, {"at_ms", 950}, {"message", "segment 3: HTTP 500"}}));
        QVERIFY(reporter.takeBatches(1100, false).isEmpty()); // nothing new
    }

    void countsOnlyWhatWasPlayed() {
        PlaybackReporter reporter;
        reporter.begin("s", "v");
        reporter.observe(playingAt(0, PlayerState::Buffering));
        for (double t = 0; t <= 3.001; t += 0.25)
            reporter.observe(playingAt(t));
        QCOMPARE(reporter.watchedS(), 3.0);
        reporter.observe(playingAt(3.1, PlayerState::Paused));
        reporter.observe(playingAt(3.1, PlayerState::Paused));
        reporter.observe(playingAt(3.5)); // resumed: counting restarts from here
        reporter.observe(playingAt(4.0));
        QCOMPARE(reporter.watchedS(), 3.5);

        // A seek: nothing counted across it, even if the engine reports positions on the way.
        reporter.seekRequested(4.0);
        reporter.observe(playingAt(4.1));
        PlayerEvent done = makeEvent(PlayerEventType::SeekCompleted, 5000);
        done.position_s = 8.0;
        reporter.addEngineEvents({done});
        reporter.observe(playingAt(8.0));
        reporter.observe(playingAt(8.5));
        QCOMPARE(reporter.watchedS(), 4.0);
        // A jump the engine made by itself (e.g. skipping a gap) is not watching either.
        reporter.observe(playingAt(20.0));
        reporter.observe(playingAt(20.25));
        QCOMPARE(reporter.watchedS(), 4.25);

        const QJsonArray events = eventsOf(reporter.takeBatches(6000, true));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].toObject(),
                 QJsonObject({{"type", "seek"}, {"at_ms", 5000}, {"from_s", 4.0}, {"to_s", 8.0}}));
        QCOMPARE(events[1].toObject(),
                 QJsonObject({{"type", "heartbeat"}, {"at_ms", 6000}, {"watched_s", 4.25}}));
    }

    void theEnginesOwnStartSeekIsNotReported() {
        PlaybackReporter reporter;
        reporter.begin("s", "v");
        PlayerEvent resume = makeEvent(PlayerEventType::SeekCompleted, 100);
        resume.position_s = 42;
        reporter.addEngineEvents({resume});
        QVERIFY(eventsOf(reporter.takeBatches(200, false)).isEmpty());
    }

    void droppedFramesAreDeltas() {
        PlaybackReporter reporter;
        reporter.begin("s", "v");
        reporter.observe(playingAt(1, PlayerState::Playing, 3));
        QCOMPARE(eventsOf(reporter.takeBatches(1000, false))[0].toObject(),
                 QJsonObject({{"type", "dropped_frames"}, {"at_ms", 1000}, {"count", 3}}));
        reporter.observe(playingAt(2, PlayerState::Playing, 3));
        QVERIFY(reporter.takeBatches(2000, false).isEmpty());
        reporter.observe(playingAt(3, PlayerState::Playing, 10));
        QCOMPARE(eventsOf(reporter.takeBatches(3000, false))[0].toObject().value("count").toInt(), 7);
    }

    void batchesHoldAtMostAHundredEvents() {
        PlaybackReporter reporter;
        QVERIFY(reporter.takeBatches(0, true).isEmpty()); // no session yet: nothing to say
        reporter.begin("s", "v");
        std::vector<PlayerEvent> stalls;
        for (int i = 0; i < 250; ++i)
            stalls.push_back(makeEvent(PlayerEventType::StallEnded, i, 10));
        reporter.addEngineEvents(stalls);
        const QList<QJsonObject> batches = reporter.takeBatches(300, true);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches[0].value("events").toArray().size(), 100);
        QCOMPARE(batches[1].value("events").toArray().size(), 100);
        QCOMPARE(batches[2].value("events").toArray().size(), 51); // and the heartbeat
        QCOMPARE(batches[2].value("events").toArray().last().toObject().value("type").toString(),
                 QString("heartbeat"));
    }

    void words() {
        QCOMPARE(playerStateName(PlayerState::Buffering), QString("buffering"));
        QCOMPARE(playerStateName(PlayerState::Failed), QString("failed"));
        QCOMPARE(playerStateName(PlayerState::Invalid), QString("idle"));
        QCOMPARE(formatPlaybackTime(0), QString("0:00"));
        QCOMPARE(formatPlaybackTime(83.9), QString("1:23"));
        QCOMPARE(formatPlaybackTime(296), QString("4:56"));
        QCOMPARE(formatPlaybackTime(3723), QString("1:02:03"));
        QCOMPARE(formatPlaybackTime(-4), QString("0:00"));
        QCOMPARE(formatPlaybackTime(std::nan("")), QString("0:00"));
        std::vector<playback::RenditionInfo> rungs(2);
        rungs[0].id = "144p";
        rungs[1].id = "360p";
        QCOMPARE(qualityLabels(rungs), QStringList({"Auto", "144p", "360p"}));
        QCOMPARE(qualitySummary(true, "360p", {}), QString("Auto (360p)"));
        QCOMPARE(qualitySummary(true, {}, {}), QString("Auto"));
        QCOMPARE(qualitySummary(false, "360p", "144p"), QString("144p"));
        QVERIFY(describePlaybackError({409, "not_playable", "x"}).contains("still being processed"));
        QVERIFY(describePlaybackError({404, "video_not_found", "x"}).contains("does not exist"));
        QCOMPARE(describePlaybackError({0, "server_unreachable", "The server did not answer."}),
                 QString("Could not start playback: The server did not answer."));
    }
};

QTEST_MAIN(TestPlayerReporter)
#include "test_player_reporter.moc"
