#pragma once
// The recommendation side of discovery (docs/API.md §17): state kept between requests and its background
// upkeep.
#include "server/config/server_config.h"
#include "server/store/database.h"

namespace fc::server::discovery {

class RecommendationService {
public:
    RecommendationService(const ServerConfig& config, store::Database& database)
        : m_config(config), m_database(database) {}
    ~RecommendationService() { stop(); }
    RecommendationService(const RecommendationService&) = delete;
    RecommendationService& operator=(const RecommendationService&) = delete;

    void start();
    void stop();

private:
    const ServerConfig& m_config;
    store::Database& m_database;
};

} // namespace fc::server::discovery
