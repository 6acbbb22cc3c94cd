#include "server/store/comment_cursor.h"

#include <charconv>
#include <vector>

#include "core/util/base64.h"
#include "core/util/ids.h"

namespace fc::server::store {
namespace {

constexpr size_t kMaxCursorChars = 128;

bool parseInt(std::string_view text, int64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace

std::string encodeCommentCursor(const CommentCursor& cursor) {
    return base64Encode(cursor.kind + ":" + std::to_string(cursor.as_of_seq) + ":" +
                            std::to_string(cursor.score) + ":" + std::to_string(cursor.created_at_ms) + ":" +
                            cursor.id,
                        Base64Alphabet::Url, Base64Padding::Without);
}

std::optional<CommentCursor> decodeCommentCursor(std::string_view text) {
    if (text.empty() || text.size() > kMaxCursorChars)
        return std::nullopt;
    const auto decoded = base64Decode(text);
    if (!decoded)
        return std::nullopt;
    std::vector<std::string_view> parts;
    std::string_view rest = *decoded;
    for (size_t colon = rest.find(':'); colon != std::string_view::npos; colon = rest.find(':')) {
        parts.push_back(rest.substr(0, colon));
        rest.remove_prefix(colon + 1);
    }
    parts.push_back(rest);
    if (parts.size() != 5 || parts[0].empty())
        return std::nullopt;
    CommentCursor cursor;
    cursor.kind = std::string(parts[0]);
    if (!parseInt(parts[1], cursor.as_of_seq) || !parseInt(parts[2], cursor.score) ||
        !parseInt(parts[3], cursor.created_at_ms) || cursor.as_of_seq < 0 || cursor.created_at_ms < 0)
        return std::nullopt;
    cursor.id = std::string(parts[4]);
    if (!cursor.id.empty() && !isValidId(cursor.id))
        return std::nullopt;
    return cursor;
}

} // namespace fc::server::store
