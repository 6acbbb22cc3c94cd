#include "server/api/routes.h"

namespace fc::server::api {

void registerRoutes(Router& router, ServerContext& server) {
    registerHealthRoutes(router, server);
    registerAuthRoutes(router, server);
    registerUserRoutes(router, server);
    registerChannelRoutes(router, server);
    // Before the video routes: the router takes the first match, and /videos/trending is not a video id.
    registerTrendingRoutes(router, server);
    registerVideoRoutes(router, server);
    registerImageRoutes(router, server);
    registerUploadRoutes(router, server);
    registerProcessingRoutes(router, server);
    registerDeliveryRoutes(router, server);
    registerPlaybackRoutes(router, server);
    registerEventRoutes(router, server);
    registerCommentRoutes(router, server);
    registerModerationRoutes(router, server);
    registerRatingRoutes(router, server);
    registerSubscriptionRoutes(router, server);
    registerNotificationRoutes(router, server);
    registerPlaylistRoutes(router, server);
    registerHistoryRoutes(router, server);
    registerShareRoutes(router, server);
    registerSearchRoutes(router, server);
    registerRecommendationRoutes(router, server);
}

} // namespace fc::server::api
