#include "ui/player/player_reporter.h"

#include <algorithm>

namespace fc::ui {
namespace {
// The largest jump between two snapshots still counted as played time: snapshots come every ~250 ms, and
// at 2× speed that is 0.5 s of media; anything bigger is a seek or a skip, not watching.
constexpr double kMaxPlayedStep_s = 2.0;
} // namespace

QJsonObject eventToJson(const playback::PlayerEvent& event, double seek_from_s) {
    using playback::PlayerEventType;
    QJsonObject json{{QStringLiteral("at_ms"), double(event.at_ms)}};
    switch (event.type) {
    case PlayerEventType::FirstFrame:
        json[QStringLiteral("type")] = QStringLiteral("startup");
        json[QStringLiteral("startup_ms")] = double(event.value);
        return json;
    case PlayerEventType::StallEnded:
        json[QStringLiteral("type")] = QStringLiteral("stall");
        json[QStringLiteral("duration_ms")] = double(event.value);
        return json;
    case PlayerEventType::RungSwitched:
        json[QStringLiteral("type")] = QStringLiteral("rung_switch");
        json[QStringLiteral("from")] = QString::fromStdString(event.from_rung);
        json[QStringLiteral("to")] = QString::fromStdString(event.to_rung);
        json[QStringLiteral("reason")] = QString::fromStdString(event.reason);
        return json;
    case PlayerEventType::SeekCompleted:
        json[QStringLiteral("type")] = QStringLiteral("seek");
        json[QStringLiteral("from_s")] = std::max(0.0, seek_from_s);
        json[QStringLiteral("to_s")] = event.position_s;
        return json;
    case PlayerEventType::Error:
        json[QStringLiteral("type")] = QStringLiteral("error");
        json[QStringLiteral("message")] = QString::fromStdString(event.reason);
        return json;
    default:
        return {};
    }
}

void PlaybackReporter::begin(const QString& playback_session_id, const QString& video_id) {
    *this = PlaybackReporter();
    m_sessionId = playback_session_id;
    m_videoId = video_id;
}

void PlaybackReporter::seekRequested(double from_s) {
    if (m_seekFromS < 0) // several seeks before one completes: the first one's origin
        m_seekFromS = from_s;
    m_hasLastPosition = false;
}

void PlaybackReporter::addEngineEvents(const std::vector<playback::PlayerEvent>& events) {
    for (const playback::PlayerEvent& event : events) {
        if (event.type == playback::PlayerEventType::SeekCompleted) {
            if (m_seekFromS < 0)
                continue; // the engine's own start-position seek, not the viewer's
            m_hasLastPosition = false;
        }
        const QJsonObject json = eventToJson(event, m_seekFromS);
        if (event.type == playback::PlayerEventType::SeekCompleted)
            m_seekFromS = -1;
        if (!json.isEmpty())
            m_pending.append(json);
    }
}

void PlaybackReporter::observe(const playback::PlayerSnapshot& snapshot) {
    m_droppedFrames = std::max(m_droppedFrames, snapshot.stats.dropped_frames);
    if (snapshot.state != playback::PlayerState::Playing || m_seekFromS >= 0) {
        m_hasLastPosition = false;
        return;
    }
    if (m_hasLastPosition) {
        const double step = snapshot.position_s - m_lastPositionS;
        if (step > 0 && step <= kMaxPlayedStep_s)
            m_watchedS += step;
    }
    m_hasLastPosition = true;
    m_lastPositionS = snapshot.position_s;
}

QList<QJsonObject> PlaybackReporter::takeBatches(int64_t now_ms, bool with_heartbeat) {
    if (m_sessionId.isEmpty())
        return {};
    if (m_droppedFrames > m_droppedReported) {
        m_pending.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("dropped_frames")},
                                     {QStringLiteral("at_ms"), double(now_ms)},
                                     {QStringLiteral("count"), double(m_droppedFrames - m_droppedReported)}});
        m_droppedReported = m_droppedFrames;
    }
    if (with_heartbeat)
        m_pending.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("heartbeat")},
                                     {QStringLiteral("at_ms"), double(now_ms)},
                                     {QStringLiteral("watched_s"), m_watchedS}});
    QList<QJsonObject> batches;
    for (qsizetype start = 0; start < m_pending.size(); start += kMaxEventsPerRequest) {
        QJsonArray events;
        for (qsizetype i = start; i < std::min<qsizetype>(m_pending.size(), start + kMaxEventsPerRequest);
             ++i)
            events.append(m_pending.at(i));
        batches << QJsonObject{{QStringLiteral("playback_session_id"), m_sessionId},
                               {QStringLiteral("video_id"), m_videoId},
                               {QStringLiteral("events"), events}};
    }
    m_pending = QJsonArray();
    return batches;
}

} // namespace fc::ui
