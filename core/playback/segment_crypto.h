#pragma once
// HLS AES-128 (RFC 8216 4.3.2.4): whole segments encrypted with AES-128-CBC and PKCS7 padding.
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::playback {

// key and iv: 16 raw bytes each. Errors: "decrypt_failed" (wrong key, bad padding, wrong sizes).
Result<std::string> decryptAes128Cbc(std::string_view ciphertext, std::string_view key, std::string_view iv);
// The inverse, for tests and tools.
Result<std::string> encryptAes128Cbc(std::string_view plaintext, std::string_view key, std::string_view iv);

} // namespace fc::playback
