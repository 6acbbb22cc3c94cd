// Channel subscriptions and the subscriptions feed (docs/API.md §14).
#include "server/api/routes.h"

namespace fc::server::api {

void registerSubscriptionRoutes(Router&, ServerContext&) {}

} // namespace fc::server::api
