#include "server/api/watch_page.h"

namespace fc::server::api {
namespace {

constexpr size_t kPreviewDescriptionBytes = 300;

// At most max_bytes, cut before a UTF-8 continuation byte so no character is split.
std::string_view utf8Prefix(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes)
        return text;
    size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

std::string metaProperty(std::string_view property, std::string_view content) {
    return "<meta property=\"" + std::string(property) + "\" content=\"" + htmlEscape(content) + "\">\n";
}

std::string pageHead(std::string_view title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           htmlEscape(title) + "</title>\n";
}

} // namespace

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string renderWatchPage(const WatchPage& page) {
    const std::string app_link = "framecast://watch/" + page.video_id + "?t=" + std::to_string(page.start_s);
    std::string html = pageHead(page.title + " - Framecast");
    html += metaProperty("og:site_name", "Framecast");
    html += metaProperty("og:type", "video.other");
    html += metaProperty("og:title", page.title);
    html += metaProperty("og:url", page.page_url);
    if (!page.description.empty())
        html += metaProperty("og:description", utf8Prefix(page.description, kPreviewDescriptionBytes));
    if (page.thumbnail_url)
        html += metaProperty("og:image", *page.thumbnail_url);
    if (page.hls_url) {
        html += metaProperty("og:video", *page.hls_url);
        html += metaProperty("og:video:type", "application/vnd.apple.mpegurl");
    }
    html += "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
            "img{max-width:100%}.description{white-space:pre-wrap}</style>\n</head>\n<body>\n";
    html += "<h1>" + htmlEscape(page.title) + "</h1>\n";
    html += "<p class=\"channel\">" + htmlEscape(page.channel_name) + "</p>\n";
    if (page.thumbnail_url)
        html += "<p><img src=\"" + htmlEscape(*page.thumbnail_url) + "\" alt=\"" + htmlEscape(page.title) +
                "\"></p>\n";
    html += "<p><a href=\"" + htmlEscape(app_link) + "\">Open in Framecast</a>";
    if (page.start_s > 0)
        html += " (from " + std::to_string(page.start_s) + " s)";
    html += "</p>\n";
    if (page.hls_url)
        html += "<p>HLS stream for any player: <a href=\"" + htmlEscape(*page.hls_url) + "\">" +
                htmlEscape(*page.hls_url) + "</a></p>\n";
    else
        html += "<p>This video is still being processed.</p>\n";
    if (!page.description.empty())
        html += "<p class=\"description\">" + htmlEscape(page.description) + "</p>\n";
    html += "</body>\n</html>\n";
    return html;
}

std::string renderWatchNotFoundPage() {
    return pageHead("Video not found - Framecast") +
           "</head>\n<body>\n<h1>Video not found</h1>\n<p>This video does not exist or is private.</p>\n"
           "</body>\n</html>\n";
}

} // namespace fc::server::api
