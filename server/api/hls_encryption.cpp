#include "server/api/hls_encryption.h"

#include <openssl/evp.h>

#include <charconv>
#include <memory>

namespace fc::server::api {
namespace {

struct CipherContextFree {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

} // namespace

Result<std::string> encryptHlsSegment(std::string_view clear, std::string_view key, uint64_t media_sequence) {
    if (key.size() != 16)
        return makeError("encryption_failed", "the key must be 16 bytes");
    unsigned char iv[16] = {};
    for (int i = 0; i < 8; ++i)
        iv[15 - i] = static_cast<unsigned char>(media_sequence >> (8 * i));
    CipherContext context(EVP_CIPHER_CTX_new());
    if (!context || EVP_EncryptInit_ex(context.get(), EVP_aes_128_cbc(), nullptr,
                                       reinterpret_cast<const unsigned char*>(key.data()), iv) != 1)
        return makeError("encryption_failed", "cannot set up AES-128-CBC");
    std::string out(clear.size() + 16, '\0');
    auto* output = reinterpret_cast<unsigned char*>(out.data());
    int written = 0;
    int total = 0;
    // EVP lengths are int: feed the segment in pieces well below INT_MAX.
    constexpr size_t kPieceBytes = 1 << 30;
    for (size_t at = 0; at < clear.size(); at += kPieceBytes) {
        const size_t piece = std::min(kPieceBytes, clear.size() - at);
        if (EVP_EncryptUpdate(context.get(), output + total, &written,
                              reinterpret_cast<const unsigned char*>(clear.data() + at),
                              static_cast<int>(piece)) != 1)
            return makeError("encryption_failed", "AES-128-CBC failed");
        total += written;
    }
    if (EVP_EncryptFinal_ex(context.get(), output + total, &written) != 1)
        return makeError("encryption_failed", "AES-128-CBC failed");
    out.resize(static_cast<size_t>(total + written));
    return out;
}

std::string addHlsKeyTag(std::string_view playlist, std::string_view key_uri) {
    const std::string tag = "#EXT-X-KEY:METHOD=AES-128,URI=\"" + std::string(key_uri) + "\"\n";
    size_t at = std::string_view::npos;
    if (const size_t map = playlist.find("#EXT-X-MAP:"); map != std::string_view::npos) {
        const size_t end = playlist.find('\n', map);
        at = end == std::string_view::npos ? playlist.size() : end + 1;
    } else if (const size_t first = playlist.find("#EXTINF:"); first != std::string_view::npos) {
        at = first;
    } else {
        at = playlist.size();
    }
    std::string out(playlist.substr(0, at));
    if (!out.empty() && out.back() != '\n')
        out += '\n';
    out += tag;
    out.append(playlist.substr(at));
    return out;
}

std::optional<std::string> hlsKeyFromHex(std::string_view hex) {
    if (hex.size() != 32)
        return std::nullopt;
    std::string key(16, '\0');
    for (size_t i = 0; i < key.size(); ++i) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
        if (ec != std::errc() || end != hex.data() + 2 * i + 2)
            return std::nullopt;
        key[i] = static_cast<char>(value);
    }
    return key;
}

std::optional<uint64_t> segmentSequenceNumber(std::string_view file_name) {
    constexpr std::string_view kPrefix = "seg_";
    constexpr std::string_view kSuffix = ".m4s";
    if (file_name.size() <= kPrefix.size() + kSuffix.size() ||
        file_name.substr(0, kPrefix.size()) != kPrefix ||
        file_name.substr(file_name.size() - kSuffix.size()) != kSuffix)
        return std::nullopt;
    const std::string_view digits =
        file_name.substr(kPrefix.size(), file_name.size() - kPrefix.size() - kSuffix.size());
    uint64_t number = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return number;
}

} // namespace fc::server::api
