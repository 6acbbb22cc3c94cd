// Comments: /api/v1/videos/<id>/comments, /api/v1/comments/<id> (docs/API.md §13).
#include "server/api/routes.h"

namespace fc::server::api {

void registerCommentRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
