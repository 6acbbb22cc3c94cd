// Creator moderation of comments: review queue, approve/remove, channel blocks (docs/API.md §13).
#include "server/api/routes.h"

namespace fc::server::api {

void registerModerationRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
