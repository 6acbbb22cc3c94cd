#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/util/result.h"
#include "server/http/http_types.h"
#include "server/server_context.h"

namespace fc::server {

struct AuthUser {
    std::string id;
    std::string username;
    int64_t session_id = 0;
};

struct RequestContext {
    HttpRequest& request;
    ServerContext& server;
    std::unordered_map<std::string, std::string> params;
    std::optional<AuthUser> user;

    const std::string& param(const std::string& name) const;
    // The body as a JSON object; errors: 400 invalid_json / 415 unsupported_media_type as a ready response.
    std::variant<nlohmann::json, HttpResponse> jsonObjectBody() const;
};

} // namespace fc::server
