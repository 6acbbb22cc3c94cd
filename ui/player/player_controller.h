#pragma once
// The player page's controller (QML: `PlayerController { videoSink: output.videoSink }`). open(videoId) asks
// the server how to play the video (GET /videos/<id>/playback: signed HLS URL, renditions, storyboard,
// resume position), then runs a core PlayerEngine into the Qt sinks (ui/player adapters), seeded with the
// last session's throughput estimate. The engine wakes the controller up from its threads; the controller
// reads snapshot()/takeEvents() on the GUI thread and republishes them as properties. While a video is open
// it saves the watch position (every 5 s while playing, and on pause, seek and close), reports QoE events
// in batches (every 10 s and on close) and, on close, keeps the throughput estimate for the next session.
// The signed URLs expire (expires_in_s): the controller asks /playback again at 90% of their lifetime, or
// when the engine reports one refused as expired, and hands the engine the new address (position, rung and
// buffer stay); a refused renewal (the video was deleted or made private meanwhile) is a readable error.
#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVariantMap>
#include <QVideoSink>
#include <QtQml/qqmlregistration.h>

#include <memory>

#include "core/playback/player_engine.h"
#include "core/streaming/storyboard_vtt.h"
#include "ui/player/player_reporter.h"

namespace fc::ui {

class AppContext;
struct ApiResult;

class PlayerController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString videoId READ videoId NOTIFY openedChanged)
    Q_PROPERTY(bool active READ active NOTIFY openedChanged)
    Q_PROPERTY(QString title READ title NOTIFY openedChanged)
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(double position_s READ positionS NOTIFY positionChanged)
    Q_PROPERTY(double duration_s READ durationS NOTIFY durationChanged)
    Q_PROPERTY(double buffered_until_s READ bufferedUntilS NOTIFY positionChanged)
    Q_PROPERTY(QString timeText READ timeText NOTIFY positionChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY stateChanged)
    Q_PROPERTY(double speed READ speed NOTIFY speedChanged)
    Q_PROPERTY(double volume READ volume NOTIFY volumeChanged)
    Q_PROPERTY(bool muted READ muted NOTIFY volumeChanged)
    Q_PROPERTY(QStringList qualities READ qualities NOTIFY qualitiesChanged)
    Q_PROPERTY(int selectedQuality READ selectedQuality NOTIFY qualitiesChanged)
    Q_PROPERTY(QString currentRung READ currentRung NOTIFY qualitiesChanged)
    Q_PROPERTY(QString qualityText READ qualityText NOTIFY qualitiesChanged)
    Q_PROPERTY(QVariantMap stats READ stats NOTIFY statsChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(bool hasStoryboard READ hasStoryboard NOTIFY storyboardChanged)
    Q_PROPERTY(QVideoSink* videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
public:
    // The App singleton's services; a null app means AppContext::instance() (QML creates us without one).
    explicit PlayerController(QObject* parent = nullptr);
    PlayerController(AppContext* app, QObject* parent);
    ~PlayerController() override; // closes (reports, saves) and stops playback

    QString videoId() const { return m_videoId; }
    bool active() const { return !m_videoId.isEmpty(); }
    QString title() const { return m_title; }
    QString state() const { return m_state; }
    double positionS() const { return m_snapshot.position_s; }
    double durationS() const { return m_snapshot.duration_s; }
    double bufferedUntilS() const { return m_snapshot.buffered_until_s; }
    QString timeText() const;
    bool paused() const { return m_snapshot.paused; }
    double speed() const { return m_snapshot.speed; }
    double volume() const { return m_snapshot.volume; }
    bool muted() const { return m_snapshot.muted; }
    QStringList qualities() const { return m_qualities; }
    int selectedQuality() const { return m_snapshot.selected_rung + 1; } // 0 = Auto
    QString currentRung() const { return QString::fromStdString(m_snapshot.stats.rung_id); }
    QString qualityText() const;
    QVariantMap stats() const;
    QString errorMessage() const { return m_errorMessage; }
    bool hasStoryboard() const { return !m_storyboard.tiles.empty(); }
    QVideoSink* videoSink() const { return m_videoSink; }
    void setVideoSink(QVideoSink* sink);

    // For tests: frames the engine presented and frames handed to the QVideoSink; the last frame's size.
    qint64 framesPresented() const;
    QSize lastFrameSize() const;
    QString playbackSessionId() const { return m_reporter.sessionId(); }
    double watchedS() const { return m_reporter.watchedS(); }

    // start_s < 0: where the user left off (the server's resume position); else from start_s (a share link).
    Q_INVOKABLE void open(const QString& video_id, double start_s = -1);
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void seek(double seconds);
    Q_INVOKABLE void seekBy(double delta_s);
    Q_INVOKABLE void setSpeed(double speed);
    Q_INVOKABLE void setVolume(double linear_0_to_1);
    Q_INVOKABLE void toggleMute();
    Q_INVOKABLE void selectQuality(int index); // 0 = Auto, i = qualities[i]
    Q_INVOKABLE void close();
    Q_INVOKABLE void dismissError();
    // {source (absolute URL of the sheet), x, y, width, height} of the storyboard tile at `seconds`, or {}.
    Q_INVOKABLE QVariantMap storyboardTileAt(double seconds) const;
    Q_INVOKABLE QString formatTime(double seconds) const;

signals:
    void openedChanged();
    void stateChanged();
    void positionChanged();
    void durationChanged();
    void speedChanged();
    void volumeChanged();
    void qualitiesChanged();
    void statsChanged();
    void errorMessageChanged();
    void storyboardChanged();
    void videoSinkChanged();

private:
    struct Session; // the engine and the sinks it writes to, torn down together off the GUI thread

    AppContext* app() const;
    void onPlaybackInfo(int generation, const ApiResult& result);
    void scheduleRenewal(const QJsonObject& info);
    void renewUrls();
    void onRenewedInfo(int generation, const ApiResult& result);
    void failSession(const QString& message);
    void startEngine(const QString& manifest_url, double start_position_s);
    void fetchStoryboard(const QString& vtt_url);
    void onWakeup();
    void applySnapshot(const playback::PlayerSnapshot& snapshot);
    void setState(const QString& state);
    void setError(const QString& message);
    void postWatchPosition();
    void flushEvents(bool with_heartbeat);
    void stopSession();

    QPointer<AppContext> m_app;
    std::shared_ptr<Session> m_session;
    QThreadPool m_workers; // storyboard fetches and session teardown
    int m_generation = 0;  // bumped by open/close: late answers for an older video are dropped

    QString m_videoId;
    QString m_title;
    QString m_state = QStringLiteral("idle");
    QString m_errorMessage;
    playback::PlayerSnapshot m_snapshot;
    QStringList m_qualities;
    QPointer<QVideoSink> m_videoSink;
    streaming::StoryboardIndex m_storyboard;

    PlaybackReporter m_reporter;
    QElapsedTimer m_sinceOpen;
    QTimer m_poll;           // snapshots while a video is open (position moves without events)
    QTimer m_positionTimer;  // watch position every 5 s while playing
    QTimer m_eventsTimer;    // events every 10 s
    QTimer m_renewTimer;     // single shot: signed URLs renewed before they expire
    bool m_renewing = false; // a /playback request for fresh URLs is in flight
    int m_renewFailures = 0; // in a row, of kinds that may pass (network, server errors)
    double m_lastSavedPositionS = -1;
    double m_requestedStartS = -1; // open()'s start_s for the video being opened
};

} // namespace fc::ui
