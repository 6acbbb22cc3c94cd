#pragma once
// Topic pub/sub for WebSocket clients: "video:<id>:status", "video:<id>:comments", "user:<id>:notifications".
// publish() may be called from any thread; delivery is queued on each subscriber's own connection.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace fc::server::realtime {

class Subscriber {
public:
    virtual ~Subscriber() = default;
    // Must not block: queue the (shared, immutable) frame and return.
    virtual void deliver(std::shared_ptr<const std::string> frame) = 0;
};

class Hub {
public:
    void subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber);
    void unsubscribe(const std::string& topic, const Subscriber* subscriber);
    void unsubscribeAll(const Subscriber* subscriber);
    // Sends {"type": type, "topic": topic, "data": data} to every subscriber of topic; returns how many.
    size_t publish(const std::string& topic, const std::string& type, const nlohmann::json& data);
    size_t subscriberCount(const std::string& topic) const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::vector<std::weak_ptr<Subscriber>>> m_topics;
};

} // namespace fc::server::realtime
