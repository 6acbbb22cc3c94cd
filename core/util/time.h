#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc {

int64_t unixMillisNow();
int64_t steadyMillisNow();              // monotonic, for intervals and rate limits
std::string toRfc3339(int64_t unix_ms); // 2026-11-22T10:00:00.123Z
std::optional<int64_t> parseRfc3339(std::string_view text);
std::string toHttpDate(int64_t unix_ms); // RFC 7231 IMF-fixdate, as tus Upload-Expires wants

} // namespace fc
