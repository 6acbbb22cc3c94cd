#include "ui/player/player_text.h"

#include <QCoreApplication>

#include <cmath>

#include "ui/api/api_client.h"
#include "ui/preview/preview_text.h"

namespace fc::ui {

QString playerStateName(playback::PlayerState state) {
    using playback::PlayerState;
    switch (state) {
    case PlayerState::Idle:
        return QStringLiteral("idle");
    case PlayerState::Loading:
        return QStringLiteral("loading");
    case PlayerState::Buffering:
        return QStringLiteral("buffering");
    case PlayerState::Playing:
        return QStringLiteral("playing");
    case PlayerState::Paused:
        return QStringLiteral("paused");
    case PlayerState::Ended:
        return QStringLiteral("ended");
    case PlayerState::Failed:
        return QStringLiteral("failed");
    case PlayerState::Invalid:
        break;
    }
    return QStringLiteral("idle");
}

QString formatPlaybackTime(double seconds) {
    return formatClock(std::isfinite(seconds) ? seconds : 0);
}

QStringList qualityLabels(const std::vector<playback::RenditionInfo>& renditions) {
    QStringList labels{QCoreApplication::translate("Player", "Auto")};
    for (const playback::RenditionInfo& rendition : renditions)
        labels << QString::fromStdString(rendition.id);
    return labels;
}

QString qualitySummary(bool auto_rung, const QString& rung_on_screen, const QString& selected_rung) {
    if (!auto_rung)
        return selected_rung;
    const QString automatic = QCoreApplication::translate("Player", "Auto");
    return rung_on_screen.isEmpty() ? automatic : QStringLiteral("%1 (%2)").arg(automatic, rung_on_screen);
}

QString describePlaybackError(const ApiError& error) {
    if (error.code == QLatin1String("not_playable"))
        return QCoreApplication::translate(
            "Player", "This video is still being processed. Try again when it is ready.");
    if (error.status == 404)
        return QCoreApplication::translate("Player", "This video does not exist or is private.");
    return QCoreApplication::translate("Player", "Could not start playback: %1")
        .arg(ApiClient::describe(error));
}

QString describeRenewalError(const ApiError& error) {
    if (error.status == 404)
        return QCoreApplication::translate("Player", "This video is no longer available: it was deleted or "
                                                     "made private.");
    if (error.code == QLatin1String("not_playable"))
        return QCoreApplication::translate("Player", "This video can no longer be played.");
    return QCoreApplication::translate("Player", "Playback stopped: %1").arg(ApiClient::describe(error));
}

} // namespace fc::ui
