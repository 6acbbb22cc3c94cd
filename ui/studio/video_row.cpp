#include "ui/studio/video_row.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

#include "ui/preview/preview_text.h"

namespace fc::ui {
namespace {
const QString kTopicPrefix = QStringLiteral("video:");
const QString kTopicSuffix = QStringLiteral(":status");

int percent(double fraction) {
    return static_cast<int>(std::floor(std::clamp(fraction, 0.0, 1.0) * 100.0));
}
} // namespace

VideoRow videoRowFromJson(const QJsonObject& video) {
    VideoRow row;
    row.id = video.value(QStringLiteral("id")).toString();
    row.title = video.value(QStringLiteral("title")).toString();
    row.description = video.value(QStringLiteral("description")).toString();
    for (const QJsonValue& tag : video.value(QStringLiteral("tags")).toArray())
        row.tags.append(tag.toString());
    row.category = video.value(QStringLiteral("category")).toString();
    row.visibility = video.value(QStringLiteral("visibility")).toString();
    row.status = video.value(QStringLiteral("status")).toString();
    row.progress = row.status == QLatin1String("ready") ? 1.0 : 0.0;
    const QJsonObject failure = video.value(QStringLiteral("failure")).toObject();
    row.failure_code = failure.value(QStringLiteral("code")).toString();
    row.failure_message = failure.value(QStringLiteral("message")).toString();
    row.playable = video.value(QStringLiteral("playable")).toBool();
    row.views = video.value(QStringLiteral("view_count")).toInteger();
    const QJsonValue duration = video.value(QStringLiteral("duration_ms"));
    row.duration_ms = duration.isDouble() ? duration.toInteger() : -1;
    row.created_at =
        QDateTime::fromString(video.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    row.thumbnail_path = video.value(QStringLiteral("thumbnail_url")).toString();
    return row;
}

bool isSettledStatus(const QString& status) {
    return status == QLatin1String("ready") || status == QLatin1String("failed");
}

QString statusText(const VideoRow& row) {
    if (row.status == QLatin1String("uploading"))
        return QCoreApplication::translate("Studio", "Uploading %1 %").arg(percent(row.progress));
    if (row.status == QLatin1String("queued"))
        return QCoreApplication::translate("Studio", "Queued");
    if (row.status == QLatin1String("processing"))
        return QCoreApplication::translate("Studio", "Processing %1 %").arg(percent(row.progress));
    if (row.status == QLatin1String("ready"))
        return QCoreApplication::translate("Studio", "Ready");
    if (row.status == QLatin1String("failed"))
        return row.failure_message.isEmpty()
                   ? QCoreApplication::translate("Studio", "Failed")
                   : QCoreApplication::translate("Studio", "Failed: %1").arg(row.failure_message);
    return row.status;
}

QString durationText(qint64 duration_ms) {
    if (duration_ms < 0)
        return {};
    return formatClock(double((duration_ms + 500) / 1000)); // rounded to the nearest second
}

QString videoStatusTopic(const QString& video_id) {
    return kTopicPrefix + video_id + kTopicSuffix;
}

QString videoIdFromStatusTopic(const QString& topic) {
    if (!topic.startsWith(kTopicPrefix) || !topic.endsWith(kTopicSuffix) ||
        topic.size() <= kTopicPrefix.size() + kTopicSuffix.size())
        return {};
    return topic.mid(kTopicPrefix.size(), topic.size() - kTopicPrefix.size() - kTopicSuffix.size());
}

} // namespace fc::ui
