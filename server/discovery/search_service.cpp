#include "server/discovery/search_service.h"

namespace fc::server::discovery {

void SearchService::start() {}

void SearchService::stop() {}

} // namespace fc::server::discovery
