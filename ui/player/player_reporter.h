#pragma once
// What the player tells the server about a viewing session (POST /api/v1/events): engine events mapped to
// the API's event types (FirstFrame → startup, StallEnded → stall, RungSwitched → rung_switch,
// SeekCompleted → seek, Error → error), dropped frames as deltas, and heartbeats carrying watched_s — the
// seconds actually played, not seeked over. No network here: the controller sends the batches it takes.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

#include "core/playback/player_engine.h"

namespace fc::ui {

class PlaybackReporter {
public:
    static constexpr int kMaxEventsPerRequest = 100; // the server refuses more (too_many_events)

    void begin(const QString& playback_session_id, const QString& video_id);

    // A user seek from `from_s`: the next SeekCompleted reports it, and no watched time is counted across it.
    void seekRequested(double from_s);
    void addEngineEvents(const std::vector<playback::PlayerEvent>& events);
    // Called with every snapshot: accumulates watched time while playing and remembers dropped frames.
    void observe(const playback::PlayerSnapshot& snapshot);

    // The pending events as request bodies of at most kMaxEventsPerRequest events each, with a heartbeat and
    // the dropped-frames delta appended; empty when there is nothing to send. now_ms: steady ms since open.
    QList<QJsonObject> takeBatches(int64_t now_ms, bool with_heartbeat);

    double watchedS() const { return m_watchedS; }
    QString sessionId() const { return m_sessionId; }

private:
    QString m_sessionId;
    QString m_videoId;
    QJsonArray m_pending;
    double m_seekFromS = -1;
    bool m_hasLastPosition = false;
    double m_lastPositionS = 0;
    double m_watchedS = 0;
    int64_t m_droppedFrames = 0;
    int64_t m_droppedReported = 0;
};

// One engine event as an /api/v1/events entry; an empty object for events the API does not record.
QJsonObject eventToJson(const playback::PlayerEvent& event, double seek_from_s);

} // namespace fc::ui
