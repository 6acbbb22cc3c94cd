#pragma once
// What the library pages show in words, and the small pure helpers the library models share (tested without
// a server): relative ages, view counts, why a comment was held, resume progress, API paths.
#include <QDateTime>
#include <QList>
#include <QString>

namespace fc::ui {

// "just now", "5 minutes ago", "1 hour ago", "3 days ago", "2 weeks ago", "4 months ago", "1 year ago";
// empty when then is invalid. A time slightly in the future (clock skew) is "just now".
QString ageText(const QDateTime& then, const QDateTime& now);

// "No views", "1 view", "1,234 views" (grouped as the user's locale groups numbers).
QString viewsText(qint64 views);

// "1 subscriber", "12 subscribers".
QString subscribersText(qint64 subscribers);

// "1 video", "7 videos".
QString videoCountText(qint64 videos);

// The server's held_reason (docs/API.md §13) as words for the creator: "Contains a blocked word", …
QString heldReasonText(const QString& held_reason);

// How far into the video the saved position is, 0..1; 0 when the duration is unknown (duration_ms < 0).
double resumeFraction(double position_s, qint64 duration_ms);

// An API path with each argument percent-encoded into its %N: apiPath("/api/v1/playlists/%1/items", id).
QString apiPath(const QString& pattern, const QString& arg1, const QString& arg2 = {});

} // namespace fc::ui
