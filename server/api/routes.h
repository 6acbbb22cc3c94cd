#pragma once
#include "server/http/router.h"
#include "server/server_context.h"

namespace fc::server::api {

// Every resource registers its routes here; one function per resource file.
void registerRoutes(Router& router, ServerContext& server);

void registerHealthRoutes(Router& router, ServerContext& server);

} // namespace fc::server::api
