#pragma once
// Small helpers shared by the account, channel and video handlers: reading typed JSON fields with the
// standard 400 answers, mapping store errors to responses, list paging parameters.
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/util/result.h"
#include "server/http/http_types.h"
#include "server/http/request_context.h"
#include "server/store/video_repository.h"

namespace fc::server::api {

// The signed-in user's id, if any (the viewer that visibility rules are checked against).
std::optional<std::string> viewerId(const RequestContext& context);

// The video of the route's :id if this viewer may see it; otherwise the ready 404 (a private video is not
// confirmed to exist).
std::variant<store::VideoRecord, HttpResponse> visibleVideo(RequestContext& context);

// 400 invalid_request naming the field.
HttpResponse invalidField(const std::string& message);

// A required string field; on failure the ready 400 response.
std::optional<HttpResponse> readRequiredString(const nlohmann::json& body, const char* field,
                                               std::string& out);
// An optional string field (absent or null leaves out empty); a non-string value is a 400.
std::optional<HttpResponse> readOptionalString(const nlohmann::json& body, const char* field,
                                               std::optional<std::string>& out);

// A store error as a response: known domain codes keep their meaning, everything else is a safe 500.
HttpResponse storeFailure(const Error& error);

struct PageRequest {
    int limit = 20;
    std::optional<std::string> cursor;
};
constexpr int kDefaultPageLimit = 20;
constexpr int kMaxPageLimit = 100;
// ?limit= (1..100, default 20) and ?cursor=; a malformed limit is a 400.
std::variant<PageRequest, HttpResponse> readPageRequest(const HttpRequest& request);

// The list envelope every paged route answers: {"items": items, "next_cursor": cursor or null}. Routes with
// extra fields (comment_count, unread_count) add them to the returned object.
nlohmann::json listPageJson(nlohmann::json items, const std::optional<std::string>& next_cursor);

} // namespace fc::server::api
