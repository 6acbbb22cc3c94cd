#pragma once
// Avatars and banners as immutable files under <data_dir>/images/<key>, key = newId() + extension. A new
// image gets a new key, so the files can be cached forever; a replaced image's file is removed.
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fc::server::store {

enum class ImageType { Invalid = 0, Jpeg, Png, Webp };

std::optional<ImageType> imageTypeFromContentType(std::string_view content_type); // parameters ignored
std::optional<ImageType> imageTypeFromBytes(std::string_view bytes);              // by magic number
std::string_view imageContentType(ImageType type);
std::optional<ImageType> imageTypeFromKey(std::string_view key); // nullopt unless a well-formed key

class ImageStore {
public:
    explicit ImageStore(std::string images_dir) : m_dir(std::move(images_dir)) {}

    // Writes to a temporary file, fsyncs it, renames it into place and fsyncs the directory; returns the key.
    Result<std::string> save(std::string_view bytes, ImageType type);
    // The file's bytes; "image_not_found" for a malformed or unknown key.
    Result<std::string> load(std::string_view key) const;
    void remove(std::string_view key); // best effort; logs failures

private:
    std::string m_dir;
};

} // namespace fc::server::store
