// Channel subscriptions (GET/PUT/DELETE /api/v1/channels/<id>/subscription), the caller's subscriptions
// (GET /api/v1/users/me/subscriptions) and the subscriptions feed (GET /api/v1/users/me/feed/subscriptions),
// docs/API.md §14. The subscription row and channels.subscriber_count change in one write transaction.
#include "server/api/routes.h"

#include "core/util/time.h"
#include "server/api/account_json.h"
#include "server/api/handler_support.h"
#include "server/api/video_json.h"
#include "server/store/database.h"
#include "server/store/subscription_repository.h"

namespace fc::server::api {
namespace {

HttpResponse subscriptionFailure(const Error& error) {
    if (error.code == "channel_not_found")
        return errorResponse(404, "channel_not_found", "no such channel");
    if (error.code == "cannot_subscribe_to_self")
        return errorResponse(400, "cannot_subscribe_to_self", "you cannot subscribe to your own channel");
    if (error.code == "invalid_cursor")
        return errorResponse(400, "invalid_cursor", error.message);
    return storeFailure(error);
}

HttpResponse subscriptionJson(const std::string& channel_id, const store::SubscriptionState& state) {
    HttpResponse response = HttpResponse::json(200, {{"channel_id", channel_id},
                                                     {"subscribed", state.subscribed},
                                                     {"subscriber_count", state.subscriber_count}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse getSubscription(RequestContext& context) {
    const std::string& channel_id = context.param("id");
    auto state = context.server.database.read(
        [&](store::Connection& db) { return store::readSubscription(db, context.user->id, channel_id); });
    if (!state)
        return subscriptionFailure(state.error());
    return subscriptionJson(channel_id, *state);
}

HttpResponse changeSubscription(RequestContext& context, store::SubscriptionChange change) {
    const std::string& channel_id = context.param("id");
    const std::string& user = context.user->id;
    auto state =
        context.server.database.write([&](store::Connection& db) -> Result<store::SubscriptionState> {
            auto channel = store::findChannel(db, channel_id);
            if (!channel)
                return channel.error();
            if (!*channel)
                return makeError("channel_not_found", "no such channel");
            if (change == store::SubscriptionChange::Subscribe && (*channel)->owner_id == user)
                return makeError("cannot_subscribe_to_self", "own channel");
            return store::changeSubscription(db, user, channel_id, change, unixMillisNow());
        });
    if (!state)
        return subscriptionFailure(state.error());
    return subscriptionJson(channel_id, *state);
}

HttpResponse listMySubscriptions(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    auto listed = context.server.database.read([&](store::Connection& db) {
        return store::listSubscriptions(db, context.user->id, page.limit, page.cursor);
    });
    if (!listed)
        return subscriptionFailure(listed.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& channel : listed->items)
        items.push_back(channelToJson(channel));
    return HttpResponse::json(200, listPageJson(std::move(items), listed->next_cursor));
}

HttpResponse subscriptionFeed(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    auto listed = context.server.database.read([&](store::Connection& db) {
        return store::listSubscriptionFeed(db, context.user->id, page.limit, page.cursor);
    });
    if (!listed)
        return subscriptionFailure(listed.error());
    return HttpResponse::json(200, videoPageToJson(*listed, viewerId(context)));
}

} // namespace

void registerSubscriptionRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/channels/:id/subscription", getSubscription,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Put, "/api/v1/channels/:id/subscription",
               [](RequestContext& context) {
                   return changeSubscription(context, store::SubscriptionChange::Subscribe);
               },
               {.group = "social", .auth = AuthPolicy::Required});
    router.add(Method::Delete, "/api/v1/channels/:id/subscription",
               [](RequestContext& context) {
                   return changeSubscription(context, store::SubscriptionChange::Unsubscribe);
               },
               {.group = "social", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/users/me/subscriptions", listMySubscriptions,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/users/me/feed/subscriptions", subscriptionFeed,
               {.group = "metadata", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
