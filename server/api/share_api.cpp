// Share links with a start time and the /watch/<id> page (docs/API.md §16).
#include "server/api/routes.h"

namespace fc::server::api {

void registerShareRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
