// GET /api/v1/videos/trending and GET /api/v1/categories (docs/API.md §17). Both read what the trending
// service's last refresh left (trending_scores, the category counts), so a request never waits for a refresh;
// the visibility of every listed video is checked again at read time, so a video made private drops out at
// once.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "core/util/time.h"
#include "server/api/discovery_json.h"
#include "server/api/handler_support.h"
#include "server/api/text_rules.h"
#include "server/discovery/trending_service.h"
#include "server/discovery/trending_store.h"
#include "server/http/request_context.h"
#include "server/store/video_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kCategoryMaxChars = 50; // as PATCH /videos/:id allows

struct TrendingResult {
    discovery::TrendingPage page;
    std::vector<store::VideoRecord> videos; // page.items' videos, in the same order
};

HttpResponse trending(RequestContext& context) {
    const std::string range = context.request.queryParam("time_range").value_or("");
    const discovery::TrendingWindow window = discovery::parseTrendingWindow(range.empty() ? "week" : range);
    if (window == discovery::TrendingWindow::Invalid)
        return invalidField("time_range must be \"day\", \"week\" or \"month\"");
    const std::string category_text = context.request.queryParam("category").value_or(""); // "": no filter
    if (auto message = checkSingleLineText("category", category_text, 0, kCategoryMaxChars))
        return invalidField(*message);
    std::optional<std::string> category;
    if (!category_text.empty())
        category = category_text;
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& paging = std::get<PageRequest>(page_request);

    // The ranking and its videos from one snapshot, so every ranked id has its row.
    auto result = context.server.database.read([&](store::Connection& db) -> Result<TrendingResult> {
        auto page = discovery::listTrending(db, {window, category, paging.limit, paging.cursor});
        if (!page)
            return page.error();
        std::vector<std::string> ids;
        for (const auto& item : page->items)
            ids.push_back(item.video_id);
        auto videos = store::findVideos(db, ids);
        if (!videos)
            return videos.error();
        return TrendingResult{std::move(page).value(), std::move(videos).value()};
    });
    if (!result) {
        if (result.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", result.error().message);
        return storeFailure(result.error());
    }
    const auto viewer = viewerId(context);
    const DiscoveryReason reason{"trending", "Trending", std::nullopt, std::nullopt};
    nlohmann::json items = nlohmann::json::array();
    size_t next_video = 0; // findVideos keeps the order given and leaves out ids without a row
    for (const auto& item : result->page.items)
        if (next_video < result->videos.size() && result->videos[next_video].id == item.video_id)
            items.push_back(discoveryItemJson(result->videos[next_video++], viewer, item.score, reason));
    nlohmann::json body = listPageJson(std::move(items), result->page.next_cursor);
    body["computed_at"] = result->page.computed_at_ms
                              ? nlohmann::json(toRfc3339(*result->page.computed_at_ms))
                              : nlohmann::json(nullptr);
    return HttpResponse::json(200, body);
}

HttpResponse categories(RequestContext& context) {
    auto counted = context.server.trending.categories();
    if (!counted)
        return storeFailure(counted.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& category : *counted)
        items.push_back({{"name", category.name}, {"video_count", category.video_count}});
    return HttpResponse::json(200, {{"items", std::move(items)}});
}

} // namespace

void registerTrendingRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/videos/trending", trending, {.group = "metadata"});
    router.add(Method::Get, "/api/v1/categories", categories, {.group = "metadata"});
}

} // namespace fc::server::api
