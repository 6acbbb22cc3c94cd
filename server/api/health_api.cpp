// GET /healthz (liveness + database reachability) and GET /metrics (Prometheus text format).
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "server/http/metrics.h"
#include "server/http/request_context.h"
#include "server/store/database.h"

namespace fc::server::api {
namespace {

HttpResponse health(RequestContext& context) {
    auto database = context.server.database.read([](store::Connection& db) -> Result<void> {
        auto statement = db.prepare("SELECT 1");
        if (!statement.step())
            return statement.error() ? *statement.error() : makeError("database_error", "no row");
        return {};
    });
    if (!database)
        return errorResponse(503, "database_unavailable", "the database is not reachable");
    HttpResponse response = HttpResponse::json(200, {{"status", "ok"}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse metrics(RequestContext& context) {
    HttpResponse response;
    response.headers.set("Content-Type", "text/plain; version=0.0.4");
    response.headers.set("Cache-Control", "no-store");
    response.body = context.server.metrics.renderPrometheus();
    return response;
}

} // namespace

void registerHealthRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/healthz", health, {.group = "health"});
    router.add(Method::Get, "/metrics", metrics, {.group = "health"});
}

} // namespace fc::server::api
