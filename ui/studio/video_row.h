#pragma once
// One of the signed-in user's videos as the Studio lists it: the fields of the server's video object that the
// list shows, plus the live progress that only realtime events carry.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fc::ui {

struct VideoRow {
    QString id;
    QString title;
    QString description;
    QStringList tags;
    QString category;
    QString visibility;
    QString status;          // uploading, queued, processing, ready, failed
    double progress = 0.0;   // 0..1 of the current stage (upload bytes, then transcode)
    QString failure_code;    // when failed
    QString failure_message; // when failed, written for people
    bool playable = false;
    qint64 views = 0;
    qint64 duration_ms = -1; // -1 until ingest has probed the source
    QDateTime created_at;
    QString thumbnail_path; // the server's thumbnail_url ("/api/v1/...") or empty
};

// From the server's video object (docs/API.md §6).
VideoRow videoRowFromJson(const QJsonObject& video);

// A status that no longer changes by itself, so there is nothing to follow.
bool isSettledStatus(const QString& status);

// "Uploading 42 %", "Queued", "Processing 63 %", "Ready", "Failed: <reason>".
QString statusText(const VideoRow& row);

// "0:04", "12:30", "1:02:03"; empty when unknown.
QString durationText(qint64 duration_ms);

// The realtime topic of a video's status, and the video id back from such a topic (empty if it is not one).
QString videoStatusTopic(const QString& video_id);
QString videoIdFromStatusTopic(const QString& topic);

} // namespace fc::ui
