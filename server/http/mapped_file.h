#pragma once
// A read-only memory mapping of a whole file, shared by every response that sends (part of) it. The mapping
// lives as long as the last response holding it, so a slow client costs no copy of the file: its bytes stay
// in the page cache and are sent straight from there. Safe because the pipeline replaces files atomically
// (temp file + rename) and never truncates one in place: a mapping keeps the old inode's bytes.
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/util/result.h"

namespace fc::server {

class MappedFile {
public:
    // Errors: "not_found" (missing, not a regular file), "io_error".
    static Result<std::shared_ptr<const MappedFile>> open(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }
    // Reads the start of [offset, offset + length) into memory now, on the calling (worker) thread, so that
    // the network thread sending it from the mapping does not stall on disk reads in page faults: the first
    // kPrefaultTouchBytes (what the socket takes at once) synchronously, the rest by asking the kernel to
    // read ahead (into the page cache, not yet into this process's RSS: slow readers stay cheap).
    static constexpr uint64_t kPrefaultTouchBytes = 1u << 20;
    void prefault(uint64_t offset, uint64_t length) const;
    // Share of the range's pages in memory now (mincore), for tests.
    double residentShare(uint64_t offset, uint64_t length) const;
    uint64_t size() const { return m_size; }
    int64_t mtime_ns() const { return m_mtimeNs; }
    uint64_t inode() const { return m_inode; }

    class Key { // lets open() use make_shared while nobody else can construct one
        friend class MappedFile;
        Key() = default;
    };
    explicit MappedFile(Key) {}

private:
    void* m_data = nullptr; // nullptr for an empty file
    uint64_t m_size = 0;
    int64_t m_mtimeNs = 0;
    uint64_t m_inode = 0;
};

// The mappings of recently served files, shared by all requests: one mapping per file however many clients
// read it (so a file's pages count once, not once per reader), and no open/mmap/munmap per request. Each
// open() checks the path with stat(): a file replaced (new inode, size or mtime) or removed is mapped afresh
// or dropped. Least recently used mappings beyond max_files or max_bytes are released (a response still
// sending keeps its own reference). Thread-safe.
class MappedFileCache {
public:
    MappedFileCache(size_t max_files, uint64_t max_bytes) : m_maxFiles(max_files), m_maxBytes(max_bytes) {}
    Result<std::shared_ptr<const MappedFile>> open(const std::string& path);
    // Drops the mappings of every file below dir (a deleted video's), so their disk space is freed once the
    // responses still sending them finish.
    void forgetUnder(const std::string& dir);

private:
    struct Entry {
        std::string path;
        std::shared_ptr<const MappedFile> file;
    };
    void evict(); // with m_mutex held

    const size_t m_maxFiles;
    const uint64_t m_maxBytes;
    std::mutex m_mutex;
    std::list<Entry> m_lru; // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_byPath;
    uint64_t m_bytes = 0;
};

// A slice of a mapped file as a response body.
struct FileBody {
    std::shared_ptr<const MappedFile> file;
    uint64_t offset = 0;
    uint64_t length = 0;

    std::string_view bytes() const { return file->bytes().substr(offset, length); }
};

} // namespace fc::server
