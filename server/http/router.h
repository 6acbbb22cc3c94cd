#pragma once
// Routes map (method, path pattern) to plain handlers: a function from request context to response.
// Patterns use ":name" segments ("/api/v1/videos/:id"). A streaming route receives its body in chunks
// through a BodySink instead of one string (tus PATCH of multi-gigabyte files).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/util/result.h"
#include "server/http/http_types.h"

namespace fc::server {

struct RequestContext;

using Handler = std::function<HttpResponse(RequestContext&)>;

enum class BodyEnd { Complete = 1, ConnectionLost };

// Receives a request body piece by piece, on a worker thread, one call at a time.
class BodySink {
public:
    virtual ~BodySink() = default;
    // An error stops reading; finish() is still called and decides the response.
    virtual Result<void> write(std::string_view chunk) = 0;
    virtual HttpResponse finish(BodyEnd end) = 0;
};

using StreamOpenResult = std::variant<HttpResponse, std::unique_ptr<BodySink>>;
using StreamHandler = std::function<StreamOpenResult(RequestContext&)>;

enum class AuthPolicy { Optional = 1, Required };

struct RouteOptions {
    std::string group = "default"; // rate-limit group and metrics label
    AuthPolicy auth = AuthPolicy::Optional;
    size_t max_body_bytes =
        0; // buffered bodies; 0: the server's --max-json-bytes. Streaming routes check their own
};

struct Route {
    Method method = Method::Invalid;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;              // buffered body
    StreamHandler stream_handler; // or streamed body
    RouteOptions options;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::unordered_map<std::string, std::string> params;
};

struct RouteMiss {
    std::vector<Method> allowed; // empty: no such path (404); else 405 with these
};

class Router {
public:
    void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
    void addStreaming(Method method, std::string pattern, StreamHandler handler, RouteOptions options = {});

    std::variant<RouteMatch, RouteMiss> match(Method method, std::string_view path) const;

private:
    std::vector<std::unique_ptr<Route>> m_routes;
};

} // namespace fc::server
