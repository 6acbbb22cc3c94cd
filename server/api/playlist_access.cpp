#include "server/api/playlist_access.h"

#include <map>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/playlist_json.h"
#include "server/store/database.h"

namespace fc::server::api {

std::variant<store::PlaylistRecord, HttpResponse> readablePlaylist(RequestContext& context) {
    const std::string& id = context.param("id");
    if (id == kWatchLaterAlias) {
        if (!context.user)
            return errorResponse(401, "auth_required", "sign in to use Watch later");
        auto watch_later = context.server.database.write([&](store::Connection& db) {
            return store::findOrCreateWatchLater(db, context.user->id, unixMillisNow());
        });
        if (!watch_later)
            return storeFailure(watch_later.error());
        return std::move(*watch_later);
    }
    auto found =
        context.server.database.read([&](store::Connection& db) { return store::findPlaylist(db, id); });
    if (!found)
        return storeFailure(found.error());
    if (!*found || !mayView((*found)->visibility, (*found)->owner_id, viewerId(context)))
        return errorResponse(404, "playlist_not_found", "no playlist with id " + id);
    return std::move(**found);
}

std::variant<store::PlaylistRecord, HttpResponse> ownedPlaylist(RequestContext& context) {
    auto playlist = readablePlaylist(context);
    if (auto* record = std::get_if<store::PlaylistRecord>(&playlist);
        record && (!context.user || record->owner_id != context.user->id))
        return errorResponse(403, "not_playlist_owner", "only the playlist's owner may change it");
    return playlist;
}

HttpResponse playlistResponse(RequestContext& context, int status, const store::PlaylistRecord& playlist) {
    // The record again, in the view's snapshot, so item_count and hidden_count agree with each other.
    store::PlaylistRecord current = playlist;
    auto view = context.server.database.read([&](store::Connection& db) -> Result<store::PlaylistReaderView> {
        auto found = store::findPlaylist(db, playlist.id);
        if (!found)
            return found.error();
        if (*found)
            current = std::move(**found);
        return store::readPlaylistAs(db, playlist.id, viewerId(context));
    });
    if (!view)
        return storeFailure(view.error());
    return HttpResponse::json(status, playlistToJson(current, *view));
}

HttpResponse playlistFailure(const Error& error) {
    static const std::map<std::string, int> kStatuses = {
        {"playlist_not_found", 404}, {"not_in_playlist", 404},    {"already_in_playlist", 409},
        {"playlist_full", 409},      {"too_many_playlists", 409}, {"invalid_cursor", 400}};
    if (auto it = kStatuses.find(error.code); it != kStatuses.end())
        return errorResponse(it->second, error.code, error.message);
    return storeFailure(error);
}

} // namespace fc::server::api
