// POST /api/v1/events: playback QoE events from a player (start-up time, stalls, rung switches, dropped
// frames, heartbeats, errors, seeks) for a playback session that GET /videos/<id>/playback issued. Stored for
// analytics; heartbeats also count the session's view: once, when watched_s reaches min(30 s, half the
// duration) and at least half that much wall time has passed since the session was issued (2x speed is the
// fastest honest viewer).
#include "server/api/routes.h"

#include <algorithm>
#include <cmath>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/store/playback_repository.h"
#include "server/store/video_repository.h"
#include "server/store/visibility.h"

namespace fc::server::api {
namespace {

constexpr size_t kMaxEventsPerRequest = 100;
constexpr double kViewThresholdS = 30;
constexpr size_t kMaxEventBytes = 4096;

bool isNumber(const nlohmann::json& event, const char* field) {
    const auto it = event.find(field);
    return it != event.end() && it->is_number() && std::isfinite(it->get<double>());
}

bool isString(const nlohmann::json& event, const char* field) {
    const auto it = event.find(field);
    return it != event.end() && it->is_string();
}

// The fields each type needs; nullopt when fine, else the reason.
std::optional<std::string> checkEvent(const nlohmann::json& event) {
    if (!event.is_object())
        return "each event must be an object";
    if (!isString(event, "type"))
        return "each event needs a type";
    if (!isNumber(event, "at_ms"))
        return "each event needs at_ms";
    const std::string type = event["type"].get<std::string>();
    if (type == "startup")
        return isNumber(event, "startup_ms") ? std::nullopt
                                             : std::optional<std::string>("startup needs startup_ms");
    if (type == "stall")
        return isNumber(event, "duration_ms") ? std::nullopt
                                              : std::optional<std::string>("stall needs duration_ms");
    if (type == "rung_switch")
        return isString(event, "from") && isString(event, "to")
                   ? std::nullopt
                   : std::optional<std::string>("rung_switch needs from and to");
    if (type == "dropped_frames")
        return isNumber(event, "count") ? std::nullopt
                                        : std::optional<std::string>("dropped_frames needs count");
    if (type == "heartbeat")
        return isNumber(event, "watched_s") && event["watched_s"].get<double>() >= 0
                   ? std::nullopt
                   : std::optional<std::string>("heartbeat needs watched_s");
    if (type == "error")
        return isString(event, "message") ? std::nullopt : std::optional<std::string>("error needs message");
    if (type == "seek")
        return isNumber(event, "from_s") && isNumber(event, "to_s")
                   ? std::nullopt
                   : std::optional<std::string>("seek needs from_s and to_s");
    return "unknown event type '" + type + "'";
}

HttpResponse postEvents(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    std::string session_id;
    std::string video_id;
    if (auto bad = readRequiredString(body, "playback_session_id", session_id))
        return std::move(*bad);
    if (auto bad = readRequiredString(body, "video_id", video_id))
        return std::move(*bad);
    const auto list = body.find("events");
    if (list == body.end() || !list->is_array())
        return invalidField("events must be an array");
    if (list->size() > kMaxEventsPerRequest)
        return errorResponse(400, "too_many_events", "send at most 100 events per request");

    std::vector<store::PlaybackEvent> events;
    double watched_s = 0;
    for (const auto& event : *list) {
        if (auto problem = checkEvent(event))
            return invalidField(*problem);
        std::string data = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (data.size() > kMaxEventBytes)
            return invalidField("an event may be at most 4096 bytes of JSON");
        const std::string type = event["type"].get<std::string>();
        if (type == "heartbeat")
            watched_s = std::max(watched_s, event["watched_s"].get<double>());
        events.push_back({type, static_cast<int64_t>(event["at_ms"].get<double>()), std::move(data)});
    }

    const auto viewer = viewerId(context);
    struct Outcome {
        int status = 202;
        bool counted = false;
    };
    auto outcome = context.server.database.write([&](store::Connection& db) -> Result<Outcome> {
        auto session = store::findPlaybackSession(db, session_id);
        if (!session)
            return session.error();
        if (!*session)
            return Outcome{404};
        if ((*session)->video_id != video_id)
            return Outcome{400};
        auto video = store::findVideo(db, video_id);
        if (!video)
            return video.error();
        if (!*video || !mayView((*video)->visibility, (*video)->owner_id, (*session)->viewer_id))
            return Outcome{404};
        const double duration_s = (*video)->duration_ms ? static_cast<double>(*(*video)->duration_ms) / 1000.0
                                                        : kViewThresholdS * 2;
        const double threshold_s = std::min(kViewThresholdS, duration_s / 2);
        const auto min_wall_ms = static_cast<int64_t>(threshold_s / 2 * 1000);
        auto counted = store::recordPlaybackEvents(db, **session, viewer, events, watched_s, threshold_s,
                                                   min_wall_ms, unixMillisNow());
        if (!counted)
            return counted.error();
        return Outcome{202, *counted};
    });
    if (!outcome)
        return storeFailure(outcome.error());
    if (outcome->status == 404)
        return errorResponse(404, "session_not_found", "no playback session with that id for this video");
    if (outcome->status == 400)
        return errorResponse(400, "session_mismatch", "the playback session belongs to another video");
    return HttpResponse::json(202, {{"accepted", events.size()}});
}

} // namespace

void registerEventRoutes(Router& router, ServerContext&) {
    router.add(Method::Post, "/api/v1/events", postEvents, {.group = "events"});
}

} // namespace fc::server::api
