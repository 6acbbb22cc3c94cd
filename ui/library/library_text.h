#pragma once
// What the library pages show in words, and the small pure helpers the library models share (tested without
// a server): view counts, why a comment was held, resume progress, API paths.
#include <QList>
#include <QString>

namespace fc::ui {

// "No views", "1 view", "1,234 views" (grouped as the user's locale groups numbers).
QString viewsText(qint64 views);

// "1 subscriber", "12 subscribers".
QString subscribersText(qint64 subscribers);

// "1 video", "7 videos".
QString videoCountText(qint64 videos);
// A playlist's count as its reader sees it: "7 videos", "7 videos · 1 unavailable video hidden".
QString playlistCountText(qint64 visible_videos, qint64 hidden_videos);

// The server's held_reason (docs/API.md §13) as words for the creator: "Contains a blocked word", …
QString heldReasonText(const QString& held_reason);

// How far into the video the saved position is, 0..1; 0 when the duration is unknown (duration_ms < 0).
double resumeFraction(double position_s, qint64 duration_ms);

// An API path with each argument percent-encoded into its %N: apiPath("/api/v1/playlists/%1/items", id).
QString apiPath(const QString& pattern, const QString& arg1, const QString& arg2 = {});

} // namespace fc::ui
