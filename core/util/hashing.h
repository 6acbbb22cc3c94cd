#pragma once
// Digests, HMAC and secure random bytes, all from OpenSSL's libcrypto.
#include <memory>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc {

enum class DigestAlgorithm { Invalid = 0, Sha1, Sha256 };

// Streaming digest for data that arrives in pieces (uploads, files).
class Digest {
public:
    explicit Digest(DigestAlgorithm algorithm);
    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;

    void update(std::string_view bytes);
    std::string finishRaw(); // raw digest bytes; the object is spent afterwards

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string digestRaw(DigestAlgorithm algorithm, std::string_view bytes);
std::string sha256Hex(std::string_view bytes);
Result<std::string> sha256FileHex(const std::string& path);
std::string hmacSha256Raw(std::string_view key, std::string_view message);

std::string toHex(std::string_view bytes);
std::string secureRandomBytes(size_t count);
bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace fc
