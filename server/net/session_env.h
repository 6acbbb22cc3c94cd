#pragma once
// What a network session needs from the server around it. Kept free of Beast so handlers never see it.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "server/http/pipeline.h"
#include "server/server_context.h"

namespace fc::server::net {

class ClosableSession {
public:
    virtual ~ClosableSession() = default;
    virtual void closeGracefully() = 0; // finish the request in flight, then close
};

class SessionRegistry {
public:
    void add(const std::shared_ptr<ClosableSession>& session);
    void closeAll();
    size_t liveCount();

private:
    std::mutex m_mutex;
    std::vector<std::weak_ptr<ClosableSession>> m_sessions;
};

struct SessionEnv {
    ServerContext& server;
    Pipeline& pipeline;
    boost::asio::thread_pool& workers; // SQLite and disk work: never on the network threads
    SessionRegistry& registry;
    std::atomic<bool>& stopping;
};

} // namespace fc::server::net
