// Video ratings: like/dislike (docs/API.md §14).
#include "server/api/routes.h"

namespace fc::server::api {

void registerRatingRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
