#include "core/util/base64.h"

#include <array>
#include <cstdint>

namespace fc {
namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<int8_t, 256> makeDecodeTable() {
    std::array<int8_t, 256> table{};
    for (auto& v : table)
        v = -1;
    for (size_t i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(kStandard[i])] = static_cast<int8_t>(i);
        table[static_cast<unsigned char>(kUrl[i])] = static_cast<int8_t>(i);
    }
    return table;
}
constexpr auto kDecode = makeDecodeTable();

} // namespace

std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet, Base64Padding padding) {
    const std::string_view chars = alphabet == Base64Alphabet::Url ? kUrl : kStandard;
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
        out += chars[(n >> 18) & 63];
        out += chars[(n >> 12) & 63];
        out += chars[(n >> 6) & 63];
        out += chars[n & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        uint32_t n = uint8_t(bytes[i]) << 16;
        if (rest == 2)
            n |= uint8_t(bytes[i + 1]) << 8;
        out += chars[(n >> 18) & 63];
        out += chars[(n >> 12) & 63];
        if (rest == 2)
            out += chars[(n >> 6) & 63];
        if (padding == Base64Padding::With)
            out.append(rest == 1 ? "==" : "=");
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const int8_t v = kDecode[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    return out;
}

} // namespace fc
