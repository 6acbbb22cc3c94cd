#include "server/api/handler_support.h"

#include <algorithm>
#include <charconv>

#include "server/store/database.h"
#include "server/store/visibility.h"

namespace fc::server::api {

std::optional<std::string> viewerId(const RequestContext& context) {
    return context.user ? std::optional<std::string>(context.user->id) : std::nullopt;
}

std::variant<store::VideoRecord, HttpResponse> visibleVideo(RequestContext& context) {
    auto found = context.server.database.read(
        [&](store::Connection& db) { return store::findVideo(db, context.param("id")); });
    if (!found)
        return storeFailure(found.error());
    if (!*found || !mayView((*found)->visibility, (*found)->owner_id, viewerId(context)))
        return errorResponse(404, "video_not_found", "no video with id " + context.param("id"));
    return std::move(**found);
}

HttpResponse invalidField(const std::string& message) {
    return errorResponse(400, "invalid_request", message);
}

std::optional<HttpResponse> readRequiredString(const nlohmann::json& body, const char* field,
                                               std::string& out) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return invalidField(std::string(field) + " is required");
    if (!it->is_string())
        return invalidField(std::string(field) + " must be a string");
    out = it->get<std::string>();
    return std::nullopt;
}

std::optional<HttpResponse> readOptionalString(const nlohmann::json& body, const char* field,
                                               std::optional<std::string>& out) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string())
        return invalidField(std::string(field) + " must be a string");
    out = it->get<std::string>();
    return std::nullopt;
}

HttpResponse storeFailure(const Error& error) {
    if (error.code == "database_unavailable")
        return errorResponse(503, error.code, "the database is not reachable");
    return errorResponse(500, "internal_error", "the server could not complete the request");
}

std::variant<PageRequest, HttpResponse> readPageRequest(const HttpRequest& request) {
    PageRequest page;
    if (auto text = request.queryParam("limit")) {
        int limit = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
        if (ec != std::errc() || end != text->data() + text->size() || limit < 1)
            return invalidField("limit must be a whole number from 1 to 100");
        page.limit = std::min(limit, kMaxPageLimit);
    }
    if (auto cursor = request.queryParam("cursor"); cursor && !cursor->empty())
        page.cursor = *cursor;
    return page;
}

nlohmann::json listPageJson(nlohmann::json items, const std::optional<std::string>& next_cursor) {
    return {{"items", std::move(items)},
            {"next_cursor", next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr)}};
}

} // namespace fc::server::api
