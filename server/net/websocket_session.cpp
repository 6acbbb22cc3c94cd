// Realtime protocol over WebSocket. Client → server:
//   {"type":"subscribe","topic":"video:<id>:status"}  {"type":"unsubscribe","topic":...}  {"type":"ping"}
// Server → client: {"type":"subscribed"|"unsubscribed"|"error"|"pong"|<event>,"topic":...,"data":{...}}
#include "server/net/websocket_session.h"

#include <deque>
#include <set>

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "core/util/log.h"
#include "server/realtime/hub.h"
#include "server/realtime/topic_access.h"

namespace fc::server::net {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

constexpr size_t kMaxQueuedFrames = 4096; // a client this far behind is dropped rather than grown without bound
constexpr size_t kMaxIncomingBytes = 64 * 1024;
constexpr size_t kMaxTopicsPerConnection = 256;

class WebSocketSession : public realtime::Subscriber,
                         public ClosableSession,
                         public std::enable_shared_from_this<WebSocketSession> {
public:
    WebSocketSession(asio::ip::tcp::socket&& socket, std::optional<AuthUser> user, SessionEnv& env)
        : m_ws(std::move(socket)), m_user(std::move(user)), m_env(env) {}

    ~WebSocketSession() override { m_env.server.hub.unsubscribeAll(this); }

    void run(http::request<http::buffer_body> upgrade) {
        m_upgrade = std::move(upgrade);
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& response) { response.set(http::field::server, "framecastd"); }));
        m_ws.read_message_max(kMaxIncomingBytes);
        m_ws.async_accept(m_upgrade, beast::bind_front_handler(&WebSocketSession::onAccept, shared_from_this()));
    }

    void deliver(std::shared_ptr<const std::string> frame) override {
        asio::post(m_ws.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable {
            self->enqueue(std::move(frame));
        });
    }

    void closeGracefully() override {
        asio::post(m_ws.get_executor(), [self = shared_from_this()] {
            if (self->m_closed)
                return;
            self->m_closed = true;
            self->m_ws.async_close(websocket::close_code::going_away, [self](beast::error_code) {});
        });
    }

private:
    void onAccept(beast::error_code ec) {
        if (ec)
            return;
        readMessage();
    }

    void readMessage() {
        m_ws.async_read(m_incoming, beast::bind_front_handler(&WebSocketSession::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, size_t) {
        if (ec) {
            m_closed = true;
            m_env.server.hub.unsubscribeAll(this);
            return;
        }
        const std::string text = beast::buffers_to_string(m_incoming.data());
        m_incoming.consume(m_incoming.size());
        handleMessage(text);
        readMessage();
    }

    void handleMessage(const std::string& text) {
        const nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
        if (!message.is_object() || !message.contains("type") || !message["type"].is_string())
            return sendError("", "invalid_message", "send JSON objects with a string \"type\"");
        const std::string type = message["type"];
        const std::string topic = message.contains("topic") && message["topic"].is_string() ? message["topic"] : "";
        if (type == "ping")
            return sendControl("pong", topic);
        if (type == "unsubscribe") {
            m_env.server.hub.unsubscribe(topic, this);
            m_topics.erase(topic);
            return sendControl("unsubscribed", topic);
        }
        if (type != "subscribe")
            return sendError(topic, "invalid_message", "unknown message type '" + type + "'");
        if (m_topics.size() >= kMaxTopicsPerConnection)
            return sendError(topic, "too_many_topics", "a connection may follow at most 256 topics");
        // Checking the right to see a topic reads the database: do it on the worker pool.
        asio::post(m_env.workers, [self = shared_from_this(), topic] {
            auto allowed = realtime::authorizeTopic(self->m_env.server, self->m_user, topic);
            asio::post(self->m_ws.get_executor(), [self, topic, allowed = std::move(allowed)] {
                if (!allowed)
                    return self->sendError(topic, allowed.error().code, allowed.error().message);
                self->m_topics.insert(topic);
                self->m_env.server.hub.subscribe(topic, self);
                self->sendControl("subscribed", topic);
            });
        });
    }

    void sendControl(const std::string& type, const std::string& topic) {
        enqueue(std::make_shared<const std::string>(
            nlohmann::json{{"type", type}, {"topic", topic}, {"data", nlohmann::json::object()}}.dump()));
    }

    void sendError(const std::string& topic, const std::string& code, const std::string& message) {
        enqueue(std::make_shared<const std::string>(
            nlohmann::json{{"type", "error"}, {"topic", topic}, {"data", {{"code", code}, {"message", message}}}}
                .dump()));
    }

    void enqueue(std::shared_ptr<const std::string> frame) {
        if (m_closed)
            return;
        if (m_queue.size() >= kMaxQueuedFrames) {
            logWarn("ws: dropping a client that fell " + std::to_string(m_queue.size()) + " messages behind");
            m_closed = true;
            m_env.server.hub.unsubscribeAll(this);
            beast::get_lowest_layer(m_ws).close();
            return;
        }
        m_queue.push_back(std::move(frame));
        if (m_queue.size() == 1)
            writeNext();
    }

    void writeNext() {
        m_ws.text(true);
        m_ws.async_write(asio::buffer(*m_queue.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec) {
                self->m_closed = true;
                self->m_queue.clear();
                return;
            }
            self->m_queue.pop_front();
            if (!self->m_queue.empty())
                self->writeNext();
        });
    }

    websocket::stream<beast::tcp_stream> m_ws;
    std::optional<AuthUser> m_user;
    SessionEnv& m_env;
    http::request<http::buffer_body> m_upgrade;
    beast::flat_buffer m_incoming;
    std::deque<std::shared_ptr<const std::string>> m_queue;
    std::set<std::string> m_topics;
    bool m_closed = false;
};

} // namespace

void startWebSocketSession(asio::ip::tcp::socket socket, http::request<http::buffer_body> upgrade,
                           std::optional<AuthUser> user, SessionEnv& env) {
    auto session = std::make_shared<WebSocketSession>(std::move(socket), std::move(user), env);
    env.registry.add(session);
    session->run(std::move(upgrade));
}

} // namespace fc::server::net
