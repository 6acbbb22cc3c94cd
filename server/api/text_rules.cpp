#include "server/api/text_rules.h"

#include "server/auth/account_rules.h"

namespace fc::server::api {
namespace {

enum class LineBreaks { Invalid = 0, Refused, Allowed };

std::optional<std::string> checkText(std::string_view field, std::string_view text, size_t min_chars,
                                     size_t max_chars, LineBreaks breaks) {
    const std::string name(field);
    if (!auth::isValidUtf8(text))
        return name + " must be valid UTF-8";
    const size_t length = auth::utf8Length(text);
    if (length < min_chars || length > max_chars)
        return name + " must be " + std::to_string(min_chars) + " to " + std::to_string(max_chars) +
               " characters";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool control = byte < 0x20 || byte == 0x7f;
        if (control && !(breaks == LineBreaks::Allowed && (c == '\n' || c == '\r' || c == '\t')))
            return name + " must not contain control characters";
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> checkSingleLineText(std::string_view field, std::string_view text,
                                               size_t min_chars, size_t max_chars) {
    return checkText(field, text, min_chars, max_chars, LineBreaks::Refused);
}

std::optional<std::string> checkMultiLineText(std::string_view field, std::string_view text,
                                              size_t max_chars) {
    return checkText(field, text, 0, max_chars, LineBreaks::Allowed);
}

} // namespace fc::server::api
