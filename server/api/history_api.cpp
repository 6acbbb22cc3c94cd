// Watch history edits: remove, clear, pause (docs/API.md §16).
#include "server/api/routes.h"

namespace fc::server::api {

void registerHistoryRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
