#include "server/http/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fc::server {
namespace {

// Closes the descriptor once the mapping exists (the mapping keeps the file alive by itself).
struct FdCloser {
    int fd = -1;
    ~FdCloser() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::string& path) {
    FdCloser fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (fd.fd < 0)
        return errno == ENOENT || errno == ENOTDIR ? makeError("not_found", "no such file")
                                                   : makeError("io_error", std::strerror(errno));
    struct stat info {};
    if (::fstat(fd.fd, &info) != 0)
        return makeError("io_error", std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return makeError("not_found", "not a regular file");
    auto file = std::make_shared<MappedFile>(Key{});
    file->m_size = static_cast<uint64_t>(info.st_size);
    file->m_mtimeNs = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    file->m_inode = static_cast<uint64_t>(info.st_ino);
    if (file->m_size > 0) {
        void* data = ::mmap(nullptr, file->m_size, PROT_READ, MAP_SHARED, fd.fd, 0);
        if (data == MAP_FAILED)
            return makeError("io_error", std::strerror(errno));
        // Sent front to back, usually once: let the kernel read ahead.
        (void)::madvise(data, file->m_size, MADV_SEQUENTIAL);
        file->m_data = data;
    }
    return std::shared_ptr<const MappedFile>(std::move(file));
}

MappedFile::~MappedFile() {
    if (m_data)
        ::munmap(m_data, m_size);
}

Result<std::shared_ptr<const MappedFile>> MappedFileCache::open(const std::string& path) {
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_byPath.find(path); it != m_byPath.end()) {
            const auto& file = it->second->file;
            const int64_t mtime_ns =
                static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
            if (exists && file->inode() == static_cast<uint64_t>(info.st_ino) &&
                file->size() == static_cast<uint64_t>(info.st_size) && file->mtime_ns() == mtime_ns) {
                m_lru.splice(m_lru.begin(), m_lru, it->second);
                return file;
            }
            m_bytes -= file->size();
            m_lru.erase(it->second);
            m_byPath.erase(it);
        }
    }
    if (!exists)
        return makeError("not_found", "no such file");
    auto opened = MappedFile::open(path);
    if (!opened)
        return opened;
    std::lock_guard lock(m_mutex);
    if (auto it = m_byPath.find(path); it != m_byPath.end()) { // another request mapped it meanwhile
        m_bytes -= it->second->file->size();
        m_lru.erase(it->second);
        m_byPath.erase(it);
    }
    m_lru.push_front({path, *opened});
    m_byPath[path] = m_lru.begin();
    m_bytes += (*opened)->size();
    evict();
    return opened;
}

void MappedFileCache::forgetUnder(const std::string& dir) {
    const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    std::lock_guard lock(m_mutex);
    for (auto it = m_lru.begin(); it != m_lru.end();) {
        if (it->path.rfind(prefix, 0) != 0) {
            ++it;
            continue;
        }
        m_bytes -= it->file->size();
        m_byPath.erase(it->path);
        it = m_lru.erase(it);
    }
}

void MappedFileCache::evict() {
    while (!m_lru.empty() && (m_lru.size() > m_maxFiles || m_bytes > m_maxBytes)) {
        m_bytes -= m_lru.back().file->size();
        m_byPath.erase(m_lru.back().path);
        m_lru.pop_back();
    }
}

} // namespace fc::server
