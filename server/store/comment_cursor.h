#pragma once
// Opaque keyset cursors for comment lists: base64url of "<kind>:<as_of_seq>:<score>:<created_at_ms>:<id>".
// The kind names the list and order ("top", "newest", "oldest", "replies", "held"), so a cursor of another
// order is refused. as_of_seq is the newest comment row (SQLite rowid, which only grows) when page one was
// read: orders in which newer comments would land further down (top, oldest) leave out rows after it, so a
// client paging on sees exactly the list it started. An empty id means "from the start" (after a page that
// held only the pinned comment).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::store {

struct CommentCursor {
    std::string kind;
    int64_t as_of_seq = 0;
    int64_t score = 0;
    int64_t created_at_ms = 0;
    std::string id;
};

std::string encodeCommentCursor(const CommentCursor& cursor);
std::optional<CommentCursor> decodeCommentCursor(std::string_view text); // nullopt when malformed

} // namespace fc::server::store
