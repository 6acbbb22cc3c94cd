#pragma once
#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "server/net/session_env.h"

namespace fc::server::net {

// Starts an HTTP/1.1 session on an accepted socket (upgrading to WebSocket at /api/v1/ws).
void startHttpSession(boost::asio::ip::tcp::socket socket, SessionEnv& env);

} // namespace fc::server::net
