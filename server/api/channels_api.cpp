// /api/v1/channels/<id>: channel pages, their edits by the owner, avatar and banner, and the public listing.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "core/util/time.h"
#include "server/api/account_json.h"
#include "server/api/handler_support.h"
#include "server/api/image_upload.h"
#include "server/api/text_rules.h"
#include "server/api/video_json.h"
#include "server/http/request_context.h"
#include "server/store/channel_repository.h"
#include "server/store/video_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kChannelNameMaxChars = 100;
constexpr size_t kChannelDescriptionMaxChars = 5000;

HttpResponse channelNotFound() {
    return errorResponse(404, "channel_not_found", "no such channel");
}

// The channel, or the ready 404/500 response.
std::variant<store::ChannelRecord, HttpResponse> loadChannel(RequestContext& context) {
    const std::string& id = context.param("id");
    auto channel =
        context.server.database.read([&](store::Connection& db) { return store::findChannel(db, id); });
    if (!channel)
        return storeFailure(channel.error());
    if (!channel->has_value())
        return channelNotFound();
    return std::move(**channel);
}

// The channel if the signed-in user owns it, else 404 / 403.
std::variant<store::ChannelRecord, HttpResponse> loadOwnChannel(RequestContext& context) {
    auto channel = loadChannel(context);
    if (auto* record = std::get_if<store::ChannelRecord>(&channel);
        record && record->owner_id != context.user->id)
        return errorResponse(403, "forbidden", "only the channel's owner may change it");
    return channel;
}

HttpResponse getChannel(RequestContext& context) {
    auto channel = loadChannel(context);
    if (auto* response = std::get_if<HttpResponse>(&channel))
        return std::move(*response);
    return HttpResponse::json(200, channelToJson(std::get<store::ChannelRecord>(channel)));
}

HttpResponse patchChannel(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    // Ownership first, so only the owner hears about validation.
    auto channel = loadOwnChannel(context);
    if (auto* response = std::get_if<HttpResponse>(&channel))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    store::ChannelPatch patch;
    if (auto bad = readOptionalString(body, "name", patch.name))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "description", patch.description))
        return std::move(*bad);
    if (patch.name)
        if (auto message = checkSingleLineText("name", *patch.name, 1, kChannelNameMaxChars))
            return invalidField(*message);
    if (patch.description)
        if (auto message = checkMultiLineText("description", *patch.description, kChannelDescriptionMaxChars))
            return invalidField(*message);

    const std::string& id = std::get<store::ChannelRecord>(channel).id;
    auto updated = context.server.database.write(
        [&](store::Connection& db) { return store::updateChannel(db, id, patch, unixMillisNow()); });
    if (!updated)
        return storeFailure(updated.error());
    return getChannel(context);
}

HttpResponse putChannelImage(RequestContext& context, store::ChannelImage image) {
    auto channel = loadOwnChannel(context);
    if (auto* response = std::get_if<HttpResponse>(&channel))
        return std::move(*response);
    const std::string id = std::get<store::ChannelRecord>(channel).id;
    auto accepted = acceptImageUpload(
        context.request, context.server, [&](store::Connection& db, const std::string& key) {
            return store::replaceChannelImage(db, id, image, key, unixMillisNow());
        });
    if (auto* response = std::get_if<HttpResponse>(&accepted))
        return std::move(*response);
    return getChannel(context);
}

HttpResponse listVideos(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const std::string sort_name = context.request.queryParam("sort").value_or("");
    const store::VideoSort sort =
        sort_name.empty() ? store::VideoSort::Newest : store::parseVideoSort(sort_name);
    if (sort == store::VideoSort::Invalid)
        return invalidField("sort must be \"newest\", \"popular\" or \"oldest\"");
    const std::string& id = context.param("id");
    auto listed =
        context.server.database.read([&](store::Connection& db) -> Result<std::optional<store::VideoPage>> {
            auto channel = store::findChannel(db, id);
            if (!channel)
                return channel.error();
            if (!channel->has_value())
                return std::optional<store::VideoPage>();
            auto videos = store::listChannelVideos(db, id, {page.limit, page.cursor, sort});
            if (!videos)
                return videos.error();
            return std::optional<store::VideoPage>(std::move(videos).value());
        });
    if (!listed) {
        if (listed.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", listed.error().message);
        return storeFailure(listed.error());
    }
    if (!listed->has_value())
        return channelNotFound();
    return HttpResponse::json(200, videoPageToJson(**listed, viewerId(context)));
}

} // namespace

void registerChannelRoutes(Router& router, ServerContext& server) {
    const auto image_options =
        RouteOptions{.group = "writes",
                     .auth = AuthPolicy::Required,
                     .max_body_bytes = static_cast<size_t>(server.config.max_image_bytes)};
    router.add(Method::Get, "/api/v1/channels/:id", getChannel, {.group = "metadata"});
    router.add(Method::Patch, "/api/v1/channels/:id", patchChannel,
               {.group = "writes", .auth = AuthPolicy::Required});
    router.add(
        Method::Put, "/api/v1/channels/:id/avatar",
        [](RequestContext& context) { return putChannelImage(context, store::ChannelImage::Avatar); },
        image_options);
    router.add(
        Method::Put, "/api/v1/channels/:id/banner",
        [](RequestContext& context) { return putChannelImage(context, store::ChannelImage::Banner); },
        image_options);
    router.add(Method::Get, "/api/v1/channels/:id/videos", listVideos, {.group = "metadata"});
}

} // namespace fc::server::api
