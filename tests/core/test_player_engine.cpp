// The player engine against a real framecastd: a few seconds of real video uploaded and transcoded into the
// CMAF ladder, then played over HTTP (HLS and DASH) into counting sinks — a video sink that records every
// frame's pts and size and an audio sink that "plays" in real time off a steady clock. Asserts the frame
// count (presented + dropped = ffprobe's count of the server's rendition), A/V sync at each presentation,
// pause and volume/mute, manual rung switches, accurate seeks, 2x speed, playing without an audio output,
// prompt stop/destruction, AES-128 HLS through the signed playback URL, a presentation still growing when
// opened, and recovery from a missing segment (retry, then a lower rung, or Failed with a message).
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>

#include "core/playback/player_engine.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::playback;
using namespace fc::test;

namespace {

using Steady = std::chrono::steady_clock;

double secondsSince(Steady::time_point start) {
    return std::chrono::duration<double>(Steady::now() - start).count();
}

// Plays in real time from a steady clock while unpaused: playedFrames() advances at the sample rate up to
// what was written (an underrun holds it, as a real device would).
class RealtimeAudioSink final : public AudioSink {
public:
    explicit RealtimeAudioSink(bool available = true) : m_available(available) {}

    bool open(int sample_rate_hz, int channels) override {
        std::lock_guard lock(m_mutex);
        m_rate = sample_rate_hz;
        m_channels = channels;
        m_last = Steady::now();
        return m_available;
    }
    int64_t write(const int16_t* interleaved, int64_t frames) override {
        std::lock_guard lock(m_mutex);
        advance();
        if (!interleaved || m_channels != 2)
            return 0;
        const int64_t room = m_rate - (m_written - int64_t(m_played)); // one second of device buffer
        const int64_t taken = std::clamp<int64_t>(frames, 0, std::max<int64_t>(0, room));
        m_written += taken;
        m_total_written += taken;
        return taken;
    }
    int64_t playedFrames() const override {
        std::lock_guard lock(m_mutex);
        advance();
        return int64_t(m_played);
    }
    void setPaused(bool paused) override {
        std::lock_guard lock(m_mutex);
        advance();
        m_paused = paused;
    }
    void flush() override {
        std::lock_guard lock(m_mutex);
        advance();
        m_written = 0;
        m_played = 0;
    }
    void setVolume(double linear_0_to_1) override {
        std::lock_guard lock(m_mutex);
        m_volume = linear_0_to_1;
    }
    int64_t totalWritten() const {
        std::lock_guard lock(m_mutex);
        return m_total_written;
    }
    int rate() const { return m_rate; }
    double volume() const {
        std::lock_guard lock(m_mutex);
        return m_volume;
    }

private:
    void advance() const {
        const auto now = Steady::now();
        if (!m_paused)
            m_played = std::min(double(m_written),
                                m_played + std::chrono::duration<double>(now - m_last).count() * m_rate);
        m_last = now;
    }

    const bool m_available;
    mutable std::mutex m_mutex;
    int m_rate = 48000;
    int m_channels = 0;
    int64_t m_written = 0;
    int64_t m_total_written = 0;
    mutable double m_played = 0;
    mutable Steady::time_point m_last = Steady::now();
    bool m_paused = true;
    double m_volume = 1;
};

// Files of a processed video rewritten on the server's disk, each put back when this goes. A write makes a
// new file (new inode), so the server maps it afresh.
class MediaFileEdits {
public:
    explicit MediaFileEdits(QString cmaf_dir) : m_dir(std::move(cmaf_dir)) {}
    ~MediaFileEdits() { restore(); }
    MediaFileEdits(const MediaFileEdits&) = delete;
    MediaFileEdits& operator=(const MediaFileEdits&) = delete;

