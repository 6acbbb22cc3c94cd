#pragma once
// The trending side of discovery (docs/API.md §17): state kept between requests and its background upkeep.
#include "server/config/server_config.h"
#include "server/store/database.h"

namespace fc::server::discovery {

class TrendingService {
public:
    TrendingService(const ServerConfig& config, store::Database& database)
        : m_config(config), m_database(database) {}
    ~TrendingService() { stop(); }
    TrendingService(const TrendingService&) = delete;
    TrendingService& operator=(const TrendingService&) = delete;

    void start();
    void stop();

private:
    const ServerConfig& m_config;
    store::Database& m_database;
};

} // namespace fc::server::discovery
