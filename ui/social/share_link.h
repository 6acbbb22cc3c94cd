#pragma once
// Share links (docs/API.md §16): "http://host/watch/<id>?t=83" as the server makes them, or
// "framecast://watch/<id>?t=83". Pasted into the search field, such a link opens the player at t. Pure,
// unit-tested.
#include <QString>

#include <optional>

namespace fc::ui {

struct ShareLink {
    QString video_id;
    double start_s = 0; // where to start; 0 without t
};

// The video and start time of a share link, or nullopt for anything else (a search, another URL). The id
// must look like one (11 characters of base64url); t is whole seconds ("83", "83s") or "1h2m3s" / "4m10s"
// (a malformed t means the start).
std::optional<ShareLink> parseShareLink(const QString& text);

// "t" values: "83" → 83, "83s" → 83, "1m23s" → 83, "1h" → 3600; nullopt when malformed.
std::optional<double> parseStartTime(const QString& text);

} // namespace fc::ui