    std::string original(const QString& name) {
        remember(name);
        return m_originals.at(name).toStdString();
    }
    bool write(const QString& name, const std::string& text) {
        remember(name);
        QSaveFile file(m_dir + "/" + name);
        return file.open(QIODevice::WriteOnly) &&
               file.write(text.data(), qint64(text.size())) == qint64(text.size()) && file.commit();
    }
    bool remove(const QString& name) {
        remember(name);
        return QFile::remove(m_dir + "/" + name);
    }
    bool restore() {
        bool restored = true;
        for (auto it = m_originals.begin(); it != m_originals.end(); it = m_originals.erase(it)) {
            QSaveFile file(m_dir + "/" + it->first);
            restored = file.open(QIODevice::WriteOnly) && file.write(it->second) == it->second.size() &&
                       file.commit() && restored;
        }
        return restored;
    }

private:
    void remember(const QString& name) {
        if (m_originals.count(name))
            return;
        QFile file(m_dir + "/" + name);
        m_originals[name] = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QString m_dir;
    std::map<QString, QByteArray> m_originals;
};

// A finished media playlist as it was while processing: EVENT, no end, only its first `segments` segments.
std::string growingPlaylist(const std::string& complete, int segments) {
    std::string text;
    int listed = 0;
    for (const QString& line : QString::fromStdString(complete).split('\n', Qt::SkipEmptyParts)) {
        if (line == "#EXT-X-ENDLIST")
            continue;
        if (line.startsWith("#EXTINF") && listed++ == segments)
            break;
        text +=
            (line == "#EXT-X-PLAYLIST-TYPE:VOD" ? QString("#EXT-X-PLAYLIST-TYPE:EVENT") : line).toStdString();
        text += "\n";
    }
    return text;
}

int segmentCount(const std::string& playlist) {
    return int(QString::fromStdString(playlist).count("#EXTINF"));
}

struct Shown {
    double pts_s = 0;
    int width = 0;
    int height = 0;
    double audio_clock_s = -1; // the audio sink's played position when the frame was shown
    double wall_s = 0;
};

class CountingVideoSink final : public VideoSink {
public:
    explicit CountingVideoSink(const RealtimeAudioSink& audio) : m_audio(audio) {}
    void presentFrame(const VideoFrame& frame) override {
        // Read the planes as a toolkit would: every row of Y, U and V must be there.
        bool readable = frame.plane(0) && frame.plane(1) && frame.plane(2) &&
                        frame.stride(0) >= frame.width() && frame.stride(1) >= (frame.width() + 1) / 2;
        uint8_t checksum = 0;
        if (readable)
            for (int y = 0; y < frame.height(); y += 7)
                checksum ^= frame.plane(0)[y * frame.stride(0) + frame.width() - 1];
        std::lock_guard lock(m_mutex);
        m_checksum ^= checksum;
        m_unreadable += readable ? 0 : 1;
        m_shown.push_back(Shown{frame.ptsUs() / 1e6, frame.width(), frame.height(),
                                double(m_audio.playedFrames()) / m_audio.rate(), secondsSince(m_start)});
    }
    std::vector<Shown> shown() const {
        std::lock_guard lock(m_mutex);
        return m_shown;
    }
    int unreadable() const {
        std::lock_guard lock(m_mutex);
        return m_unreadable;
    }

private:
    const RealtimeAudioSink& m_audio;
    mutable std::mutex m_mutex;
    std::vector<Shown> m_shown;
    int m_unreadable = 0;
    uint8_t m_checksum = 0;
    const Steady::time_point m_start = Steady::now();
};

// One playback session: sinks outlive the engine (declared first).
struct Session {
    explicit Session(bool audio_available = true) : audio(audio_available), video(audio) {}

    RealtimeAudioSink audio;
    CountingVideoSink video;
    std::unique_ptr<PlayerEngine> engine = std::make_unique<PlayerEngine>(video, audio, [] {});
    std::vector<PlayerEvent> events;

    void drain() {
        for (PlayerEvent& event : engine->takeEvents())
            events.push_back(std::move(event));
    }
    bool waitFor(const std::function<bool()>& done, int timeout_ms) {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeout_ms) {
            drain();
            if (done())
                return true;
            QThread::msleep(10);
        }
        drain();
        return done();
    }
    PlayerState state() const { return engine->snapshot().state; }
    bool waitForState(PlayerState wanted, int timeout_ms) {
        return waitFor([&] { return state() == wanted || state() == PlayerState::Failed; }, timeout_ms) &&
               state() == wanted;
    }
    int count(PlayerEventType type) const {
        return int(std::count_if(events.begin(), events.end(),
                                 [&](const PlayerEvent& e) { return e.type == type; }));
    }
    const PlayerEvent* first(PlayerEventType type) const {
        for (const PlayerEvent& event : events)
            if (event.type == type)
                return &event;
        return nullptr;
    }
};

} // namespace

