#include "server/discovery/recommendation_service.h"

namespace fc::server::discovery {

void RecommendationService::start() {}

void RecommendationService::stop() {}

} // namespace fc::server::discovery
