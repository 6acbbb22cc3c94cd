#include "server/discovery/recs_feed_cache.h"

#include <charconv>

#include "core/util/base64.h"

namespace fc::server::discovery {
namespace {

constexpr std::string_view kCursorPrefix = "r1:";
constexpr size_t kMaxOffset = 100000;

template <class T> std::optional<T> parseNumber(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

std::string encodeFeedCursor(const RecsFeedCursor& cursor) {
    const std::string text =
        std::string(kCursorPrefix) + std::to_string(cursor.list_id) + ":" + std::to_string(cursor.offset);
    return base64Encode(text, Base64Alphabet::Url, Base64Padding::Without);
}

std::optional<RecsFeedCursor> decodeFeedCursor(std::string_view text) {
    const auto decoded = base64Decode(text);
    if (!decoded || !std::string_view(*decoded).starts_with(kCursorPrefix))
        return std::nullopt;
    const std::string_view rest = std::string_view(*decoded).substr(kCursorPrefix.size());
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    const auto list_id = parseNumber<uint64_t>(rest.substr(0, colon));
    const auto offset = parseNumber<size_t>(rest.substr(colon + 1));
    if (!list_id || !offset || *offset > kMaxOffset)
        return std::nullopt;
    return RecsFeedCursor{*list_id, *offset};
}

uint64_t RecsFeedCache::put(std::shared_ptr<const RecsFeedList> list) {
    std::lock_guard lock(m_mutex);
    uint64_t id = 0;
    do
        id = m_random();
    while (id == 0 || m_entries.contains(id));
    m_order.push_front(id);
    m_entries.emplace(id, Entry{std::move(list), m_order.begin()});
    while (m_entries.size() > kCapacity) {
        m_entries.erase(m_order.back());
        m_order.pop_back();
    }
    return id;
}

std::shared_ptr<const RecsFeedList>
RecsFeedCache::find(uint64_t list_id, const std::optional<std::string>& user_id, int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(list_id);
    if (it == m_entries.end())
        return nullptr;
    if (now_ms - it->second.list->ranked_at_ms > kTtlMs) {
        m_order.erase(it->second.order);
        m_entries.erase(it);
        return nullptr;
    }
    if (it->second.list->user_id != user_id)
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->second.order);
    return it->second.list;
}

} // namespace fc::server::discovery
