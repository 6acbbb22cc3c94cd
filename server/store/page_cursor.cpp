#include "server/store/page_cursor.h"

#include <charconv>

#include "core/util/base64.h"
#include "core/util/ids.h"

namespace fc::server::store {

std::string encodePageCursor(const PageCursor& cursor) {
    return base64Encode(std::to_string(cursor.created_at_ms) + ":" + cursor.id, Base64Alphabet::Url,
                        Base64Padding::Without);
}

std::optional<PageCursor> decodePageCursor(std::string_view text) {
    if (text.empty() || text.size() > 64)
        return std::nullopt;
    const auto decoded = base64Decode(text);
    if (!decoded)
        return std::nullopt;
    const size_t colon = decoded->find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    PageCursor cursor;
    const char* begin = decoded->data();
    const auto [end, ec] = std::from_chars(begin, begin + colon, cursor.created_at_ms);
    if (ec != std::errc() || end != begin + colon || cursor.created_at_ms < 0)
        return std::nullopt;
    cursor.id = decoded->substr(colon + 1);
    if (!isValidId(cursor.id))
        return std::nullopt;
    return cursor;
}

} // namespace fc::server::store
