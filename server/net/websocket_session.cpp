// Realtime protocol over WebSocket. Client → server:
//   {"type":"subscribe","topic":"video:<id>:status"}  {"type":"unsubscribe","topic":...}  {"type":"ping"}
// Server → client: {"type":"subscribed"|"unsubscribed"|"error"|"pong"|<event>,"topic":...,"data":{...}}
// Everything below runs on the connection's strand except the topic check, which reads the database on the
// worker pool and posts its answer back.
#include "server/net/websocket_session.h"

#include <deque>
#include <map>
#include <mutex>
#include <set>

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "core/util/log.h"
#include "server/http/metrics.h"
#include "server/realtime/hub.h"
#include "server/realtime/topic_access.h"

namespace fc::server::net {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
using nlohmann::json;

constexpr size_t kMaxQueuedFrames =
    4096; // a client this far behind is dropped rather than grown without bound
constexpr size_t kMaxIncomingBytes = 64 * 1024;
constexpr size_t kMaxTopicsPerConnection = 256;

// Live connections and subscriptions, as gauges on /metrics. Updated under one lock so that concurrent
// updates cannot leave a stale value behind.
std::mutex g_gaugeMutex;
int64_t g_liveConnections = 0;

void updateGauges(ServerContext& server, int connection_delta) {
    std::lock_guard lock(g_gaugeMutex);
    g_liveConnections += connection_delta;
    server.metrics.set("framecast_ws_connections", "Open WebSocket connections.",
                       static_cast<double>(g_liveConnections));
    server.metrics.set("framecast_realtime_subscriptions", "Topic subscriptions held by WebSocket clients.",
                       static_cast<double>(server.hub.subscriptionCount()));
}

class WebSocketSession : public realtime::Subscriber,
                         public ClosableSession,
                         public std::enable_shared_from_this<WebSocketSession> {
public:
    WebSocketSession(asio::ip::tcp::socket&& socket, std::optional<AuthUser> user, SessionEnv& env)
        : m_ws(std::move(socket)), m_user(std::move(user)), m_env(env) {
        updateGauges(m_env.server, +1);
    }

    ~WebSocketSession() override {
        m_env.server.hub.unsubscribeAll(this);
        updateGauges(m_env.server, -1);
    }

    void run(http::request<http::buffer_body> upgrade) {
        m_upgrade = std::move(upgrade);
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& response) { response.set(http::field::server, "framecastd"); }));
        m_ws.read_message_max(kMaxIncomingBytes);
        m_ws.async_accept(m_upgrade,
                          beast::bind_front_handler(&WebSocketSession::onAccept, shared_from_this()));
    }

    void deliver(std::shared_ptr<const std::string> frame) override {
        asio::post(m_ws.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable {
            self->enqueue(std::move(frame));
        });
    }

    // m_user never changes after construction, so this is safe from any thread.
    std::optional<std::string> viewerId() const override {
        return m_user ? std::optional<std::string>(m_user->id) : std::nullopt;
    }

    void revoked(const std::string& topic) override {
        asio::post(m_ws.get_executor(), [self = shared_from_this(), topic] {
            if (self->m_topics.erase(topic) > 0) {
                updateGauges(self->m_env.server, 0);
                self->sendFrame("unsubscribed", topic, {{"reason", "access_revoked"}});
            }
            // A check in flight may have read the database before the change: ask again.
            if (self->m_pending.contains(topic))
                self->authorize(topic);
        });
    }

    void closeGracefully() override {
        asio::post(m_ws.get_executor(), [self = shared_from_this()] {
            if (self->m_closed)
                return;
            self->m_closed = true;
            self->m_env.server.hub.unsubscribeAll(self.get());
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
            // Closed by the peer, timed out, or a frame over kMaxIncomingBytes: the connection is over.
            m_closed = true;
            m_pending.clear();
            m_env.server.hub.unsubscribeAll(this);
            updateGauges(m_env.server, 0);
            return;
        }
        const std::string text = beast::buffers_to_string(m_incoming.data());
        m_incoming.consume(m_incoming.size());
        handleMessage(text);
        readMessage();
    }

    void handleMessage(const std::string& text) {
        const json message = json::parse(text, nullptr, false);
        if (!message.is_object() || !message.contains("type") || !message["type"].is_string())
            return sendError("", "invalid_message", "send JSON objects with a string \"type\"");
        const std::string type = message["type"];
        if (message.contains("topic") && !message["topic"].is_string())
            return sendError("", "invalid_message", "\"topic\" must be a string");
        const std::string topic = message.value("topic", "");
        if (type == "ping")
            return sendFrame("pong", topic, message.contains("data") ? message["data"] : json::object());
        if (type == "unsubscribe") {
            m_pending.erase(topic);
            if (m_topics.erase(topic) > 0) {
                m_env.server.hub.unsubscribe(topic, this);
                updateGauges(m_env.server, 0);
            }
            return sendFrame("unsubscribed", topic, json::object());
        }
        if (type != "subscribe")
            return sendError(topic, "invalid_message", "unknown message type '" + type + "'");
        if (m_topics.contains(topic))
            return sendFrame("subscribed", topic, json::object());
        if (m_pending.contains(topic))
            return; // the answer to the first request is on its way
        if (m_topics.size() + m_pending.size() >= kMaxTopicsPerConnection)
            return sendError(topic, "too_many_topics",
                             "a connection may follow at most " + std::to_string(kMaxTopicsPerConnection) +
                                 " topics");
        authorize(topic);
    }

    // Checking the right to see a topic reads the database: do it on the worker pool. The sequence number
    // lets a later unsubscribe (or a second check) make this answer stale.
    void authorize(const std::string& topic) {
        const uint64_t sequence = ++m_nextSequence;
        m_pending[topic] = sequence;
        asio::post(m_env.workers, [self = shared_from_this(), topic, sequence] {
            const uint64_t restrictions = self->m_env.server.hub.restrictions(); // before the check
            auto allowed = realtime::authorizeTopic(self->m_env.server, self->m_user, topic);
            asio::post(self->m_ws.get_executor(),
                       [self, topic, sequence, restrictions, allowed = std::move(allowed)] {
                           self->onAuthorized(topic, sequence, restrictions, allowed);
                       });
        });
    }

    void onAuthorized(const std::string& topic, uint64_t sequence, uint64_t restrictions,
                      const Result<void>& allowed) {
        const auto pending = m_pending.find(topic);
        if (m_closed || pending == m_pending.end() || pending->second != sequence)
            return;
        if (!allowed) {
            m_pending.erase(pending);
            return sendError(topic, allowed.error().code, allowed.error().message);
        }
        // A video made private (or deleted) while this was checked: check again.
        if (!m_env.server.hub.subscribeUnlessRestricted(topic, shared_from_this(), restrictions))
            return authorize(topic);
        m_pending.erase(pending);
        m_topics.insert(topic);
        updateGauges(m_env.server, 0);
        sendFrame("subscribed", topic, json::object());
    }

    void sendFrame(const std::string& type, const std::string& topic, const json& data) {
        enqueue(
            std::make_shared<const std::string>(json{{"type", type}, {"topic", topic}, {"data", data}}.dump(
                -1, ' ', false, json::error_handler_t::replace)));
    }

    void sendError(const std::string& topic, const std::string& code, const std::string& message) {
        sendFrame("error", topic, {{"code", code}, {"message", message}});
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
        m_ws.async_write(asio::buffer(*m_queue.front()),
                         [self = shared_from_this()](beast::error_code ec, size_t) {
                             if (ec) {
                                 self->m_closed = true;
                                 self->m_queue.clear();
                                 self->m_env.server.hub.unsubscribeAll(self.get());
                                 return;
                             }
                             self->m_queue.pop_front();
                             if (!self->m_queue.empty())
                                 self->writeNext();
                         });
    }

    websocket::stream<beast::tcp_stream> m_ws;
    const std::optional<AuthUser> m_user;
    SessionEnv& m_env;
    http::request<http::buffer_body> m_upgrade;
    beast::flat_buffer m_incoming;
    std::deque<std::shared_ptr<const std::string>> m_queue;
    std::set<std::string> m_topics;            // subscribed
    std::map<std::string, uint64_t> m_pending; // being authorized → the sequence number of the live check
    uint64_t m_nextSequence = 0;
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
