#pragma once
#include "server/http/router.h"
#include "server/server_context.h"

namespace fc::server::api {

// Every resource registers its routes here; one function per resource file.
void registerRoutes(Router& router, ServerContext& server);

void registerHealthRoutes(Router& router, ServerContext& server);
void registerAuthRoutes(Router& router, ServerContext& server);
void registerUserRoutes(Router& router, ServerContext& server);
void registerChannelRoutes(Router& router, ServerContext& server);
void registerVideoRoutes(Router& router, ServerContext& server);
void registerImageRoutes(Router& router, ServerContext& server);
void registerUploadRoutes(Router& router, ServerContext& server);
void registerProcessingRoutes(Router& router, ServerContext& server);
void registerDeliveryRoutes(Router& router, ServerContext& server);
void registerPlaybackRoutes(Router& router, ServerContext& server);
void registerEventRoutes(Router& router, ServerContext& server);
void registerCommentRoutes(Router& router, ServerContext& server);
void registerModerationRoutes(Router& router, ServerContext& server);
void registerRatingRoutes(Router& router, ServerContext& server);
void registerSubscriptionRoutes(Router& router, ServerContext& server);
void registerNotificationRoutes(Router& router, ServerContext& server);
void registerPlaylistRoutes(Router& router, ServerContext& server);
void registerHistoryRoutes(Router& router, ServerContext& server);
void registerShareRoutes(Router& router, ServerContext& server);
void registerSearchRoutes(Router& router, ServerContext& server);         // docs/API.md §17
void registerTrendingRoutes(Router& router, ServerContext& server);       // trending, categories
void registerRecommendationRoutes(Router& router, ServerContext& server); // recommendations, related

} // namespace fc::server::api
