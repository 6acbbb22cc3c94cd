#include "server/api/routes.h"

namespace fc::server::api {

void registerRoutes(Router& router, ServerContext& server) {
    registerHealthRoutes(router, server);
}

} // namespace fc::server::api
