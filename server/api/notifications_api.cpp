// Listing notifications (GET /api/v1/users/me/notifications) and marking them read
// (POST /api/v1/users/me/notifications/read), docs/API.md §15. Notifications are written by whatever causes
// them (comments, the processing jobs, a video going public) through store/notification_repository.
#include "server/api/routes.h"

#include <charconv>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/realtime/notification_events.h"
#include "server/store/database.h"
#include "server/store/notification_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kMaxIdsPerRequest = 100;

// A notification id as handed out (decimal text); anything else is no notification of the caller's.
std::optional<int64_t> parseNotificationId(const std::string& text) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return std::nullopt;
    return value;
}

HttpResponse listNotifications(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const std::string unread_text = context.request.queryParam("unread").value_or("false");
    if (unread_text != "true" && unread_text != "false")
        return invalidField("unread must be true or false");
    const bool unread_only = unread_text == "true";
    const std::string& user = context.user->id;

    nlohmann::json items = nlohmann::json::array();
    std::optional<std::string> next;
    int64_t unread_count = 0;
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto listed_page = store::listNotifications(db, user, unread_only, page.limit, page.cursor);
        if (!listed_page)
            return listed_page.error();
        auto unread = store::unreadNotificationCount(db, user);
        if (!unread)
            return unread.error();
        for (const auto& notification : listed_page->items)
            items.push_back(realtime::notificationToJson(notification));
        next = listed_page->next_cursor;
        unread_count = *unread;
        return {};
    });
    if (!listed) {
        if (listed.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", listed.error().message);
        return storeFailure(listed.error());
    }
    nlohmann::json body = listPageJson(std::move(items), next);
    body["unread_count"] = unread_count;
    HttpResponse response = HttpResponse::json(200, body);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse markRead(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    bool all = false;
    if (const auto field = body.find("all"); field != body.end() && !field->is_null()) {
        if (!field->is_boolean())
            return invalidField("all must be true or false");
        all = field->get<bool>();
    }
    std::vector<int64_t> ids;
    const auto ids_field = body.find("ids");
    const bool has_ids = ids_field != body.end() && !ids_field->is_null();
    if (!all && !has_ids)
        return invalidField("send {\"ids\": [...]} or {\"all\": true}");
    if (has_ids) {
        if (!ids_field->is_array() || ids_field->size() > kMaxIdsPerRequest)
            return invalidField("ids must be an array of at most 100 notification ids");
        for (const auto& id : *ids_field) {
            if (!id.is_string())
                return invalidField("ids must be an array of notification id strings");
            if (const auto value = parseNotificationId(id.get<std::string>()))
                ids.push_back(*value);
        }
    }

    const std::string& user = context.user->id;
    struct Marked {
        int64_t changed = 0;
        int64_t unread_count = 0;
    };
    auto marked = context.server.database.write([&](store::Connection& db) -> Result<Marked> {
        auto changed = store::markNotificationsRead(db, user, ids, all, unixMillisNow());
        if (!changed)
            return changed.error();
        auto unread = store::unreadNotificationCount(db, user);
        if (!unread)
            return unread.error();
        return Marked{*changed, *unread};
    });
    if (!marked)
        return storeFailure(marked.error());
    if (marked->changed > 0) // the user's other clients update their badge
        realtime::publishNotificationsRead(context.server.hub, user, marked->unread_count);
    HttpResponse response = HttpResponse::json(200, {{"unread_count", marked->unread_count}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

} // namespace

void registerNotificationRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/users/me/notifications", listNotifications,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Post, "/api/v1/users/me/notifications/read", markRead,
               {.group = "social", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
