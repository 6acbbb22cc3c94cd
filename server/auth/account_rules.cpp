#include "server/auth/account_rules.h"

#include <cstdint>

namespace fc::server::auth {
namespace {

bool isUsernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

} // namespace

std::optional<std::string> checkUsername(std::string_view username) {
    if (username.size() < kUsernameMinChars || username.size() > kUsernameMaxChars)
        return "username must be 3 to 30 characters";
    for (char c : username)
        if (!isUsernameChar(c))
            return "username may contain only letters, digits, '_', '.' and '-'";
    return std::nullopt;
}

std::optional<std::string> checkEmail(std::string_view email) {
    if (email.empty() || email.size() > kEmailMaxChars)
        return "email must be 1 to 254 characters";
    const size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return "email must look like name@example.com";
    const std::string_view domain = email.substr(at + 1);
    const size_t dot = domain.find('.');
    if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.')
        return "email must look like name@example.com";
    for (char c : email) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' ||
            c == ';' || c == ':' || c == '\\' || c == '"' || c == '[' || c == ']')
            return "email contains a character that is not allowed";
    }
    if (!isValidUtf8(email))
        return "email must be valid UTF-8";
    return std::nullopt;
}

std::optional<std::string> checkPassword(std::string_view password) {
    if (utf8Length(password) < kPasswordMinChars)
        return "password must be at least 8 characters";
    if (password.size() > kPasswordMaxBytes)
        return "password must be at most 1024 bytes";
    return std::nullopt;
}

bool isValidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        uint32_t code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            code = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            code = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            code = lead & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size())
            return false;
        for (size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF.
        if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) ||
            (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
            return false;
        i += extra + 1;
    }
    return true;
}

size_t utf8Length(std::string_view text) {
    size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

} // namespace fc::server::auth
