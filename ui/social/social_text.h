#pragma once
// Words and numbers the social features show: counts ("1.2K"), readable sentences for
// the comment, rating and subscription errors, and the one-line text of a notification. Pure functions,
// unit-tested.
#include <QJsonObject>
#include <QString>

#include "ui/api/api_result.h"

namespace fc::ui {

// 0 → "0", 999 → "999", 1234 → "1.2K", 15300 → "15K", 2500000 → "2.5M".
QString compactCount(qint64 count);
// The seconds in a rate-limit message ("… try again in 20 s"), or 0 when it says none.
int retryAfterSeconds(const QString& message);
// A failed comment/rating/subscription call, for people: "Comments are turned off", "You're posting too
// fast — try again in 20 s", …; anything else as ApiClient::describe says it.
QString describeSocialError(const ApiError& error);
// The notification object (docs/API.md §15) as one line: "ada commented on “Bunny”: nice!".
QString notificationSummary(const QJsonObject& notification);

} // namespace fc::ui
