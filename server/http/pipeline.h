#pragma once
// What happens to every request between the network session and the handler, on a worker thread:
// request id → CORS → route match → authentication → rate limit → handler → error envelope,
// access log and metrics. The network session only moves bytes.
#include <cstdint>
#include <memory>
#include <optional>

#include "server/http/request_context.h"
#include "server/http/router.h"

namespace fc::server {

struct RouteCall {
    HttpRequest request;
    RequestContext context;
    const Route* route = nullptr;
    int64_t started_ms = 0;
    std::unique_ptr<BodySink> sink; // set for streaming routes once opened

    RouteCall(HttpRequest request_, ServerContext& server)
        : request(std::move(request_)), context{request, server, {}, std::nullopt} {}
};

struct Admission {
    std::optional<HttpResponse> response; // final answer without running a handler (errors, preflight)
    std::unique_ptr<RouteCall> call;      // else: read the body (buffered or streamed) and run
    size_t max_body_bytes = 0;
};

struct WebSocketAdmission {
    std::optional<HttpResponse> rejection;
    std::optional<AuthUser> user;
};

class Pipeline {
public:
    Pipeline(ServerContext& server, const Router& router) : m_server(server), m_router(router) {}

    // Headers are in; decide. For streaming routes this also opens the sink.
    Admission admit(HttpRequest request);
    // A buffered route's body is in: run the handler.
    HttpResponse runBuffered(RouteCall& call);
    // A streaming route's body has ended (or the connection did).
    HttpResponse finishStream(RouteCall& call, BodyEnd end);
    // A WebSocket upgrade: authenticate (Bearer header or access_token query) and rate-limit.
    WebSocketAdmission admitWebSocket(HttpRequest request);

private:
    HttpResponse complete(const HttpRequest& request, const Route* route, int64_t started_ms,
                          HttpResponse response);
    std::optional<HttpResponse> authenticate(RouteCall& call, const std::optional<std::string>& token);
    std::optional<HttpResponse> rateLimit(const std::string& group, const HttpRequest& request,
                                          const std::optional<AuthUser>& user);
    void applyCors(const HttpRequest& request, HttpResponse& response) const;

    ServerContext& m_server;
    const Router& m_router;
};

} // namespace fc::server
