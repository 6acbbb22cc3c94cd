#include "server/realtime/hub.h"

#include <nlohmann/json.hpp>

namespace fc::server::realtime {

void Hub::subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber) {
    std::lock_guard lock(m_mutex);
    addLocked(topic, subscriber);
}

uint64_t Hub::restrictions() const {
    std::lock_guard lock(m_mutex);
    return m_restrictions;
}

bool Hub::subscribeUnlessRestricted(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber,
                                    uint64_t restrictions_seen) {
    // Compared and added under one lock: a restrict() after this either sees the subscriber or was counted.
    std::lock_guard lock(m_mutex);
    if (m_restrictions != restrictions_seen)
        return false;
    addLocked(topic, subscriber);
    return true;
}

void Hub::addLocked(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber) {
    auto& list = m_topics[topic];
    // Expired entries (connections gone without unsubscribing) are pruned here so a busy topic cannot grow.
    std::erase_if(list, [](const auto& weak) { return weak.expired(); });
    for (const auto& existing : list)
        if (existing.lock() == subscriber)
            return;
    list.push_back(subscriber);
}

void Hub::unsubscribe(const std::string& topic, const Subscriber* subscriber) {
    std::lock_guard lock(m_mutex);
    const auto it = m_topics.find(topic);
    if (it == m_topics.end())
        return;
    std::erase_if(it->second, [&](const auto& weak) {
        const auto strong = weak.lock();
        return !strong || strong.get() == subscriber;
    });
    if (it->second.empty())
        m_topics.erase(it);
}

void Hub::unsubscribeAll(const Subscriber* subscriber) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_topics.begin(); it != m_topics.end();) {
        std::erase_if(it->second, [&](const auto& weak) {
            const auto strong = weak.lock();
            return !strong || strong.get() == subscriber;
        });
        it = it->second.empty() ? m_topics.erase(it) : std::next(it);
    }
}

size_t Hub::publish(const std::string& topic, const std::string& type, const nlohmann::json& data) {
    std::vector<std::shared_ptr<Subscriber>> targets;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_topics.find(topic);
        if (it == m_topics.end())
            return 0;
        for (const auto& weak : it->second)
            if (auto strong = weak.lock())
                targets.push_back(std::move(strong));
    }
    if (targets.empty())
        return 0;
    const nlohmann::json message = {{"type", type}, {"topic", topic}, {"data", data}};
    // One serialisation shared by every subscriber: fan-out cost stays per-connection queueing only.
    auto frame = std::make_shared<const std::string>(
        message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    for (const auto& target : targets)
        target->deliver(frame);
    return targets.size();
}

size_t Hub::restrict(const std::string& topic, const MayFollow& may_follow) {
    std::vector<std::shared_ptr<Subscriber>> live;
    {
        std::lock_guard lock(m_mutex);
        ++m_restrictions;
        const auto it = m_topics.find(topic);
        if (it == m_topics.end())
            return 0;
        for (const auto& weak : it->second)
            if (auto strong = weak.lock())
                live.push_back(std::move(strong));
    }
    // may_follow and revoked() run without the lock: either may take time or re-enter the hub.
    std::vector<std::shared_ptr<Subscriber>> removed;
    for (auto& subscriber : live)
        if (!may_follow(subscriber->viewerId()))
            removed.push_back(std::move(subscriber));
    for (const auto& subscriber : removed) {
        unsubscribe(topic, subscriber.get());
        subscriber->revoked(topic);
    }
    return removed.size();
}

size_t Hub::subscriberCount(const std::string& topic) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_topics.find(topic);
    if (it == m_topics.end())
        return 0;
    size_t count = 0;
    for (const auto& weak : it->second)
        count += weak.expired() ? 0 : 1;
    return count;
}

size_t Hub::topicCount() const {
    std::lock_guard lock(m_mutex);
    return m_topics.size();
}

size_t Hub::subscriptionCount() const {
    std::lock_guard lock(m_mutex);
    size_t count = 0;
    for (const auto& [topic, list] : m_topics)
        count += list.size();
    return count;
}

} // namespace fc::server::realtime
