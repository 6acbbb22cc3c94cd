#pragma once
// Topic pub/sub for WebSocket clients: "video:<id>:status", "video:<id>:comments", "user:<id>:notifications".
// publish() may be called from any thread; delivery is queued on each subscriber's own connection.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
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
    // The signed-in user behind this subscriber; nullopt when anonymous.
    virtual std::optional<std::string> viewerId() const = 0;
    // The subscriber was removed from topic because it may no longer follow it. Must not block.
    virtual void revoked(const std::string& topic) = 0;
};

// Decides, for a viewer (nullopt: anonymous), whether they may keep following a topic.
using MayFollow = std::function<bool(const std::optional<std::string>& viewer_id)>;

class Hub {
public:
    void subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber);
    // A subscription checked against the database off the hub's lock races restrict(): read restrictions()
    // before the check, and subscribe only if no restrict() ran since (false: check again). Otherwise a
    // subscriber added just after a restrict() that it would have failed keeps following the topic.
    uint64_t restrictions() const;
    bool subscribeUnlessRestricted(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber,
                                   uint64_t restrictions_seen);
    void unsubscribe(const std::string& topic, const Subscriber* subscriber);
    void unsubscribeAll(const Subscriber* subscriber);
    // Sends {"type": type, "topic": topic, "data": data} to every subscriber of topic; returns how many.
    size_t publish(const std::string& topic, const std::string& type, const nlohmann::json& data);
    // The audience of topic shrank (a video went private, was deleted): removes and tells every subscriber
    // for whom may_follow is false. Returns how many were removed.
    size_t restrict(const std::string& topic, const MayFollow& may_follow);
    size_t subscriberCount(const std::string& topic) const; // live subscribers only
    size_t topicCount() const;
    size_t subscriptionCount() const; // (topic, subscriber) pairs, live or not yet pruned

private:
    void addLocked(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber);
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::vector<std::weak_ptr<Subscriber>>> m_topics;
    uint64_t m_restrictions = 0; // restrict() calls, any topic (rare: a re-check now and then costs little)
};

} // namespace fc::server::realtime
