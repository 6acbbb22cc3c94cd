#include "server/store/image_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "core/util/ids.h"
#include "core/util/log.h"

namespace fc::server::store {
namespace {

std::string_view extensionOf(ImageType type) {
    switch (type) {
    case ImageType::Jpeg:
        return ".jpg";
    case ImageType::Png:
        return ".png";
    case ImageType::Webp:
        return ".webp";
    case ImageType::Invalid:
        break;
    }
    return "";
}

// Writes everything, retrying short writes; false with errno set on failure.
bool writeAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd = -1;
};

Error ioError(const std::string& what) {
    logError("images: " + what + ": " + std::strerror(errno));
    return makeError("storage_error", "the image could not be stored");
}

} // namespace

std::optional<ImageType> imageTypeFromContentType(std::string_view content_type) {
    const size_t semicolon = content_type.find(';');
    std::string type(content_type.substr(0, semicolon));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    for (char& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (type == "image/jpeg")
        return ImageType::Jpeg;
    if (type == "image/png")
        return ImageType::Png;
    if (type == "image/webp")
        return ImageType::Webp;
    return std::nullopt;
}

std::optional<ImageType> imageTypeFromBytes(std::string_view bytes) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3))
        return ImageType::Jpeg;
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8))
        return ImageType::Png;
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP")
        return ImageType::Webp;
    return std::nullopt;
}

std::string_view imageContentType(ImageType type) {
    switch (type) {
    case ImageType::Jpeg:
        return "image/jpeg";
    case ImageType::Png:
        return "image/png";
    case ImageType::Webp:
        return "image/webp";
    case ImageType::Invalid:
        break;
    }
    return "application/octet-stream";
}

std::optional<ImageType> imageTypeFromKey(std::string_view key) {
    const size_t dot = key.find('.');
    if (dot == std::string_view::npos || !isValidId(key.substr(0, dot)))
        return std::nullopt;
    const std::string_view extension = key.substr(dot);
    for (ImageType type : {ImageType::Jpeg, ImageType::Png, ImageType::Webp})
        if (extension == extensionOf(type))
            return type;
    return std::nullopt;
}

Result<std::string> ImageStore::save(std::string_view bytes, ImageType type) {
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec)
        return ioError("cannot create " + m_dir);
    const std::string key = newId() + std::string(extensionOf(type));
    const std::string final_path = m_dir + "/" + key;
    const std::string temp_path = m_dir + "/." + key + ".tmp";

    FileDescriptor file(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (file.get() < 0)
        return ioError("cannot create " + temp_path);
    if (!writeAll(file.get(), bytes) || ::fsync(file.get()) != 0) {
        Error error = ioError("cannot write " + temp_path);
        ::unlink(temp_path.c_str());
        return error;
    }
    if (::close(file.release()) != 0 || ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
        Error error = ioError("cannot move " + temp_path + " into place");
        ::unlink(temp_path.c_str());
        return error;
    }
    // The rename itself is durable only once the directory is synced.
    FileDescriptor dir(::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
    return key;
}

Result<std::string> ImageStore::load(std::string_view key) const {
    if (!imageTypeFromKey(key))
        return makeError("image_not_found", "no such image");
    std::ifstream in(m_dir + "/" + std::string(key), std::ios::binary);
    if (!in)
        return makeError("image_not_found", "no such image");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        return makeError("storage_error", "the image could not be read");
    return bytes;
}

void ImageStore::remove(std::string_view key) {
    if (!imageTypeFromKey(key))
        return;
    std::error_code ec;
    std::filesystem::remove(m_dir + "/" + std::string(key), ec);
    if (ec)
        logWarn("images: cannot remove " + std::string(key) + ": " + ec.message());
}

} // namespace fc::server::store