class TestPlayerEngine : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TestServer m_server;
    std::string m_id;
    std::string m_token;   // the owner's
    std::string m_long_id; // 9 s, three segments per rung: played growing, then kept for more growing cases
    bool m_short_lived_urls = false; // the server was restarted with 2 s signed URLs
    int m_frames = 0;                // frames of the video as ffprobe reads the server's 144p rendition
    double m_frame_interval = 1.0 / 24;
    double m_duration = 0;

    std::string url(const std::string& file) const {
        return m_server.url("/api/v1/videos/" + m_id + "/cmaf/" + file);
    }
    QString rungDir(const std::string& rung) const {
        return m_server.dataDir() + "/media/" + QString::fromStdString(m_id) + "/cmaf/" +
               QString::fromStdString(rung);
    }

    // Frame count and A/V sync of a finished 1x session from the start.
    void checkFullPlay(Session& session, bool check_sync) {
        const std::vector<Shown> shown = session.video.shown();
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(session.video.unreadable(), 0);
        QCOMPARE(int(snapshot.stats.presented_frames), int(shown.size()));
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), m_frames);
        QVERIFY(shown.front().pts_s < m_frame_interval);
        for (size_t i = 1; i < shown.size(); ++i)
            QVERIFY(shown[i].pts_s > shown[i - 1].pts_s);
        if (check_sync) {
            double worst = 0;
            double sum = 0;
            for (size_t i = 1; i < shown.size(); ++i) { // the first is shown before the audio starts
                worst = std::max(worst, std::fabs(shown[i].pts_s - shown[i].audio_clock_s));
                sum += shown[i].pts_s - shown[i].audio_clock_s;
            }
            qInfo("mean pts - audio clock %.1f ms", 1000 * sum / double(shown.size() - 1));
            QVERIFY2(worst <= m_frame_interval + 0.015,
                     qPrintable(QString("worst A/V offset %1 s").arg(worst)));
            qInfo("frames %d presented + %d dropped (ffprobe %d), worst A/V offset %.1f ms, start-up %lld ms",
                  int(snapshot.stats.presented_frames), int(snapshot.stats.dropped_frames), m_frames,
                  worst * 1000, static_cast<long long>(snapshot.stats.startup_ms));
        }
        QVERIFY(session.first(PlayerEventType::FirstFrame));
        QVERIFY(snapshot.stats.startup_ms >= 0);
        QCOMPARE(session.count(PlayerEventType::Ended), 1);
    }

