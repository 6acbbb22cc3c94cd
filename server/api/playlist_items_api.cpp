// A playlist's items (docs/API.md §16): listed in playlist order without the videos the reader may not see;
// added (at the end or at a position), moved and removed by the owner, each in one write transaction so the
// positions stay 0-based and dense.
#include <nlohmann/json.hpp>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/playlist_access.h"
#include "server/api/video_json.h"
#include "server/http/request_context.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"

namespace fc::server::api {
namespace {

// "position": a whole number ≥ 0 (larger than the playlist is clamped by the store). Absent: nullopt.
std::variant<std::optional<int64_t>, HttpResponse> readPosition(const nlohmann::json& body) {
    const auto it = body.find("position");
    if (it == body.end() || it->is_null())
        return std::optional<int64_t>();
    if (!it->is_number_integer() || it->get<int64_t>() < 0)
        return invalidField("position must be a whole number, at least 0");
    return std::optional<int64_t>(it->get<int64_t>());
}

HttpResponse listItems(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    auto playlist = readablePlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    const std::string& id = std::get<store::PlaylistRecord>(playlist).id;
    const auto reader = viewerId(context);
    nlohmann::json items = nlohmann::json::array();
    std::optional<std::string> next;
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto listed_items = store::listPlaylistItems(db, id, reader, page.limit, page.cursor);
        if (!listed_items)
            return listed_items.error();
        for (const auto& item : listed_items->items) {
            auto video = store::findVideo(db, item.video_id);
            if (!video)
                return video.error();
            if (*video)
                items.push_back({{"video", videoToJson(**video, reader)},
                                 {"position", item.position},
                                 {"added_at", toRfc3339(item.added_at_ms)}});
        }
        next = listed_items->next_cursor;
        return {};
    });
    if (!listed)
        return playlistFailure(listed.error());
    return HttpResponse::json(200, listPageJson(std::move(items), next));
}

HttpResponse addItem(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    auto playlist = ownedPlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    std::string video_id;
    if (auto bad = readRequiredString(body, "video_id", video_id))
        return std::move(*bad);
    auto position = readPosition(body);
    if (auto* response = std::get_if<HttpResponse>(&position))
        return std::move(*response);
    const std::string& id = std::get<store::PlaylistRecord>(playlist).id;
    const std::string& owner = context.user->id;
    auto added = context.server.database.write([&](store::Connection& db) -> Result<int64_t> {
        // Only videos the owner may see, checked in the same transaction as the insert.
        auto video = store::findVideo(db, video_id);
        if (!video)
            return video.error();
        if (!*video || !mayView((*video)->visibility, (*video)->owner_id, owner))
            return makeError("video_not_found", "no video with id " + video_id);
        return store::addPlaylistItem(db, id, video_id, std::get<std::optional<int64_t>>(position),
                                      context.server.config.max_playlist_items, unixMillisNow());
    });
    if (!added) {
        if (added.error().code == "video_not_found")
            return errorResponse(404, "video_not_found", added.error().message);
        return playlistFailure(added.error());
    }
    return HttpResponse::json(201, {{"video_id", video_id}, {"position", *added}});
}

HttpResponse moveItem(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    auto playlist = ownedPlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    auto position = readPosition(std::get<nlohmann::json>(parsed));
    if (auto* response = std::get_if<HttpResponse>(&position))
        return std::move(*response);
    const auto& to = std::get<std::optional<int64_t>>(position);
    if (!to)
        return invalidField("position is required");
    const std::string& id = std::get<store::PlaylistRecord>(playlist).id;
    auto moved = context.server.database.write([&](store::Connection& db) {
        return store::movePlaylistItem(db, id, context.param("video_id"), *to, unixMillisNow());
    });
    if (!moved)
        return playlistFailure(moved.error());
    return HttpResponse::noContent();
}

HttpResponse removeItem(RequestContext& context) {
    auto playlist = ownedPlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    const std::string& id = std::get<store::PlaylistRecord>(playlist).id;
    auto removed = context.server.database.write([&](store::Connection& db) {
        return store::removePlaylistItem(db, id, context.param("video_id"), unixMillisNow());
    });
    if (!removed)
        return playlistFailure(removed.error());
    return HttpResponse::noContent();
}

} // namespace

void registerPlaylistItemRoutes(Router& router) {
    const RouteOptions write{.group = "social", .auth = AuthPolicy::Required};
    router.add(Method::Get, "/api/v1/playlists/:id/items", listItems, {.group = "metadata"});
    router.add(Method::Post, "/api/v1/playlists/:id/items", addItem, write);
    router.add(Method::Patch, "/api/v1/playlists/:id/items/:video_id", moveItem, write);
    router.add(Method::Delete, "/api/v1/playlists/:id/items/:video_id", removeItem, write);
}

} // namespace fc::server::api
