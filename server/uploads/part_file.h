#pragma once
// The bytes of an upload on disk: <uploads_dir>/<upload id>.part, written at explicit offsets and made
// durable with fdatasync before an offset is acknowledged. Finished sources move to <media_dir>/<video
// id>/source.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "server/config/server_config.h"

namespace fc::server::uploads {

std::string partPath(const ServerConfig& config, const std::string& upload_id);
std::string videoMediaDir(const ServerConfig& config, const std::string& video_id);
std::string sourcePath(const ServerConfig& config, const std::string& video_id);

enum class PartOpen { Invalid = 0, CreateIfMissing, ExistingOnly };

class PartFile {
public:
    // Errors: "part_missing" (ExistingOnly and no file), "storage_error".
    static Result<PartFile> open(const std::string& path, PartOpen mode);
    PartFile(PartFile&& other) noexcept;
    PartFile& operator=(PartFile&& other) noexcept;
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;
    ~PartFile();

    Result<int64_t> size() const;
    // Writes all of bytes at offset. Errors: "storage_full" (ENOSPC/EDQUOT), "storage_error".
    Result<void> writeAt(int64_t offset, std::string_view bytes);
    Result<void> truncate(int64_t size_bytes);
    Result<void> sync(); // fdatasync: the data (and size) survive a crash once this returns

    const std::string& path() const { return m_path; }

private:
    PartFile(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    std::string m_path;
};

// fsync a directory so a file created, renamed or removed in it stays that way after a crash.
Result<void> syncDirectory(const std::string& dir);
// Creates the part file empty (and durable) for a new upload.
Result<void> createEmptyPart(const std::string& path);
// Renames the finished part to the video's source (creating its directory). Succeeds when the source is
// already in place (the ingest job may have moved it first after a crash).
Result<void> movePartToSource(const std::string& part_path, const std::string& source_path);
void removeQuietly(const std::string& path);

} // namespace fc::server::uploads
