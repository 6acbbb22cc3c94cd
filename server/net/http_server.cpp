#include "server/net/http_server.h"

#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "core/util/log.h"
#include "server/net/http_session.h"

namespace fc::server::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void SessionRegistry::add(const std::shared_ptr<ClosableSession>& session) {
    std::lock_guard lock(m_mutex);
    if (m_sessions.size() > 64 && m_sessions.size() % 64 == 0)
        std::erase_if(m_sessions, [](const auto& weak) { return weak.expired(); });
    m_sessions.push_back(session);
}

void SessionRegistry::closeAll() {
    std::vector<std::shared_ptr<ClosableSession>> live;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& weak : m_sessions)
            if (auto session = weak.lock())
                live.push_back(std::move(session));
        m_sessions.clear();
    }
    for (const auto& session : live)
        session->closeGracefully();
}

size_t SessionRegistry::liveCount() {
    std::lock_guard lock(m_mutex);
    size_t count = 0;
    for (const auto& weak : m_sessions)
        count += weak.expired() ? 0 : 1;
    return count;
}

struct HttpServer::Impl {
    Impl(ServerContext& server, Pipeline& pipeline)
        : workers(static_cast<size_t>(server.config.worker_threads)), env{server, pipeline, workers, registry,
                                                                          stopping},
          acceptor(asio::make_strand(io)), signals(io), graceTimer(io) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(io),
                              [this](boost::system::error_code ec, tcp::socket socket) {
                                  if (ec) {
                                      if (ec == asio::error::operation_aborted || !acceptor.is_open())
                                          return;
                                      logWarn("accept failed: " + ec.message());
                                  } else {
                                      boost::system::error_code ignored;
                                      socket.set_option(tcp::no_delay(true), ignored);
                                      startHttpSession(std::move(socket), env);
                                  }
                                  accept();
                              });
    }

    void stop() {
        if (stopping.exchange(true))
            return;
        logInfo("framecastd: stopping; " + std::to_string(registry.liveCount()) + " connections to finish");
        boost::system::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        registry.closeAll();
        graceTimer.expires_after(std::chrono::seconds(env.server.config.shutdown_grace_s));
        graceTimer.async_wait([this](boost::system::error_code ec) {
            if (!ec)
                io.stop(); // whatever is still open after the grace period is cut off
        });
        // Once every session has ended only the timer is left; cancel it so run() returns at once.
        asio::post(io, [this] { waitForSessions(); });
    }

    void waitForSessions() {
        if (registry.liveCount() == 0) {
            graceTimer.cancel();
            return;
        }
        auto poll = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(50));
        poll->async_wait([this, poll](boost::system::error_code) { waitForSessions(); });
    }

    asio::io_context io;
    asio::thread_pool workers;
    SessionRegistry registry;
    std::atomic<bool> stopping{false};
    SessionEnv env;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer graceTimer;
};

HttpServer::HttpServer(ServerContext& server, Pipeline& pipeline)
    : m_impl(std::make_unique<Impl>(server, pipeline)) {
    // Take over SIGTERM/SIGINT now, before anyone is told the port: a signal arriving before run() is queued
    // and handled there, instead of killing the process with its default action.
    m_impl->signals.add(SIGTERM);
    m_impl->signals.add(SIGINT);
}

HttpServer::~HttpServer() {
    m_impl->workers.join();
}

Result<uint16_t> HttpServer::listen(const std::string& host, uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        return makeError("invalid_config", "cannot listen on '" + host + "': not an IP address");
    const tcp::endpoint endpoint(address, port);
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError("listen_failed",
                         "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    return acceptor.local_endpoint().port();
}

void HttpServer::run() {
    Impl& impl = *m_impl;
    impl.signals.async_wait([&impl](boost::system::error_code ec, int) {
        if (!ec)
            impl.stop();
    });
    impl.accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < impl.env.server.config.io_threads; ++i)
        threads.emplace_back([&impl] { impl.io.run(); });
    impl.io.run();
    for (auto& thread : threads)
        thread.join();
}

void HttpServer::requestStop() {
    asio::post(m_impl->io, [impl = m_impl.get()] { impl->stop(); });
}

asio::thread_pool& HttpServer::workers() {
    return m_impl->workers;
}

} // namespace fc::server::net