private slots:
    void initTestCase() {
        const QString clip =
            makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 30, 6,
                     {"-vf", "scale=640:360", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac"});
        QVERIFY(!clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        auto owner = api.signUp("player");
        QVERIFY(owner);
        m_token = owner->access_token;
        m_id = uploadWithTus(m_server, owner->access_token, clip, "public");
        QVERIFY(!m_id.empty());
        const auto ready = waitForVideoStatus(api, owner->access_token, m_id, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));
        m_frames = ffprobeFrames(QString::fromStdString(url("144p/playlist.m3u8")), "v:0");
        QVERIFY(m_frames > 100);
        m_duration = m_frames * m_frame_interval;
    }

    void playsHlsToTheEndInSync() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        QVERIFY(session.waitForState(PlayerState::Ended, 30000));
        checkFullPlay(session, true);
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(int(snapshot.renditions.size()), 3);
        QCOMPARE(snapshot.renditions.front().height, 144);
        // The manifest's codecs string of the rung on screen, then the decoder in use ("h264", or "h264,
        // vaapi" on a GPU), composed afresh on every update.
        QVERIFY2(std::any_of(snapshot.renditions.begin(), snapshot.renditions.end(),
                             [&](const RenditionInfo& info) {
                                 return !info.codecs.empty() &&
                                        snapshot.stats.video_codec.rfind(info.codecs + " (h264", 0) == 0;
                             }),
                 snapshot.stats.video_codec.c_str());
        QCOMPARE(std::count(snapshot.stats.video_codec.begin(), snapshot.stats.video_codec.end(), '('), 1);
        QVERIFY2(snapshot.stats.audio_codec.rfind("mp4a.40.2 (aac", 0) == 0,
                 snapshot.stats.audio_codec.c_str());
        QVERIFY(snapshot.stats.throughput_estimate_bps > 0);
        QVERIFY(std::fabs(snapshot.position_s - m_duration) < 0.25);
        // The whole soundtrack went to the sink once (S16 stereo 48 kHz).
        const double audio_s = double(session.audio.totalWritten()) / 48000;
        QVERIFY2(std::fabs(audio_s - m_duration) < 0.3, qPrintable(QString::number(audio_s)));
        QCOMPARE(session.count(PlayerEventType::StallStarted), session.count(PlayerEventType::StallEnded));
    }

    // DASH, with a pause (the clock and the audio stop, nothing is shown) and volume/mute on the way.
    void playsDashToTheEndWithAPause() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("manifest.mpd");
        session.engine->open(options);
        QVERIFY(session.waitFor([&] { return session.engine->snapshot().position_s > 1.0; }, 10000));
        session.engine->setVolume(0.5);
        session.engine->setMuted(true);
        QVERIFY(session.waitFor([&] { return session.audio.volume() == 0.0; }, 2000));
        session.engine->setMuted(false);
        QVERIFY(session.waitFor([&] { return session.audio.volume() == 0.5; }, 2000));
        session.engine->pause();
        QVERIFY(session.waitForState(PlayerState::Paused, 2000));
        const double paused_at = session.engine->snapshot().position_s;
        const size_t shown = session.video.shown().size();
        const int64_t played = session.audio.playedFrames();
        QThread::msleep(300);
        QCOMPARE(session.video.shown().size(), shown);
        QCOMPARE(session.audio.playedFrames(), played);
        QVERIFY(std::fabs(session.engine->snapshot().position_s - paused_at) < 1e-6);
        QVERIFY(session.engine->snapshot().paused);
        // While paused, volume and mute reach the snapshot (the UI's mute toggle reads it back).
        session.engine->setMuted(true);
        session.engine->setVolume(0.3);
        QVERIFY(session.waitFor(
            [&] { return session.engine->snapshot().muted && session.engine->snapshot().volume == 0.3; },
            2000));
        session.engine->setMuted(false);
        QVERIFY(session.waitFor([&] { return !session.engine->snapshot().muted; }, 2000));
        QCOMPARE(session.audio.volume(), 0.3);
        session.engine->play();
        QVERIFY(session.waitForState(PlayerState::Ended, 30000));
        checkFullPlay(session, true);
    }

    void selectRungSwitchesTheResolution() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        QVERIFY(session.waitForState(PlayerState::Playing, 10000));
        session.engine->selectRung(0);
        auto showsHeight = [&](int height) {
            const auto shown = session.video.shown();
            return !shown.empty() && shown.back().height == height;
        };
        QVERIFY(session.waitFor([&] { return showsHeight(144); }, 5000));
        session.engine->selectRung(2);
        QVERIFY(session.waitFor([&] { return showsHeight(360); }, 5000));
        QVERIFY(session.waitFor([&] { return session.engine->snapshot().stats.rung_id == "360p"; }, 2000));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(snapshot.selected_rung, 2);
        QVERIFY(!snapshot.auto_rung);
        QCOMPARE(snapshot.stats.width, 640);
        bool manual = false;
        for (const PlayerEvent& event : session.events)
            manual = manual || (event.type == PlayerEventType::RungSwitched && event.reason == "manual" &&
                                event.to_rung == "360p");
        QVERIFY(manual);
        session.engine->selectRung(-1);
        QVERIFY(session.waitFor([&] { return session.engine->snapshot().auto_rung; }, 2000));
    }

    void seekLandsOnTheTarget() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        QVERIFY(session.waitFor([&] { return session.engine->snapshot().position_s > 0.3; }, 10000));
        const double target = 4.3;
        session.engine->seek(target);
        QVERIFY(session.waitFor([&] { return session.count(PlayerEventType::SeekCompleted) == 1; }, 10000));
        const PlayerEvent* done = session.first(PlayerEventType::SeekCompleted);
        QVERIFY2(std::fabs(done->position_s - target) <= m_frame_interval,
                 qPrintable(QString::number(done->position_s)));
        QVERIFY(session.waitForState(PlayerState::Ended, 10000));
        // After the seek the sink got the frame holding the target first, then the rest in order.
        const auto shown = session.video.shown();
        size_t at = 0;
        while (at < shown.size() && shown[at].pts_s < target - 1)
            ++at;
        QVERIFY(at < shown.size());
        QVERIFY(std::fabs(shown[at].pts_s - target) <= m_frame_interval);
        const int after = int(shown.size() - at) + int(session.engine->snapshot().stats.dropped_frames);
        QVERIFY2(std::abs(after - int(std::lround((m_duration - target) / m_frame_interval))) <= 2,
                 qPrintable(QString::number(after)));
    }

    void doubleSpeedPlaysInHalfTheTime() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        session.engine->setSpeed(2.0);
        QVERIFY(session.waitForState(PlayerState::Ended, 30000));
        const auto shown = session.video.shown();
        QVERIFY(shown.size() > 10);
        const double ratio = (shown.back().pts_s - shown[1].pts_s) / (shown.back().wall_s - shown[1].wall_s);
        QVERIFY2(ratio > 1.6 && ratio < 2.4, qPrintable(QString::number(ratio)));
        qInfo("2x: media/wall ratio %.3f", ratio);
        QCOMPARE(session.engine->snapshot().speed, 2.0);
        // Pitch-kept time stretch: half as many samples reach the sink.
        const double audio_s = double(session.audio.totalWritten()) / 48000;
        QVERIFY2(std::fabs(audio_s - m_duration / 2) < 0.3, qPrintable(QString::number(audio_s)));
    }

    void playsOnTheWallClockWithoutAudioOutput() {
        Session session(false);
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        session.engine->setSpeed(2.0);
        QVERIFY(session.waitForState(PlayerState::Ended, 30000));
        QCOMPARE(session.audio.totalWritten(), int64_t(0));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), m_frames);
        const auto shown = session.video.shown();
        const double ratio = (shown.back().pts_s - shown[1].pts_s) / (shown.back().wall_s - shown[1].wall_s);
        QVERIFY2(ratio > 1.6 && ratio < 2.4, qPrintable(QString::number(ratio)));
    }

    void stopAndDestructionArePrompt() {
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        QVERIFY(session.waitForState(PlayerState::Playing, 10000));
        session.engine->stop();
        QVERIFY(session.waitForState(PlayerState::Idle, 3000));
        const size_t shown = session.video.shown().size();
        QThread::msleep(200);
        QCOMPARE(session.video.shown().size(), shown); // nothing presented after stop
        session.engine->open(options);
        QVERIFY(session.waitForState(PlayerState::Playing, 10000));
        QElapsedTimer timer;
        timer.start();
        session.engine.reset(); // joins every thread mid-play
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }

    // AES-128 HLS end to end: the owner turns encryption on, the playback endpoint hands out the signed URL,
    // the engine fetches ../hls.key once, decrypts every segment and plays the whole video.
    void playsAnEncryptedVideoThroughItsSignedUrl() {
        ApiClient api(m_server);
        const auto patched =
            api.call("PATCH", "/api/v1/videos/" + m_id, m_token, nlohmann::json{{"hls_encryption", true}});
        QCOMPARE(patched.status, 200);
        const auto playback = api.get("/api/v1/videos/" + m_id + "/playback", m_token);
        QCOMPARE(playback.status, 200);
        QVERIFY(playback.json.value("encrypted", false));
        const std::string hls = m_server.url(playback.json.value("hls_url", ""));
        // What the engine downloads really is encrypted: the clear route refuses, the signed segment is not
        // MP4.
        const std::string signed_segment = hls.substr(0, hls.rfind('/')) + "/144p/seg_00001.m4s";
        const auto raw = api.get(signed_segment.substr(m_server.url("").size()));
        QCOMPARE(raw.status, 200);
        QVERIFY(raw.raw.body.find("moof") == std::string::npos);

        Session session;
        PlayerOptions options;
        options.manifest_url = hls;
        session.engine->open(options);
        session.engine->setSpeed(2.0);
        QVERIFY(session.waitForState(PlayerState::Ended, 30000));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), m_frames);
        QCOMPARE(session.video.unreadable(), 0);

        QCOMPARE(
            api.call("PATCH", "/api/v1/videos/" + m_id, m_token, nlohmann::json{{"hls_encryption", false}})
                .status,
            200);
    }

    // Opened as soon as the server says "playable" (EVENT playlists, still transcoding): the engine reloads
    // the playlists every target duration and plays every frame to the end once the presentation completes.
    void followsAGrowingPresentationToTheEnd() {
        const QString clip = makeClip(
            m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 45, 9,
            {"-vf", "scale=640:360", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac"}, "growing.mp4");
        QVERIFY(!clip.isEmpty());
        ApiClient api(m_server);
        const std::string id = uploadWithTus(m_server, m_token, clip, "public");
        QVERIFY(!id.empty());
        // Open as soon as the video is playable (and its master names the video rungs).
        std::string status;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000) {
            const auto video = api.get("/api/v1/videos/" + id, m_token);
            status = video.json.value("status", "");
            if (status == "failed" || status == "ready")
                break;
            if (video.json.value("playable", false) &&
                api.get("/api/v1/videos/" + id + "/cmaf/master.m3u8").raw.body.find("RESOLUTION=") !=
                    std::string::npos)
                break;
            QThread::msleep(20);
        }
        QVERIFY(status != "failed");
        Session session;
        PlayerOptions options;
        options.manifest_url = m_server.url("/api/v1/videos/" + id + "/cmaf/master.m3u8");
        session.engine->open(options);
        QVERIFY(session.waitFor([&] { return session.engine->snapshot().duration_s > 0; }, 10000));
        const double first_duration = session.engine->snapshot().duration_s;
        QVERIFY2(session.waitForState(PlayerState::Ended, 60000),
                 session.engine->snapshot().error_message.c_str());
        const int frames = ffprobeFrames(
            QString::fromStdString(m_server.url("/api/v1/videos/" + id + "/cmaf/144p/playlist.m3u8")), "v:0");
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), frames);
        QVERIFY(std::fabs(snapshot.duration_s - frames / 24.0) < 0.1); // the complete presentation's
        qInfo("opened while \"%s\": duration %.1f s at open, %.1f s at the end; %d stalls", status.c_str(),
              first_duration, snapshot.duration_s, snapshot.stats.stall_count);
        m_long_id = id;
    }

    // While processing, each rung's playlist grows on its own and low rungs run ahead. The chosen rung (the
    // ABR's from a high seed, or the viewer's) lacks segment 2, so 240p stands in for that segment only;
    // nobody lists segment 3 until the presentation completes, so the player waits, then plays it at the
    // chosen rung again.
    void aRungBehindInAGrowingPresentationStandsInLower_data() {
        QTest::addColumn<bool>("manual");
        QTest::newRow("abr") << false;
        QTest::newRow("manual") << true;
    }
    void aRungBehindInAGrowingPresentationStandsInLower() {
        QFETCH(bool, manual);
        QVERIFY(!m_long_id.empty());
        const QString cmaf = m_server.dataDir() + "/media/" + QString::fromStdString(m_long_id) + "/cmaf";
        MediaFileEdits edits(cmaf);
        QCOMPARE(segmentCount(edits.original("144p/playlist.m3u8")), 3);
        const std::map<QString, int> listed = {{"144p", 2}, {"240p", 2}, {"360p", 1}};
        for (const auto& [rung, segments] : listed) {
            const QString name = rung + "/playlist.m3u8";
            QVERIFY(edits.write(name, growingPlaylist(edits.original(name), segments)));
        }
        Session session;
        PlayerOptions options;
        options.manifest_url = m_server.url("/api/v1/videos/" + m_long_id + "/cmaf/master.m3u8");
        options.initial_estimate_bps = 50e6; // the last session's estimate: the ABR starts at the top
        session.engine->open(options);
        if (manual)
            session.engine->selectRung(2);
        auto shownHeight = [&](double from_s) {
            for (const Shown& shown : session.video.shown())
                if (shown.pts_s >= from_s)
                    return shown.height;
            return 0;
        };
        QVERIFY2(session.waitFor(
                     [&] { return shownHeight(4.0) > 0 || session.state() == PlayerState::Failed; }, 20000),
                 session.engine->snapshot().error_message.c_str());
        QVERIFY2(session.state() != PlayerState::Failed, session.engine->snapshot().error_message.c_str());
        QVERIFY(edits.restore()); // the presentation completes
        QVERIFY2(session.waitForState(PlayerState::Ended, 30000),
                 session.engine->snapshot().error_message.c_str());
        QCOMPARE(shownHeight(0.0), 360);
        QCOMPARE(shownHeight(4.0), 240);
        QCOMPARE(shownHeight(8.0), 360); // the choice was kept for the next segment
        bool stand_in = false;
        for (const PlayerEvent& event : session.events)
            stand_in = stand_in || (event.type == PlayerEventType::RungSwitched &&
                                    event.reason == "unavailable" && event.to_rung == "240p");
        QVERIFY(stand_in);
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QCOMPARE(snapshot.selected_rung, manual ? 2 : -1);
        const int frames = ffprobeFrames(
            QString::fromStdString(m_server.url("/api/v1/videos/" + m_long_id + "/cmaf/144p/playlist.m3u8")),
            "v:0");
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), frames);
    }

    // A presentation still growing whose playlist can no longer be reloaded: processing failed (the server
    // removes its outputs), the video was made private (404 to others), or the answer cannot be read (5 times
    // in a row). The session ends with a readable message instead of buffering for ever.
    void aGrowingPresentationThatCannotBeReloadedFails_data() {
        QTest::addColumn<QString>("cause");
        QTest::addColumn<QString>("message");
        QTest::newRow("processing failed") << "removed"
                                           << "the video is no longer available";
        QTest::newRow("made private") << "private"
                                      << "the video is no longer available";
        QTest::newRow("unreadable") << "junk"
                                    << "the video's playlist cannot be reloaded";
    }
    void aGrowingPresentationThatCannotBeReloadedFails() {
        QFETCH(QString, cause);
        QFETCH(QString, message);
        QVERIFY(!m_long_id.empty());
        const QString cmaf = m_server.dataDir() + "/media/" + QString::fromStdString(m_long_id) + "/cmaf";
        MediaFileEdits edits(cmaf);
        for (const char* rung : {"144p", "240p", "360p"}) {
            const QString name = QString(rung) + "/playlist.m3u8";
            QVERIFY(edits.write(name, growingPlaylist(edits.original(name), 2)));
        }
        Session session;
        PlayerOptions options;
        options.manifest_url = m_server.url("/api/v1/videos/" + m_long_id + "/cmaf/master.m3u8");
        session.engine->open(options);
        QVERIFY2(session.waitForState(PlayerState::Playing, 10000),
                 session.engine->snapshot().error_message.c_str());
        ApiClient api(m_server);
        if (cause == "removed")
            QVERIFY(edits.remove("master.m3u8"));
        else if (cause == "junk")
            QVERIFY(edits.write("master.m3u8", "<html>a proxy's error page</html>\n"));
        else
            QCOMPARE(api.call("PATCH", "/api/v1/videos/" + m_long_id, m_token,
                              nlohmann::json{{"visibility", "private"}})
                         .status,
                     200);
        const bool failed = session.waitForState(PlayerState::Failed, 40000);
        if (cause == "private")
            QCOMPARE(api.call("PATCH", "/api/v1/videos/" + m_long_id, m_token,
                              nlohmann::json{{"visibility", "public"}})
                         .status,
                     200);
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QVERIFY2(failed, qPrintable(QString("state %1").arg(int(snapshot.state))));
        QVERIFY2(snapshot.error_message.rfind(message.toStdString(), 0) == 0, snapshot.error_message.c_str());
        QVERIFY2(snapshot.error_message.find("http") == std::string::npos, snapshot.error_message.c_str());
        QCOMPARE(session.count(PlayerEventType::Error), 1);
        qInfo("failed with: %s", snapshot.error_message.c_str());
    }

    // A signed URL that expires mid-session (here: paused past a 2 s lifetime, then played with one segment
    // buffered). Without an owner to renew it the session fails saying so, naming no URL; with one
    // (AwaitRenewal) the engine reports UrlExpired, takes each fresh address and plays every frame to the
    // end.
    void anExpiredSignedUrlIsRenewedOrSaysSo_data() {
        QTest::addColumn<bool>("renew");
        QTest::newRow("renewed") << true;
        QTest::newRow("not renewed") << false;
    }
    void anExpiredSignedUrlIsRenewedOrSaysSo() {
        QFETCH(bool, renew);
        if (!m_short_lived_urls) {
            QVERIFY(m_server.terminate());
            m_server.setArgs({"--signed-url-ttl-s", "2"});
            QVERIFY2(m_server.start(), qPrintable(m_server.log()));
            m_short_lived_urls = true;
        }
        ApiClient api(m_server);
        auto signedManifest = [&] {
            return m_server.url(
                api.get("/api/v1/videos/" + m_id + "/playback", m_token).json.value("hls_url", ""));
        };
        const std::string manifest = signedManifest();
        Session session;
        PlayerOptions options;
        options.manifest_url = manifest;
        options.start_paused = true;
        options.buffer_target_s = 1; // the first segment only, until the playhead moves
        options.expired_urls = renew ? ExpiredUrls::AwaitRenewal : ExpiredUrls::Fail;
        session.engine->open(options);
        QVERIFY2(session.waitForState(PlayerState::Paused, 10000),
                 session.engine->snapshot().error_message.c_str());
        QVERIFY(QTest::qWaitFor([&] { return api.get(manifest).status == 403; }, 10000));
        session.engine->play();
        size_t seen = 0;
        int renewals = 0;
        QVERIFY(session.waitFor(
            [&] {
                for (; seen < session.events.size(); ++seen)
                    if (session.events[seen].type == PlayerEventType::UrlExpired && renew) {
                        session.engine->setManifestUrl(signedManifest());
                        ++renewals;
                    }
                const PlayerState state = session.state();
                return state == PlayerState::Ended || state == PlayerState::Failed;
            },
            30000));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        if (renew) {
            QVERIFY2(snapshot.state == PlayerState::Ended, snapshot.error_message.c_str());
            QVERIFY(renewals >= 1);
            QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), m_frames);
            qInfo("renewed %d times", renewals);
        } else {
            QCOMPARE(snapshot.state, PlayerState::Failed);
            QCOMPARE(snapshot.error_message, std::string("the playback link has expired"));
            QCOMPARE(session.count(PlayerEventType::UrlExpired), 0);
        }
    }

    // Last: these delete segment files on disk.
    void missingSegmentIsRetriedThenALowerRungPlays() {
        for (const char* rung : {"240p", "360p"})
            QVERIFY(QFile::remove(rungDir(rung) + "/seg_00002.m4s"));
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        options.initial_estimate_bps = 50e6; // start high: the top rung's segment 2 is missing
        session.engine->open(options);
        QVERIFY(session.waitFor(
            [&] {
                const PlayerState state = session.state();
                return state == PlayerState::Ended || state == PlayerState::Failed;
            },
            40000));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QVERIFY2(snapshot.state == PlayerState::Ended, snapshot.error_message.c_str());
        QVERIFY(session.count(PlayerEventType::SegmentRetried) >= 3);
        qInfo("retries %d, switches %d", session.count(PlayerEventType::SegmentRetried),
              session.count(PlayerEventType::RungSwitched));
        bool dropped = false;
        for (const PlayerEvent& event : session.events)
            dropped = dropped || (event.type == PlayerEventType::RungSwitched && event.reason == "error");
        QVERIFY(dropped);
        // The retries outlast the 4 s buffered: one stall, ended, counted.
        QVERIFY(session.count(PlayerEventType::StallStarted) >= 1);
        QCOMPARE(session.count(PlayerEventType::StallStarted), session.count(PlayerEventType::StallEnded));
        QCOMPARE(snapshot.stats.stall_count, session.count(PlayerEventType::StallStarted));
        QVERIFY(snapshot.stats.stall_ms > 0);
        const auto shown = session.video.shown();
        QCOMPARE(shown.back().height, 144); // segment 2 only exists at 144p
        QCOMPARE(int(snapshot.stats.presented_frames + snapshot.stats.dropped_frames), m_frames);
    }

    void unrecoverableSegmentFailsWithAMessage() {
        QVERIFY(QFile::remove(rungDir("144p") + "/seg_00002.m4s"));
        Session session;
        PlayerOptions options;
        options.manifest_url = url("master.m3u8");
        session.engine->open(options);
        session.engine->selectRung(0);
        QVERIFY(session.waitForState(PlayerState::Failed, 20000));
        const PlayerSnapshot snapshot = session.engine->snapshot();
        QVERIFY2(snapshot.error_message.find("404") != std::string::npos, snapshot.error_message.c_str());
        qInfo("failed with: %s", snapshot.error_message.c_str());
        QCOMPARE(session.count(PlayerEventType::Error), 1);
        QVERIFY(session.count(PlayerEventType::SegmentRetried) >= 3);
    }
};

QTEST_GUILESS_MAIN(TestPlayerEngine)
#include "test_player_engine.moc"
