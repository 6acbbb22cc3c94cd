#pragma once
// Words and numbers the player shows: state names for QML, times ("1:23", "1:02:03"), quality labels and
// readable error sentences. Pure functions, unit-tested.
#include <QString>
#include <QStringList>

#include <vector>

#include "core/playback/player_engine.h"
#include "ui/api/api_result.h"

namespace fc::ui {

// "idle", "loading", "buffering", "playing", "paused", "ended", "failed".
QString playerStateName(playback::PlayerState state);
// 83.4 → "1:23"; 3723 → "1:02:03"; negative or NaN → "0:00".
QString formatPlaybackTime(double seconds);
// "Auto", then each rung's id ("144p", "240p", "360p").
QStringList qualityLabels(const std::vector<playback::RenditionInfo>& renditions);
// The quality button: "Auto (360p)" while automatic (the rung on screen), else the chosen rung.
QString qualitySummary(bool auto_rung, const QString& rung_on_screen, const QString& selected_rung);
// Why GET /playback failed, for people.
QString describePlaybackError(const ApiError& error);
// Why asking /playback again for fresh signed URLs failed mid-session, for people.
QString describeRenewalError(const ApiError& error);

} // namespace fc::ui
