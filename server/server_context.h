#pragma once
// The services every handler may use. Owned by Server; handlers get a reference through RequestContext.
#include "server/config/server_config.h"

namespace fc::server {

namespace store {
class Database;
}
namespace realtime {
class Hub;
}
namespace jobs {
class JobQueue;
}
namespace discovery {
class SearchService;
class TrendingService;
class RecommendationService;
} // namespace discovery
class RateLimiter;
class Metrics;
class MappedFileCache;

struct ServerContext {
    const ServerConfig& config;
    store::Database& database;
    RateLimiter& rate_limiter;
    Metrics& metrics;
    realtime::Hub& hub;
    jobs::JobQueue& jobs;
    MappedFileCache& files; // mappings of the media files being served
    discovery::SearchService& search;
    discovery::TrendingService& trending;
    discovery::RecommendationService& recommendations;
};

} // namespace fc::server
