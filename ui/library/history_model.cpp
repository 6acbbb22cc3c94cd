#include "ui/library/history_model.h"

#include <QDateTime>

#include "ui/library/library_text.h"
#include "ui/models/relative_age.h"

namespace fc::ui {
namespace {
const QString kSettingsPath = QStringLiteral("/api/v1/users/me/history/settings");

QDateTime watchedAt(const QJsonObject& item) {
    return QDateTime::fromString(item.value(QStringLiteral("watched_at")).toString(), Qt::ISODateWithMs);
}
} // namespace

HistoryModel::HistoryModel(ApiClient& api, QObject* parent) : VideoListModel(api, parent) {
    refreshAgesPeriodically(this, {WatchedAgoTextRole});
}

void HistoryModel::setPaused(bool paused) {
    ApiRequest request;
    request.method = "PUT";
    request.path = kSettingsPath;
    request.json = QJsonObject{{QStringLiteral("paused"), paused}};
    callAction(request, paused ? tr("Could not pause your history") : tr("Could not resume your history"),
               [this](const ApiResult& result) { applySettings(result.object()); });
}

void HistoryModel::readSettings() {
    ApiRequest request;
    request.path = kSettingsPath;
    callAction(request, tr("Could not read your history settings"),
               [this](const ApiResult& result) { applySettings(result.object()); });
}

void HistoryModel::applySettings(const QJsonObject& settings) {
    const bool paused = settings.value(QStringLiteral("paused")).toBool();
    if (paused == m_paused)
        return;
    m_paused = paused;
    emit pausedChanged();
}

void HistoryModel::remove(const QString& video_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = apiPath(QStringLiteral("/api/v1/users/me/history/%1"), video_id);
    callAction(request, tr("Could not remove the video from your history"),
               [this, video_id](const ApiResult&) { removeKey(video_id); });
}

void HistoryModel::clearAll() {
    ApiRequest request;
    request.method = "DELETE";
    request.path = QStringLiteral("/api/v1/users/me/history");
    callAction(request, tr("Could not clear your history"), [this](const ApiResult&) { removeAll(); });
}

QString HistoryModel::loadErrorText(const QString& reason) const {
    return tr("Could not load your history: %1").arg(reason);
}

QJsonObject HistoryModel::videoOf(const QJsonObject& item) const {
    return item.value(QStringLiteral("video")).toObject();
}

QVariant HistoryModel::extraData(const QJsonObject& item, int role) const {
    const double position_s = item.value(QStringLiteral("position_s")).toDouble();
    switch (role) {
    case PositionSRole:
        return position_s;
    case ProgressRole: {
        const QJsonValue duration = videoOf(item).value(QStringLiteral("duration_ms"));
        return resumeFraction(position_s, duration.isDouble() ? duration.toInteger() : -1);
    }
    case WatchedAtRole:
        return watchedAt(item);
    case WatchedAgoTextRole:
        return ageText(watchedAt(item), QDateTime::currentDateTimeUtc());
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::extraRoleNames() const {
    return {{PositionSRole, "positionS"},
            {ProgressRole, "progress"},
            {WatchedAtRole, "watchedAt"},
            {WatchedAgoTextRole, "watchedAgoText"}};
}

} // namespace fc::ui
