#include "core/util/ids.h"

#include "core/util/base64.h"
#include "core/util/hashing.h"

namespace fc {

std::string newId() {
    return base64Encode(secureRandomBytes(8), Base64Alphabet::Url, Base64Padding::Without);
}

bool isValidId(std::string_view id) {
    if (id.size() != 11)
        return false;
    for (char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

std::string newSecretToken() {
    return base64Encode(secureRandomBytes(32), Base64Alphabet::Url, Base64Padding::Without);
}

} // namespace fc
