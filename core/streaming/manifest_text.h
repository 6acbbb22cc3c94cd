#pragma once
// Locale-independent number and duration text for manifests (a Qt application sets LC_NUMERIC from the
// environment, so printf("%f") could write "4,000000"; to_chars/from_chars never do).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::streaming {

std::string formatFixed(double value, int decimals); // formatFixed(4.0106667, 6) → "4.010667"
// The whole text must be the number (no spaces, no trailing characters).
std::optional<int64_t> parseInt64(std::string_view text);
std::optional<double> parseDecimal(std::string_view text); // "4", "4.5", "-1.25"; not "1e3", "nan"
// Seconds → milliseconds, rounded and clamped to [0, 10^15] (a model parsed from a hostile manifest may hold
// absurd durations; converting those unclamped would be undefined).
int64_t clampedMillis(double seconds);
// ISO 8601 durations as DASH writes them: "PT4.011S"; milliseconds, rounded.
std::string formatIsoDuration(int64_t duration_ms);
// PnDTnHnMnS with fractional seconds; years and months are refused (their length is ambiguous).
std::optional<double> parseIsoDurationSeconds(std::string_view text);

} // namespace fc::streaming
