// Listing notifications and marking them read (docs/API.md §15).
#include "server/api/routes.h"

namespace fc::server::api {

void registerNotificationRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
