#pragma once
// Opaque keyset cursors for "newest first" lists: base64url of "<created_at_ms>:<id>". Keyset rather than
// OFFSET so a page stays correct while rows are inserted above it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::server::store {

struct PageCursor {
    int64_t created_at_ms = 0;
    std::string id; // tie-breaker among rows created in the same millisecond
};

std::string encodePageCursor(const PageCursor& cursor);
std::optional<PageCursor> decodePageCursor(std::string_view text); // nullopt when malformed

} // namespace fc::server::store
