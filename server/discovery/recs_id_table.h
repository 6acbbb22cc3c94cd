#pragma once
// The server's string ids (videos, users, channels) as the dense indexes the recommendation model works with.
// Append-only: an id keeps its index for the life of the process, so an index taken from one model snapshot
// means the same video in every later one.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace fc::server::discovery {

class RecsIdTable {
public:
    // The id's index, adding it when new.
    uint32_t intern(const std::string& id) {
        const auto [it, added] = m_index.try_emplace(id, static_cast<uint32_t>(m_ids.size()));
        if (added)
            m_ids.push_back(id);
        return it->second;
    }

    std::optional<uint32_t> find(const std::string& id) const {
        const auto it = m_index.find(id);
        return it == m_index.end() ? std::nullopt : std::optional<uint32_t>(it->second);
    }

    // "" for an index this table never handed out.
    const std::string& id(uint32_t index) const { return index < m_ids.size() ? m_ids[index] : kNone; }

    size_t size() const { return m_ids.size(); }

private:
    inline static const std::string kNone;
    std::vector<std::string> m_ids;
    std::unordered_map<std::string, uint32_t> m_index;
};

} // namespace fc::server::discovery
