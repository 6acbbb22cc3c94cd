// GET /api/v1/recommendations (the home feed) and GET /api/v1/videos/:id/related (docs/API.md §17). Both ask
// the recommendation service, which reads the last published model (never waiting for a refresh) and the
// viewer's signals and the page's videos fresh from the database.
#include "server/api/routes.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "server/api/discovery_json.h"
#include "server/api/handler_support.h"
#include "server/discovery/recommendation_service.h"
#include "server/http/request_context.h"

namespace fc::server::api {
namespace {

using discovery::RecsItem;
using discovery::recs::ReasonKind;

DiscoveryReason reasonOf(const RecsItem& item) {
    switch (item.reason) {
    case ReasonKind::BecauseYouWatched:
        return {
            "because_you_watched", "Because you watched " + item.because_of_title, item.because_of_id, {}};
    case ReasonKind::Subscription:
        return {"subscription", "From " + item.video.channel_name, {}, item.video.channel_id};
    case ReasonKind::Trending:
        return {"trending", "Trending", {}, {}};
    case ReasonKind::Fresh:
        return {"fresh", "New", {}, {}};
    case ReasonKind::WatchedTogether:
        return {"watched_together", "Viewers also watched", {}, {}};
    case ReasonKind::Similar:
        return {"similar", "Similar to this video", {}, {}};
    case ReasonKind::SameChannel:
        return {"same_channel", "More from " + item.video.channel_name, {}, item.video.channel_id};
    case ReasonKind::Popular:
        break;
    }
    return {"popular", "Popular on Framecast", {}, {}};
}

nlohmann::json itemsJson(const std::vector<RecsItem>& items, const std::optional<std::string>& viewer) {
    nlohmann::json json = nlohmann::json::array();
    for (const RecsItem& item : items)
        json.push_back(discoveryItemJson(item.video, viewer, item.score, reasonOf(item)));
    return json;
}

HttpResponse recommendations(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& paging = std::get<PageRequest>(page_request);
    const auto viewer = viewerId(context);
    auto page = context.server.recommendations.recommendations(viewer, static_cast<size_t>(paging.limit),
                                                               paging.cursor);
    if (!page) {
        if (page.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", page.error().message);
        return storeFailure(page.error());
    }
    return HttpResponse::json(200, listPageJson(itemsJson(page->items, viewer), page->next_cursor));
}

// ?limit= for related: 1..50, default 20 (larger values are capped, as the other lists cap at 100).
std::optional<size_t> relatedLimit(const HttpRequest& request) {
    const auto text = request.queryParam("limit");
    if (!text)
        return kDefaultPageLimit;
    int limit = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size() || limit < 1)
        return std::nullopt;
    return std::min(static_cast<size_t>(limit), discovery::RecommendationService::kMaxRelated);
}

HttpResponse related(RequestContext& context) {
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    const auto limit = relatedLimit(context.request);
    if (!limit)
        return invalidField("limit must be a whole number from 1 to 50");
    const auto viewer = viewerId(context);
    auto items =
        context.server.recommendations.related(std::get<store::VideoRecord>(visible), viewer, *limit);
    if (!items)
        return storeFailure(items.error());
    return HttpResponse::json(200, listPageJson(itemsJson(*items, viewer), std::nullopt));
}

} // namespace

void registerRecommendationRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/recommendations", recommendations, {.group = "metadata"});
    router.add(Method::Get, "/api/v1/videos/:id/related", related, {.group = "metadata"});
}

} // namespace fc::server::api
