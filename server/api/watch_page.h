#pragma once
// The small HTML page behind a share link (GET /watch/<id>?t=N, docs/API.md §16): title, channel, thumbnail,
// the HLS URL for any player, a framecast:// link for the app and Open Graph tags for link previews. Every
// text and URL put into the page is HTML-escaped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::api {

struct WatchPage {
    std::string video_id;
    std::string title;
    std::string description;
    std::string channel_name;
    std::string page_url;                     // absolute, this page's own address (og:url)
    std::optional<std::string> thumbnail_url; // absolute
    std::optional<std::string> hls_url;       // absolute; nullopt while the video has nothing to play yet
    int64_t start_s = 0;
};

// & < > " ' as character references: safe in text and in quoted attribute values.
std::string htmlEscape(std::string_view text);

std::string renderWatchPage(const WatchPage& page);
std::string renderWatchNotFoundPage();

} // namespace fc::server::api
