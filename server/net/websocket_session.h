#pragma once
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/message.hpp>

#include "server/http/request_context.h"
#include "server/net/session_env.h"

namespace fc::server::net {

// Accepts the upgrade and runs the realtime protocol: JSON {"type","topic","data"} frames.
void startWebSocketSession(boost::asio::ip::tcp::socket socket,
                           boost::beast::http::request<boost::beast::http::buffer_body> upgrade,
                           std::optional<AuthUser> user, SessionEnv& env);

} // namespace fc::server::net
