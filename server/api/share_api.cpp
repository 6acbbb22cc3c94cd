// Share links with a start time and the /watch/<id> page they lead to (docs/API.md §16); each link handed out
// is a share for trending (§17). Links are built on --public-url, or else on the Host the client reached us
// by (the listen address when there is none), so they work from where the sharer stands. Visibility as every
// read: a private video of someone else is 404 (an HTML page on /watch).
#include "server/api/routes.h"

#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/util/hashing.h"
#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/video_json.h"
#include "server/api/watch_page.h"
#include "server/auth/url_signer.h"
#include "server/discovery/trending_store.h"
#include "server/http/request_context.h"
#include "server/store/channel_repository.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kMaxHostChars = 255;

// A Host header we are willing to put into links and pages: a name or address with an optional port.
bool isSaneHost(std::string_view host) {
    if (host.empty() || host.size() > kMaxHostChars)
        return false;
    for (char c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' && c != '[' &&
            c != ']')
            return false;
    return true;
}

// --public-url when set, else "http://<host>" as the client addressed us.
std::string baseUrl(const RequestContext& context) {
    if (!context.server.config.public_url.empty())
        return context.server.config.public_url;
    if (auto host = context.request.headers.get("Host"); host && isSaneHost(*host))
        return "http://" + std::string(*host);
    const ServerConfig& config = context.server.config;
    std::string host = config.listen_host;
    if (host.empty() || host == "0.0.0.0" || host == "::")
        host = "localhost";
    else if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(config.listen_port);
}

// ?t=: whole seconds ≥ 0. Absent: nullopt; malformed: false in ok.
std::optional<int64_t> startSeconds(const HttpRequest& request, bool& ok) {
    ok = true;
    const auto text = request.queryParam("t");
    if (!text)
        return std::nullopt;
    int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
    ok = !text->empty() && ec == std::errc() && end == text->data() + text->size() && seconds >= 0;
    return ok ? std::optional<int64_t>(seconds) : std::nullopt;
}

std::string watchPath(const std::string& video_id, std::optional<int64_t> start_s) {
    return "/watch/" + video_id + (start_s ? "?t=" + std::to_string(*start_s) : "");
}

HttpResponse share(RequestContext& context) {
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    bool ok = true;
    const auto start_s = startSeconds(context.request, ok);
    if (!ok)
        return invalidField("t must be a whole number of seconds, at least 0");
    const auto& video = std::get<store::VideoRecord>(visible);
    // One share per video and sharer per day (docs/API.md §17): the signed-in user, else the client address,
    // stored only as a keyed hash.
    const std::string sharer = context.user
                                   ? "user:" + context.user->id
                                   : "addr:" + toHex(hmacSha256Raw(context.server.config.url_signing_secret,
                                                                   context.request.remote_ip))
                                                   .substr(0, 32);
    if (auto counted = context.server.database.write([&](store::Connection& db) {
            return discovery::recordShare(db, video.id, sharer, unixMillisNow());
        });
        !counted)
        return storeFailure(counted.error());
    return HttpResponse::json(
        200, {{"url", baseUrl(context) + watchPath(video.id, start_s)}, {"start_s", start_s.value_or(0)}});
}

HttpResponse htmlResponse(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers.set("Content-Type", "text/html; charset=utf-8");
    response.headers.set("Cache-Control", "no-cache");
    response.headers.set("X-Content-Type-Options", "nosniff");
    // Nothing in the page runs script; should escaping ever miss, the browser still refuses to run any.
    response.headers.set("Content-Security-Policy",
                         "default-src 'none'; img-src *; style-src 'unsafe-inline'");
    return response;
}

HttpResponse watchPage(RequestContext& context) {
    const auto viewer = viewerId(context);
    std::optional<store::VideoRecord> video;
    std::string channel_name;
    auto loaded = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto found = store::findVideo(db, context.param("id"));
        if (!found)
            return found.error();
        if (!*found || !mayView((*found)->visibility, (*found)->owner_id, viewer))
            return {};
        auto channel = store::findChannel(db, (*found)->channel_id);
        if (!channel)
            return channel.error();
        channel_name = *channel ? (*channel)->name : "";
        video = std::move(*found);
        return {};
    });
    if (!loaded)
        return htmlResponse(loaded.error().code == "database_unavailable" ? 503 : 500,
                            renderWatchNotFoundPage());
    if (!video)
        return htmlResponse(404, renderWatchNotFoundPage());

    bool ok = true;
    const int64_t start_s = startSeconds(context.request, ok).value_or(0); // a bad t just starts at 0
    const std::string base = baseUrl(context);
    // Public and unlisted videos play from the public routes. A private one (its owner came with a token)
    // and an encrypted one (its segments are served only there) go through a signed prefix.
    std::optional<std::string> signed_prefix;
    if (video->visibility == Visibility::Private || video->hls_encryption) {
        const auth::PlaybackGrant grant{unixMillisNow() / 1000 + context.server.config.signed_url_ttl_s,
                                        viewer};
        signed_prefix = "/api/v1/videos/" + video->id + "/s/" +
                        auth::signPlaybackToken(context.server.config.url_signing_secret, video->id, grant) +
                        "/";
    }
    WatchPage page;
    page.video_id = video->id;
    page.title = video->title;
    page.description = video->description;
    page.channel_name = channel_name;
    page.page_url = base + watchPath(video->id, start_s > 0 ? std::optional<int64_t>(start_s) : std::nullopt);
    page.start_s = start_s;
    if (video->thumbnail_file)
        page.thumbnail_url = base + (signed_prefix && video->thumbnail_file->rfind("thumbs/", 0) == 0
                                         ? *signed_prefix + "files/" + *video->thumbnail_file
                                         : videoFileUrl(video->id, *video->thumbnail_file));
    if (video->playable)
        page.hls_url = base + (signed_prefix ? *signed_prefix + "cmaf/master.m3u8"
                                             : "/api/v1/videos/" + video->id + "/cmaf/master.m3u8");
    return htmlResponse(200, renderWatchPage(page));
}

} // namespace

void registerShareRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/videos/:id/share", share, {.group = "metadata"});
    router.add(Method::Get, "/watch/:id", watchPage, {.group = "metadata"});
}

} // namespace fc::server::api
