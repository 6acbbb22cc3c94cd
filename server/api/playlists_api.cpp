// Playlists and Watch later (docs/API.md §16): create, read, edit, delete, the caller's list (Watch later
// first) and a channel's public playlists. The items live in playlist_items_api.cpp. Visibility as videos':
// a private playlist of someone else is 404, a non-owner's write 403.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/playlist_access.h"
#include "server/api/playlist_json.h"
#include "server/api/text_rules.h"
#include "server/http/request_context.h"
#include "server/store/channel_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kTitleMaxChars = 150;
constexpr size_t kDescriptionMaxChars = 5000;

// Title, description and visibility from a create or edit body; on failure the ready 400.
std::optional<HttpResponse> readPlaylistFields(const nlohmann::json& body, store::PlaylistPatch& patch) {
    if (auto bad = readOptionalString(body, "title", patch.title))
        return bad;
    if (auto bad = readOptionalString(body, "description", patch.description))
        return bad;
    std::optional<std::string> visibility;
    if (auto bad = readOptionalString(body, "visibility", visibility))
        return bad;
    if (patch.title)
        if (auto message = checkSingleLineText("title", *patch.title, 1, kTitleMaxChars))
            return invalidField(*message);
    if (patch.description)
        if (auto message = checkMultiLineText("description", *patch.description, kDescriptionMaxChars))
            return invalidField(*message);
    if (visibility) {
        patch.visibility = parseVisibility(*visibility);
        if (!patch.visibility)
            return invalidField("visibility must be public, unlisted or private");
    }
    return std::nullopt;
}

HttpResponse createPlaylist(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    store::PlaylistPatch fields;
    if (auto bad = readPlaylistFields(body, fields))
        return std::move(*bad);
    if (!fields.title)
        return invalidField("title is required");
    const store::NewPlaylist playlist{context.user->id, *fields.title, fields.description.value_or(""),
                                      fields.visibility.value_or(Visibility::Private)};
    auto created = context.server.database.write([&](store::Connection& db) {
        return store::createPlaylist(db, playlist, context.server.config.max_playlists_per_user,
                                     unixMillisNow());
    });
    if (!created)
        return playlistFailure(created.error());
    return HttpResponse::json(201, playlistToJson(*created, store::PlaylistReaderView{}));
}

HttpResponse getPlaylist(RequestContext& context) {
    auto playlist = readablePlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    return playlistResponse(context, 200, std::get<store::PlaylistRecord>(playlist));
}

HttpResponse watchLaterIsFixed() {
    return invalidField("Watch later cannot be renamed, described, made visible to others or deleted");
}

HttpResponse patchPlaylist(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    // Ownership first, so only the owner hears about validation.
    auto playlist = ownedPlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    const auto& record = std::get<store::PlaylistRecord>(playlist);
    store::PlaylistPatch patch;
    if (auto bad = readPlaylistFields(std::get<nlohmann::json>(parsed), patch))
        return std::move(*bad);
    if (record.kind == store::PlaylistKind::WatchLater &&
        (patch.title || patch.description || (patch.visibility && *patch.visibility != Visibility::Private)))
        return watchLaterIsFixed();
    if (patch.title || patch.description || patch.visibility) {
        auto updated = context.server.database.write([&](store::Connection& db) -> Result<void> {
            return store::updatePlaylist(db, record.id, patch, unixMillisNow());
        });
        if (!updated)
            return playlistFailure(updated.error());
    }
    auto reloaded = context.server.database.read(
        [&](store::Connection& db) { return store::findPlaylist(db, record.id); });
    if (!reloaded)
        return storeFailure(reloaded.error());
    if (!*reloaded) // deleted meanwhile
        return errorResponse(404, "playlist_not_found", "no playlist with id " + record.id);
    return playlistResponse(context, 200, **reloaded);
}

HttpResponse deletePlaylist(RequestContext& context) {
    auto playlist = ownedPlaylist(context);
    if (auto* response = std::get_if<HttpResponse>(&playlist))
        return std::move(*response);
    const auto& record = std::get<store::PlaylistRecord>(playlist);
    if (record.kind == store::PlaylistKind::WatchLater)
        return watchLaterIsFixed();
    auto deleted = context.server.database.write(
        [&](store::Connection& db) { return store::deletePlaylist(db, record.id); });
    if (!deleted)
        return storeFailure(deleted.error());
    return HttpResponse::noContent();
}

// One page of playlists as the caller sees them: {"items": [...], "next_cursor"}.
template <class ListFn> HttpResponse playlistPage(RequestContext& context, ListFn&& list) {
    nlohmann::json items = nlohmann::json::array();
    std::optional<std::string> next;
    const auto reader = viewerId(context);
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto playlists = list(db);
        if (!playlists)
            return playlists.error();
        for (const auto& playlist : playlists->items) {
            auto view = store::readPlaylistAs(db, playlist.id, reader);
            if (!view)
                return view.error();
            items.push_back(playlistToJson(playlist, *view));
        }
        next = playlists->next_cursor;
        return {};
    });
    if (!listed)
        return playlistFailure(listed.error());
    return HttpResponse::json(200, listPageJson(std::move(items), next));
}

HttpResponse myPlaylists(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const std::string& user = context.user->id;
    if (!page.cursor) { // Watch later heads the first page, so it exists from the first look
        auto made = context.server.database.write(
            [&](store::Connection& db) { return store::findOrCreateWatchLater(db, user, unixMillisNow()); });
        if (!made)
            return storeFailure(made.error());
    }
    return playlistPage(context, [&](store::Connection& db) {
        return store::listOwnerPlaylists(db, user, page.limit, page.cursor);
    });
}

HttpResponse channelPlaylists(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    auto channel = context.server.database.read(
        [&](store::Connection& db) { return store::findChannel(db, context.param("id")); });
    if (!channel)
        return storeFailure(channel.error());
    if (!*channel)
        return errorResponse(404, "channel_not_found", "no such channel");
    const std::string owner = (*channel)->owner_id;
    return playlistPage(context, [&](store::Connection& db) {
        return store::listPublicPlaylists(db, owner, page.limit, page.cursor);
    });
}

} // namespace

void registerPlaylistRoutes(Router& router, ServerContext&) {
    const RouteOptions read{.group = "metadata"};
    const RouteOptions write{.group = "social", .auth = AuthPolicy::Required};
    // Before "/playlists/:id": the router takes the first pattern that matches, and "watch-later" has the
    // shape of an id. (The other :id routes accept the alias through readablePlaylist.)
    router.add(Method::Get, "/api/v1/playlists/watch-later",
               [](RequestContext& context) {
                   context.params["id"] = kWatchLaterAlias;
                   return getPlaylist(context);
               },
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Post, "/api/v1/playlists", createPlaylist, write);
    router.add(Method::Get, "/api/v1/playlists/:id", getPlaylist, read);
    router.add(Method::Patch, "/api/v1/playlists/:id", patchPlaylist, write);
    router.add(Method::Delete, "/api/v1/playlists/:id", deletePlaylist, write);
    router.add(Method::Get, "/api/v1/users/me/playlists", myPlaylists,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/channels/:id/playlists", channelPlaylists, read);
    registerPlaylistItemRoutes(router);
}

} // namespace fc::server::api
