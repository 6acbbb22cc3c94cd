// Watching: GET /api/v1/videos/<id>/playback (signed manifest URLs, renditions, storyboard, resume position
// and a playback session for view counting), the viewer's watch position (GET/POST .../watch-position) and
// watch history (GET /api/v1/users/me/history). Visibility as every read: a private video of someone else is
// 404.
#include "server/api/routes.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/streaming/hls_parser.h"
#include "core/util/ids.h"
#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/video_json.h"
#include "server/auth/url_signer.h"
#include "server/store/playback_repository.h"
#include "server/uploads/part_file.h"

namespace fc::server::api {
namespace {

constexpr double kResumeEndMarginS = 5; // a position this close to the end starts again from 0

std::optional<nlohmann::json> parsedJson(const std::optional<std::string>& text) {
    if (!text)
        return std::nullopt;
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? std::nullopt : std::optional<nlohmann::json>(std::move(parsed));
}

nlohmann::json renditionJson(const std::string& id, bool audio, int width, int height, int64_t bandwidth_bps,
                             const std::string& codecs) {
    nlohmann::json item = {{"id", id},
                           {"kind", audio ? "audio" : "video"},
                           {"bandwidth_bps", bandwidth_bps},
                           {"codecs", codecs}};
    if (!audio) {
        item["width"] = width;
        item["height"] = height;
    }
    return item;
}

// The ladder as recorded when processing finished; while it runs, read from the growing master playlist.
nlohmann::json renditionsOf(const ServerConfig& config, const store::VideoRecord& video) {
    nlohmann::json out = nlohmann::json::array();
    if (auto stored = parsedJson(video.renditions_json); stored && stored->is_array() && !stored->empty()) {
        for (const auto& r : *stored)
            out.push_back(renditionJson(r.value("id", ""), r.value("kind", "") == "audio",
                                        r.value("width", 0), r.value("height", 0),
                                        r.value("bandwidth_bps", int64_t{0}), r.value("codecs", "")));
        return out;
    }
    const std::string dir = uploads::videoMediaDir(config, video.id) + "/cmaf/";
    auto presentation =
        streaming::loadHlsPresentation("master.m3u8", [&](const std::string& uri) -> Result<std::string> {
            if (uri.find("..") != std::string::npos)
                return makeError("not_found", uri);
            std::ifstream in(dir + uri, std::ios::binary);
            if (!in)
                return makeError("not_found", uri);
            std::ostringstream text;
            text << in.rdbuf();
            return text.str();
        });
    if (presentation)
        for (const auto& r : presentation->renditions)
            out.push_back(renditionJson(r.id, r.kind == streaming::MediaKind::Audio, r.width, r.height,
                                        r.bandwidth_bps, r.codecs));
    return out;
}

HttpResponse playback(RequestContext& context) {
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    const auto& video = std::get<store::VideoRecord>(visible);
    if (!video.playable)
        return errorResponse(409, "not_playable",
                             "the video has nothing to play yet (status " + video.status + ")");
    const auto viewer = viewerId(context);
    const ServerConfig& config = context.server.config;
    const int64_t now_ms = unixMillisNow();

    store::PlaybackSession session{newSecretToken(), video.id, viewer, now_ms, false, 0};
    std::optional<store::WatchPosition> position;
    auto stored = context.server.database.write([&](store::Connection& db) -> Result<void> {
        if (auto inserted = store::insertPlaybackSession(db, session); !inserted)
            return inserted.error();
        if (!viewer)
            return {};
        auto found = store::findWatchPosition(db, *viewer, video.id);
        if (!found)
            return found.error();
        position = std::move(*found);
        return {};
    });
    if (!stored)
        return storeFailure(stored.error());

    const auth::PlaybackGrant grant{now_ms / 1000 + config.signed_url_ttl_s, viewer};
    const std::string base = "/api/v1/videos/" + video.id + "/s/" +
                             auth::signPlaybackToken(config.url_signing_secret, video.id, grant) + "/";
    const bool encrypted = video.hls_encryption && video.hls_key_hex;
    // (A plain double and a flag: GCC 12 warns, wrongly, about an optional<double> read through json.)
    const bool known_duration = video.duration_ms.has_value();
    const double duration_s = static_cast<double>(video.duration_ms.value_or(0)) / 1000.0;

    double resume_s = position ? position->position_s : 0;
    if (known_duration && resume_s >= duration_s - kResumeEndMarginS)
        resume_s = 0;
    nlohmann::json thumbnail = nullptr;
    if (video.thumbnail_file) // a custom image lives in the public image store, not below the video
        thumbnail = video.thumbnail_file->rfind("thumbs/", 0) == 0
                        ? base + "files/" + *video.thumbnail_file
                        : videoFileUrl(video.id, *video.thumbnail_file);
    nlohmann::json storyboard = nullptr;
    if (auto board = parsedJson(video.storyboard_json);
        board && board->contains("vtt") && (*board)["vtt"].is_string())
        storyboard = base + "files/" + (*board)["vtt"].get<std::string>();

    HttpResponse response = HttpResponse::json(
        200, {{"video_id", video.id},
              {"status", video.status},
              {"playable", true},
              {"duration_s", known_duration ? nlohmann::json(duration_s) : nlohmann::json(nullptr)},
              {"encrypted", encrypted},
              {"hls_url", base + "cmaf/master.m3u8"},
              {"dash_url", encrypted ? nlohmann::json(nullptr) : nlohmann::json(base + "cmaf/manifest.mpd")},
              {"expires_at", toRfc3339(grant.expires_at_s * 1000)},
              {"expires_in_s", config.signed_url_ttl_s},
              {"renditions", renditionsOf(config, video)},
              {"thumbnail_url", thumbnail},
              {"storyboard_vtt_url", storyboard},
              {"resume_position_s", resume_s},
              {"playback_session_id", session.id}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse noPosition() {
    return errorResponse(404, "no_position", "no saved position for this video");
}

HttpResponse getWatchPosition(RequestContext& context) {
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    const auto& video = std::get<store::VideoRecord>(visible);
    auto found = context.server.database.read(
        [&](store::Connection& db) { return store::findWatchPosition(db, context.user->id, video.id); });
    if (!found)
        return storeFailure(found.error());
    if (!*found)
        return noPosition();
    HttpResponse response = HttpResponse::json(
        200, {{"position_s", (*found)->position_s}, {"updated_at", toRfc3339((*found)->updated_at_ms)}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse saveWatchPosition(RequestContext& context) {
    auto body = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&body))
        return std::move(*response);
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    const auto& json = std::get<nlohmann::json>(body);
    const auto field = json.find("position_s");
    if (field == json.end() || !field->is_number() || !std::isfinite(field->get<double>()) ||
        field->get<double>() < 0)
        return invalidField("position_s must be a number of seconds, at least 0");
    const auto& video = std::get<store::VideoRecord>(visible);
    auto saved = context.server.database.write([&](store::Connection& db) {
        return store::saveWatchPosition(db, context.user->id, video.id, field->get<double>(),
                                        unixMillisNow());
    });
    if (!saved)
        return storeFailure(saved.error());
    return HttpResponse::noContent();
}

HttpResponse history(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const std::string& user = context.user->id;
    nlohmann::json items = nlohmann::json::array();
    std::optional<std::string> next;
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto history = store::listWatchHistory(db, user, page.limit, page.cursor);
        if (!history)
            return history.error();
        for (const auto& entry : history->items) {
            auto video = store::findVideo(db, entry.video_id);
            if (!video)
                return video.error();
            if (*video)
                items.push_back({{"video", videoToJson(**video, user)},
                                 {"position_s", entry.position_s},
                                 {"watched_at", toRfc3339(entry.updated_at_ms)}});
        }
        next = history->next_cursor;
        return {};
    });
    if (!listed) {
        if (listed.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", listed.error().message);
        return storeFailure(listed.error());
    }
    return HttpResponse::json(200, listPageJson(std::move(items), next));
}

} // namespace

void registerPlaybackRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/videos/:id/playback", playback, {.group = "playback"});
    router.add(Method::Get, "/api/v1/videos/:id/watch-position", getWatchPosition,
               {.group = "playback", .auth = AuthPolicy::Required});
    router.add(Method::Post, "/api/v1/videos/:id/watch-position", saveWatchPosition,
               {.group = "events", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/users/me/history", history,
               {.group = "metadata", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
