// Playlists and Watch later (docs/API.md §16).
#include "server/api/routes.h"

namespace fc::server::api {

void registerPlaylistRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
