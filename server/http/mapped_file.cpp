#include "server/http/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

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

namespace {

struct PageSpan {
    char* begin = nullptr;
    size_t bytes = 0;
};

// The page-aligned span of the mapping that covers [offset, offset + length).
PageSpan pagesOf(void* data, uint64_t size, uint64_t offset, uint64_t length) {
    if (!data || offset >= size || length == 0)
        return {};
    const auto page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    const uint64_t first = offset / page * page;
    const uint64_t end = std::min(size, offset + length);
    return {static_cast<char*>(data) + first, static_cast<size_t>(end - first)};
}

} // namespace

void MappedFile::prefault(uint64_t offset, uint64_t length) const {
    const PageSpan span = pagesOf(m_data, m_size, offset, length);
    if (!span.begin)
        return;
    const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t touched = std::min<size_t>(span.bytes, kPrefaultTouchBytes);
    if (span.bytes > touched) // the rest: read ahead, in the background
        (void)::madvise(span.begin + touched, span.bytes - touched, MADV_WILLNEED);
    // Only the pages not in the page cache: a hot segment costs one mincore() and no loads.
    std::vector<unsigned char> resident((touched + page - 1) / page);
    const bool known = ::mincore(span.begin, touched, resident.data()) == 0;
    for (size_t i = 0; i < resident.size(); ++i)
        if (!known || !(resident[i] & 1))
            (void)*static_cast<volatile const char*>(span.begin + i * page);
}

double MappedFile::residentShare(uint64_t offset, uint64_t length) const {
    const PageSpan span = pagesOf(m_data, m_size, offset, length);
    if (!span.begin)
        return 1.0;
    const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> pages((span.bytes + page - 1) / page);
    if (::mincore(span.begin, span.bytes, pages.data()) != 0)
        return 0.0;
    size_t resident = 0;
    for (const unsigned char flags : pages)
        resident += flags & 1;
    return double(resident) / double(pages.size());
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
