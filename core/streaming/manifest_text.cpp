#include "core/streaming/manifest_text.h"

#include <charconv>
#include <cmath>

namespace fc::streaming {

std::string formatFixed(double value, int decimals) {
    char buffer[64];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (ec != std::errc())
        return "0";
    return std::string(buffer, end);
}

std::optional<int64_t> parseInt64(std::string_view text) {
    int64_t value = 0;
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<double> parseDecimal(std::string_view text) {
    if (text.empty() || text.find_first_not_of("+-.0123456789") != std::string_view::npos)
        return std::nullopt;
    if (text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

int64_t clampedMillis(double seconds) {
    constexpr double kMaxMillis = 1e15;
    const double millis = seconds * 1000;
    if (!(millis > 0))
        return 0;
    return millis >= kMaxMillis ? int64_t(kMaxMillis) : std::llround(millis);
}

std::string formatIsoDuration(int64_t duration_ms) {
    if (duration_ms < 0)
        duration_ms = 0;
    std::string text = "PT" + std::to_string(duration_ms / 1000);
    if (const int64_t millis = duration_ms % 1000; millis != 0) {
        char digits[4] = {char('0' + millis / 100), char('0' + millis / 10 % 10), char('0' + millis % 10), 0};
        std::string fraction(digits);
        while (fraction.back() == '0')
            fraction.pop_back();
        text += "." + fraction;
    }
    return text + "S";
}

std::optional<double> parseIsoDurationSeconds(std::string_view text) {
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.empty() || text.front() != 'P')
        return std::nullopt;
    text.remove_prefix(1);
    double seconds = 0;
    bool in_time = false;
    bool any = false;
    while (!text.empty()) {
        if (text.front() == 'T') {
            if (in_time)
                return std::nullopt;
            in_time = true;
            text.remove_prefix(1);
            continue;
        }
        const size_t unit = text.find_first_not_of("0123456789.");
        if (unit == 0 || unit == std::string_view::npos)
            return std::nullopt;
        const std::optional<double> number = parseDecimal(text.substr(0, unit));
        if (!number)
            return std::nullopt;
        const char designator = text[unit];
        if (!in_time && designator == 'D')
            seconds += *number * 86400;
        else if (!in_time && designator == 'W')
            seconds += *number * 7 * 86400;
        else if (in_time && designator == 'H')
            seconds += *number * 3600;
        else if (in_time && designator == 'M')
            seconds += *number * 60;
        else if (in_time && designator == 'S')
            seconds += *number;
        else
            return std::nullopt; // Y and M (months): no fixed length
        any = true;
        text.remove_prefix(unit + 1);
    }
    if (!any)
        return std::nullopt;
    return negative ? -seconds : seconds;
}

} // namespace fc::streaming
