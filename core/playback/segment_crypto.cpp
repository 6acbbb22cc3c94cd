#include "core/playback/segment_crypto.h"

#include <memory>

#include <openssl/evp.h>

namespace fc::playback {
namespace {

struct CipherFreer {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};

Result<std::string> run(std::string_view input, std::string_view key, std::string_view iv, int encrypt) {
    if (key.size() != 16 || iv.size() != 16)
        return makeError("decrypt_failed", "AES-128 needs a 16-byte key and IV");
    std::unique_ptr<EVP_CIPHER_CTX, CipherFreer> context(EVP_CIPHER_CTX_new());
    if (!context || EVP_CipherInit_ex(context.get(), EVP_aes_128_cbc(), nullptr,
                                      reinterpret_cast<const unsigned char*>(key.data()),
                                      reinterpret_cast<const unsigned char*>(iv.data()), encrypt) != 1)
        return makeError("decrypt_failed", "cannot set up AES-128-CBC");
    std::string output(input.size() + 16, '\0');
    int written = 0;
    int tail = 0;
    auto* out = reinterpret_cast<unsigned char*>(output.data());
    if (EVP_CipherUpdate(context.get(), out, &written, reinterpret_cast<const unsigned char*>(input.data()),
                         static_cast<int>(input.size())) != 1 ||
        EVP_CipherFinal_ex(context.get(), out + written, &tail) != 1)
        return makeError("decrypt_failed", encrypt
                                               ? "AES-128 encryption failed"
                                               : "AES-128 decryption failed (wrong key or corrupt segment)");
    output.resize(static_cast<size_t>(written + tail));
    return output;
}

} // namespace

Result<std::string> decryptAes128Cbc(std::string_view ciphertext, std::string_view key, std::string_view iv) {
    return run(ciphertext, key, iv, 0);
}

Result<std::string> encryptAes128Cbc(std::string_view plaintext, std::string_view key, std::string_view iv) {
    return run(plaintext, key, iv, 1);
}

} // namespace fc::playback
