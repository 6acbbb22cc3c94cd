#pragma once
// Owns the network: io_context threads, the listening socket, live sessions, SIGTERM handling.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/util/result.h"
#include "server/http/pipeline.h"
#include "server/net/session_env.h"

namespace fc::server::net {

class HttpServer {
public:
    HttpServer(ServerContext& server, Pipeline& pipeline);
    ~HttpServer();

    // Binds and listens; returns the bound port (useful with port 0).
    Result<uint16_t> listen(const std::string& host, uint16_t port);
    // Serves until SIGTERM/SIGINT or requestStop(); in-flight requests get the configured grace period.
    void run();
    void requestStop();
    // The worker pool for database and disk work (also used by background maintenance).
    boost::asio::thread_pool& workers();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fc::server::net
