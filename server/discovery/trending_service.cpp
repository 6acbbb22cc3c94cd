#include "server/discovery/trending_service.h"

namespace fc::server::discovery {

void TrendingService::start() {}

void TrendingService::stop() {}

} // namespace fc::server::discovery
