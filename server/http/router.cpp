#include "server/http/router.h"

namespace fc::server {
namespace {

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> segments;
    size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        const size_t end = path.find('/', start);
        segments.emplace_back(path.substr(start, end == std::string_view::npos ? path.npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return segments;
}

bool matchSegments(const Route& route, const std::vector<std::string>& parts,
                   std::unordered_map<std::string, std::string>& params) {
    if (route.segments.size() != parts.size())
        return false;
    params.clear();
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string& expected = route.segments[i];
        if (!expected.empty() && expected.front() == ':')
            params[expected.substr(1)] = parts[i];
        else if (expected != parts[i])
            return false;
    }
    return true;
}

} // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
    auto route = std::make_unique<Route>();
    route->method = method;
    route->segments = splitPath(pattern);
    route->pattern = std::move(pattern);
    route->handler = std::move(handler);
    route->options = std::move(options);
    m_routes.push_back(std::move(route));
}

void Router::addStreaming(Method method, std::string pattern, StreamHandler handler, RouteOptions options) {
    auto route = std::make_unique<Route>();
    route->method = method;
    route->segments = splitPath(pattern);
    route->pattern = std::move(pattern);
    route->stream_handler = std::move(handler);
    route->options = std::move(options);
    m_routes.push_back(std::move(route));
}

std::variant<RouteMatch, RouteMiss> Router::match(Method method, std::string_view path) const {
    const std::vector<std::string> parts = splitPath(path);
    RouteMiss miss;
    RouteMatch found;
    for (const auto& route : m_routes) {
        if (!matchSegments(*route, parts, found.params))
            continue;
        // HEAD is served by a GET route unless one is registered for HEAD itself.
        if (route->method == method) {
            found.route = route.get();
            return found;
        }
        miss.allowed.push_back(route->method);
    }
    if (method == Method::Head) {
        for (const auto& route : m_routes)
            if (route->method == Method::Get && matchSegments(*route, parts, found.params)) {
                found.route = route.get();
                return found;
            }
    }
    return miss;
}

} // namespace fc::server
