#pragma once
// Periodic housekeeping on its own thread: expired uploads and sign-in sessions.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "server/server_context.h"

namespace fc::server {

class Maintenance {
public:
    explicit Maintenance(ServerContext& server) : m_server(server) {}
    ~Maintenance() { stop(); }
    void start();
    void stop();
    void runOnce();

private:
    ServerContext& m_server;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace fc::server
