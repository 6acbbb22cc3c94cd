// docs/API.md §17.
#include "server/api/routes.h"

namespace fc::server::api {

void registerRecommendationRoutes(Router& router, ServerContext& server) {
    (void)router;
    (void)server;
}

} // namespace fc::server::api
