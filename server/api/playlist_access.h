#pragma once
// Shared by the playlist and playlist item handlers: loading the route's playlist for a reader or its owner
// (":id" may be "watch-later", the caller's own Watch later, made on first use), answering with the playlist
// JSON, and mapping the playlist store's errors to responses.
#include <variant>

#include "core/util/result.h"
#include "server/http/request_context.h"
#include "server/http/router.h"
#include "server/store/playlist_repository.h"

namespace fc::server::api {

inline constexpr const char* kWatchLaterAlias = "watch-later";

// The playlist of the route's :id if the caller may see it (a private one of someone else is 404).
std::variant<store::PlaylistRecord, HttpResponse> readablePlaylist(RequestContext& context);
// The same, and the caller must own it (403 not_playlist_owner).
std::variant<store::PlaylistRecord, HttpResponse> ownedPlaylist(RequestContext& context);

// 200/201 with the playlist as the caller sees it (thumbnail from the first item they may see).
HttpResponse playlistResponse(RequestContext& context, int status, const store::PlaylistRecord& playlist);

// Known playlist error codes keep their status (404, 409, 400 invalid_cursor); the rest as storeFailure.
HttpResponse playlistFailure(const Error& error);

void registerPlaylistItemRoutes(Router& router);

} // namespace fc::server::api
