#include "server/uploads/part_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util/log.h"

namespace fc::server::uploads {
namespace {

Error ioError(const std::string& what, const std::string& path, int error_number) {
    logError("uploads: " + what + " " + path + ": " + std::strerror(error_number));
    if (error_number == ENOSPC || error_number == EDQUOT)
        return makeError("storage_full", "the server has no room left for this upload");
    return makeError("storage_error", "the server could not store the upload");
}

} // namespace

std::string partPath(const ServerConfig& config, const std::string& upload_id) {
    return config.uploads_dir + "/" + upload_id + ".part";
}

std::string videoMediaDir(const ServerConfig& config, const std::string& video_id) {
    return config.media_dir + "/" + video_id;
}

std::string sourcePath(const ServerConfig& config, const std::string& video_id) {
    return videoMediaDir(config, video_id) + "/source";
}

Result<PartFile> PartFile::open(const std::string& path, PartOpen mode) {
    const int flags = O_RDWR | O_CLOEXEC | (mode == PartOpen::CreateIfMissing ? O_CREAT : 0);
    const int fd = ::open(path.c_str(), flags, 0640);
    if (fd < 0) {
        if (errno == ENOENT && mode == PartOpen::ExistingOnly)
            return makeError("part_missing", "the upload's data file is missing");
        return ioError("cannot open", path, errno);
    }
    return PartFile(fd, path);
}

PartFile::PartFile(PartFile&& other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path)) {
    other.m_fd = -1;
}

PartFile& PartFile::operator=(PartFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        m_path = std::move(other.m_path);
        other.m_fd = -1;
    }
    return *this;
}

PartFile::~PartFile() {
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<int64_t> PartFile::size() const {
    struct stat info {};
    if (::fstat(m_fd, &info) != 0)
        return ioError("cannot stat", m_path, errno);
    return static_cast<int64_t>(info.st_size);
}

Result<void> PartFile::writeAt(int64_t offset, std::string_view bytes) {
    const int64_t start = offset;
    const size_t length = bytes.size();
    while (!bytes.empty()) {
        const ssize_t written = ::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return ioError("cannot write", m_path, errno);
        }
        bytes.remove_prefix(static_cast<size_t>(written));
        offset += written;
    }
    // Start writing these pages back now (without waiting): the fdatasync at the next checkpoint or at the
    // end of the PATCH then finds little left to flush, instead of stalling the upload for the whole backlog.
    ::sync_file_range(m_fd, static_cast<off_t>(start), static_cast<off_t>(length), SYNC_FILE_RANGE_WRITE);
    return {};
}

Result<void> PartFile::truncate(int64_t size_bytes) {
    if (::ftruncate(m_fd, static_cast<off_t>(size_bytes)) != 0)
        return ioError("cannot truncate", m_path, errno);
    return {};
}

Result<void> PartFile::sync() {
    if (::fdatasync(m_fd) != 0)
        return ioError("cannot sync", m_path, errno);
    return {};
}

Result<void> syncDirectory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError("cannot open directory", dir, errno);
    const int rc = ::fsync(fd);
    const int error_number = errno;
    ::close(fd);
    if (rc != 0)
        return ioError("cannot sync directory", dir, error_number);
    return {};
}

Result<void> createEmptyPart(const std::string& path) {
    auto file = PartFile::open(path, PartOpen::CreateIfMissing);
    if (!file)
        return file.error();
    if (auto synced = file->sync(); !synced)
        return synced;
    return syncDirectory(std::filesystem::path(path).parent_path().string());
}

Result<void> movePartToSource(const std::string& part_path, const std::string& source_path) {
    const std::filesystem::path source(source_path);
    std::error_code ec;
    std::filesystem::create_directories(source.parent_path(), ec);
    if (ec) {
        logError("uploads: cannot create " + source.parent_path().string() + ": " + ec.message());
        return makeError("storage_error", "the server could not store the upload");
    }
    if (::rename(part_path.c_str(), source_path.c_str()) != 0) {
        const int error_number = errno;
        if (error_number == ENOENT && std::filesystem::exists(source, ec))
            return {}; // moved already
        return ioError("cannot move", part_path, error_number);
    }
    if (auto synced = syncDirectory(source.parent_path().string()); !synced)
        return synced;
    return syncDirectory(std::filesystem::path(part_path).parent_path().string());
}

void removeQuietly(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec)
        logWarn("uploads: cannot remove " + path + ": " + ec.message());
}

} // namespace fc::server::uploads
