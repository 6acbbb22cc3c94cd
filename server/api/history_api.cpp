// Watch history edits (docs/API.md §16): remove one entry (its resume position goes with it), clear it all,
// and pause it (while paused, POST .../watch-position answers 204 and stores nothing). The history itself is
// listed by playback_api.cpp.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "server/api/handler_support.h"
#include "server/http/request_context.h"
#include "server/store/database.h"
#include "server/store/playback_repository.h"

namespace fc::server::api {
namespace {

HttpResponse removeEntry(RequestContext& context) {
    auto removed = context.server.database.write([&](store::Connection& db) {
        return store::deleteWatchHistoryEntry(db, context.user->id, context.param("video_id"));
    });
    if (!removed)
        return storeFailure(removed.error());
    return HttpResponse::noContent();
}

HttpResponse clearHistory(RequestContext& context) {
    auto cleared = context.server.database.write(
        [&](store::Connection& db) { return store::clearWatchHistory(db, context.user->id); });
    if (!cleared)
        return storeFailure(cleared.error());
    return HttpResponse::noContent();
}

HttpResponse settingsResponse(bool paused) {
    HttpResponse response = HttpResponse::json(200, {{"paused", paused}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse getSettings(RequestContext& context) {
    auto paused = context.server.database.read(
        [&](store::Connection& db) { return store::isHistoryPaused(db, context.user->id); });
    if (!paused)
        return storeFailure(paused.error());
    return settingsResponse(*paused);
}

HttpResponse putSettings(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    const auto field = body.find("paused");
    if (field == body.end() || !field->is_boolean())
        return invalidField("paused must be true or false");
    const bool paused = field->get<bool>();
    auto saved = context.server.database.write(
        [&](store::Connection& db) { return store::setHistoryPaused(db, context.user->id, paused); });
    if (!saved)
        return storeFailure(saved.error());
    return settingsResponse(paused);
}

} // namespace

void registerHistoryRoutes(Router& router, ServerContext&) {
    const RouteOptions write{.group = "social", .auth = AuthPolicy::Required};
    const RouteOptions read{.group = "metadata", .auth = AuthPolicy::Required};
    router.add(Method::Get, "/api/v1/users/me/history/settings", getSettings, read);
    router.add(Method::Put, "/api/v1/users/me/history/settings", putSettings, write);
    router.add(Method::Delete, "/api/v1/users/me/history", clearHistory, write);
    router.add(Method::Delete, "/api/v1/users/me/history/:video_id", removeEntry, write);
}

} // namespace fc::server::api
