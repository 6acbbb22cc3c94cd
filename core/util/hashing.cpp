#include "core/util/hashing.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace fc {

struct Digest::Impl {
    EVP_MD_CTX* ctx = nullptr;
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

namespace {
const EVP_MD* mdFor(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::Sha1 ? EVP_sha1() : EVP_sha256();
}
} // namespace

Digest::Digest(DigestAlgorithm algorithm) : m_impl(std::make_unique<Impl>()) {
    m_impl->ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(m_impl->ctx, mdFor(algorithm), nullptr);
}
Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(std::string_view bytes) {
    EVP_DigestUpdate(m_impl->ctx, bytes.data(), bytes.size());
}

std::string Digest::finishRaw() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_impl->ctx, out, &length);
    return std::string(reinterpret_cast<char*>(out), length);
}

std::string digestRaw(DigestAlgorithm algorithm, std::string_view bytes) {
    Digest digest(algorithm);
    digest.update(bytes);
    return digest.finishRaw();
}

std::string sha256Hex(std::string_view bytes) {
    return toHex(digestRaw(DigestAlgorithm::Sha256, bytes));
}

Result<std::string> sha256FileHex(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return makeError("file_unreadable", "cannot open " + path);
    Digest digest(DigestAlgorithm::Sha256);
    std::vector<char> buffer(1 << 20);
    size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        digest.update(std::string_view(buffer.data(), got));
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed)
        return makeError("file_unreadable", "read error in " + path);
    return toHex(digest.finishRaw());
}

std::string hmacSha256Raw(std::string_view key, std::string_view message) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length);
    return std::string(reinterpret_cast<char*>(out), length);
}

std::string toHex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

std::string secureRandomBytes(size_t count) {
    std::string out(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
        std::abort(); // no entropy means no safe tokens; refusing to continue is the only honest option
    return out;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace fc
