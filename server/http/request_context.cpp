#include "server/http/request_context.h"

namespace fc::server {

const std::string& RequestContext::param(const std::string& name) const {
    static const std::string kEmpty;
    const auto it = params.find(name);
    return it == params.end() ? kEmpty : it->second;
}

std::variant<nlohmann::json, HttpResponse> RequestContext::jsonObjectBody() const {
    const auto type = request.headers.get("Content-Type");
    if (type && type->find("json") == std::string_view::npos)
        return errorResponse(415, "unsupported_media_type", "send the body as application/json");
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return errorResponse(400, "invalid_json", "the request body is not valid JSON");
    if (!body.is_object())
        return errorResponse(400, "invalid_json", "the request body must be a JSON object");
    return body;
}

} // namespace fc::server
