#include "server/http/pipeline.h"

#include <exception>

#include "core/util/ids.h"
#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/http/rate_limiter.h"
#include "server/store/database.h"
#include "server/store/session_repository.h"

namespace fc::server {
namespace {

constexpr const char* kExposedHeaders =
    "Location, Upload-Offset, Upload-Length, Upload-Defer-Length, Upload-Metadata, Upload-Expires, "
    "Tus-Version, "
    "Tus-Resumable, Tus-Max-Size, Tus-Extension, Tus-Checksum-Algorithm, Retry-After, X-Request-Id, "
    "Framecast-Video-Id, Content-Range, Accept-Ranges, ETag";

bool isSaneRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// nullopt: no credentials; "": malformed credentials; else the token.
std::optional<std::string> bearerToken(const HttpRequest& request, bool allow_query) {
    if (auto header = request.headers.get("Authorization")) {
        constexpr std::string_view kPrefix = "Bearer ";
        if (header->size() > kPrefix.size() && header->substr(0, kPrefix.size()) == kPrefix)
            return std::string(header->substr(kPrefix.size()));
        return std::string();
    }
    if (allow_query)
        if (auto token = request.queryParam("access_token"))
            return *token;
    return std::nullopt;
}

// Bearer tokens may travel in the query (?access_token=, for WebSocket clients): never write them to logs.
std::string redactedTarget(const std::string& target) {
    const size_t at = target.find("access_token=");
    if (at == std::string::npos)
        return target;
    const size_t end = target.find('&', at);
    return target.substr(0, at) + "access_token=REDACTED" +
           (end == std::string::npos ? "" : target.substr(end));
}

HttpResponse guarded(const Handler& handler, RequestContext& context) {
    try {
        return handler(context);
    } catch (const std::exception& error) {
        logError("request " + context.request.request_id + ": handler threw: " + error.what());
    } catch (...) {
        logError("request " + context.request.request_id + ": handler threw a non-exception");
    }
    return errorResponse(500, "internal_error", "the server failed to handle the request");
}

} // namespace

Admission Pipeline::admit(HttpRequest request) {
    const int64_t started_ms = steadyMillisNow();
    if (auto id = request.headers.get("X-Request-Id"); id && isSaneRequestId(*id))
        request.request_id = std::string(*id);
    else
        request.request_id = newId();

    Admission admission;
    // CORS preflight: answered here for every route.
    if (request.method == Method::Options && request.headers.has("Origin") &&
        request.headers.has("Access-Control-Request-Method")) {
        HttpResponse preflight = HttpResponse::noContent();
        preflight.headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        if (auto asked = request.headers.get("Access-Control-Request-Headers"))
            preflight.headers.set("Access-Control-Allow-Headers", std::string(*asked));
        preflight.headers.set("Access-Control-Max-Age", "86400");
        admission.response = complete(request, nullptr, started_ms, std::move(preflight));
        return admission;
    }

    auto matched = m_router.match(request.method, request.path);
    if (auto* miss = std::get_if<RouteMiss>(&matched)) {
        HttpResponse response;
        if (miss->allowed.empty()) {
            response = errorResponse(404, "not_found", "no such resource: " + request.path);
        } else {
            response =
                errorResponse(405, "method_not_allowed",
                              std::string(methodName(request.method)) + " is not allowed on " + request.path);
            std::string allow;
            for (Method method : miss->allowed)
                allow += (allow.empty() ? "" : ", ") + std::string(methodName(method));
            response.headers.set("Allow", allow);
        }
        admission.response = complete(request, nullptr, started_ms, std::move(response));
        return admission;
    }

    auto& match = std::get<RouteMatch>(matched);
    auto call = std::make_unique<RouteCall>(std::move(request), m_server);
    call->route = match.route;
    call->started_ms = started_ms;
    call->context.params = std::move(match.params);

    std::optional<HttpResponse> rejection = authenticate(*call, bearerToken(call->request, false));
    if (!rejection)
        rejection = rateLimit(call->route->options.group, call->request, call->context.user);
    if (!rejection && call->route->stream_handler) {
        StreamOpenResult opened = [&]() -> StreamOpenResult {
            try {
                return call->route->stream_handler(call->context);
            } catch (const std::exception& error) {
                logError("request " + call->request.request_id + ": stream handler threw: " + error.what());
                return errorResponse(500, "internal_error", "the server failed to handle the request");
            }
        }();
        if (auto* response = std::get_if<HttpResponse>(&opened))
            rejection = std::move(*response);
        else
            call->sink = std::move(std::get<std::unique_ptr<BodySink>>(opened));
    }
    if (rejection) {
        admission.response = complete(call->request, call->route, started_ms, std::move(*rejection));
        return admission;
    }
    admission.max_body_bytes = call->route->options.max_body_bytes > 0
                                   ? call->route->options.max_body_bytes
                                   : static_cast<size_t>(m_server.config.max_json_body_bytes);
    admission.call = std::move(call);
    return admission;
}

HttpResponse Pipeline::runBuffered(RouteCall& call) {
    return complete(call.request, call.route, call.started_ms, guarded(call.route->handler, call.context));
}

HttpResponse Pipeline::finishStream(RouteCall& call, BodyEnd end) {
    HttpResponse response = [&] {
        try {
            return call.sink->finish(end);
        } catch (const std::exception& error) {
            logError("request " + call.request.request_id + ": body sink threw: " + error.what());
            return errorResponse(500, "internal_error", "the server failed to handle the request");
        }
    }();
    return complete(call.request, call.route, call.started_ms, std::move(response));
}

WebSocketAdmission Pipeline::admitWebSocket(HttpRequest request) {
    const int64_t started_ms = steadyMillisNow();
    request.request_id = newId();
    RouteCall call(std::move(request), m_server);
    WebSocketAdmission admission;
    std::optional<HttpResponse> rejection = authenticate(call, bearerToken(call.request, true));
    if (!rejection)
        rejection = rateLimit("realtime", call.request, call.context.user);
    if (rejection) {
        admission.rejection = complete(call.request, nullptr, started_ms, std::move(*rejection));
        return admission;
    }
    admission.user = call.context.user;
    if (m_server.config.access_log)
        logInfo("ws " + call.request.request_id + " " + call.request.remote_ip + " upgrade " +
                call.request.path + " user=" + (admission.user ? admission.user->id : "-"));
    return admission;
}

std::optional<HttpResponse> Pipeline::authenticate(RouteCall& call, const std::optional<std::string>& token) {
    const bool required = call.route && call.route->options.auth == AuthPolicy::Required;
    if (!token) {
        if (required)
            return errorResponse(401, "auth_required", "sign in to do this");
        return std::nullopt;
    }
    if (token->empty())
        return errorResponse(401, "invalid_token", "the Authorization header must be 'Bearer <token>'");
    auto found = m_server.database.read(
        [&](store::Connection& db) { return store::findSessionByAccessToken(db, *token, unixMillisNow()); });
    if (!found)
        return errorResponse(503, "service_unavailable",
                             "credentials cannot be checked right now; try again");
    if (!found->has_value())
        return errorResponse(401, "invalid_token", "the access token is unknown or expired; sign in again");
    call.context.user = AuthUser{(*found)->user_id, (*found)->username, (*found)->session_id};
    return std::nullopt;
}

std::optional<HttpResponse> Pipeline::rateLimit(const std::string& group, const HttpRequest& request,
                                                const std::optional<AuthUser>& user) {
    const std::string subject = user ? "user:" + user->id : "ip:" + request.remote_ip;
    const RateDecision decision = m_server.rate_limiter.take(group, subject, steadyMillisNow());
    if (decision.allowed)
        return std::nullopt;
    m_server.metrics.add("framecast_rate_limited_total", "Requests refused with 429.");
    HttpResponse response =
        errorResponse(429, "rate_limited",
                      "too many requests; try again in " + std::to_string(decision.retry_after_s) + " s");
    response.headers.set("Retry-After", std::to_string(decision.retry_after_s));
    response.headers.set("RateLimit-Limit", std::to_string(decision.limit));
    return response;
}

void Pipeline::applyCors(const HttpRequest& request, HttpResponse& response) const {
    const auto origin = request.headers.get("Origin");
    if (!origin)
        return;
    const std::string& allowed = m_server.config.cors_origins;
    if (allowed == "*") {
        response.headers.set("Access-Control-Allow-Origin", "*");
    } else if (("," + allowed + ",").find("," + std::string(*origin) + ",") != std::string::npos) {
        response.headers.set("Access-Control-Allow-Origin", std::string(*origin));
        response.headers.add("Vary", "Origin");
    } else {
        return;
    }
    response.headers.set("Access-Control-Expose-Headers", kExposedHeaders);
}

HttpResponse Pipeline::complete(const HttpRequest& request, const Route* route, int64_t started_ms,
                                HttpResponse response) {
    response.headers.set("X-Request-Id", request.request_id);
    applyCors(request, response);
    const double seconds = static_cast<double>(steadyMillisNow() - started_ms) / 1000.0;
    const std::string routeLabel = route ? route->pattern : "unmatched";
    m_server.metrics.observeRequest(routeLabel, std::string(methodName(request.method)), response.status,
                                    seconds);
    if (response.status >= 500)
        logError("request " + request.request_id + " " + std::string(methodName(request.method)) + " " +
                 request.path + " failed with " + std::to_string(response.status));
    if (m_server.config.access_log)
        logInfo("http " + request.request_id + " " + request.remote_ip + " " +
                std::string(methodName(request.method)) + " " + redactedTarget(request.target) + " " +
                std::to_string(response.status) + " " + std::to_string(response.bodySize()) + "B " +
                std::to_string(static_cast<int64_t>(seconds * 1000)) + "ms");
    return response;
}

} // namespace fc::server
