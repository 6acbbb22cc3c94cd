#pragma once
// GET/HEAD answers for files: validators (strong ETag from size + mtime in ns, Last-Modified), conditional
// requests (If-None-Match → 304, If-Range) and single byte ranges (206 + Content-Range, 416 when
// unsatisfiable; a multi-range request gets the whole 200). One code path for mapped files and for bytes the
// server generates from a file (rewritten playlists, encrypted segments).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_types.h"
#include "server/http/mapped_file.h"

namespace fc::server {

struct Validators {
    std::string etag;          // quoted, strong
    std::string last_modified; // HTTP date
};

// variant tells apart different bodies made from one file (e.g. "aes" for its encrypted form).
Validators validatorsFor(const MappedFile& file, std::string_view variant = {});

struct ByteRange {
    uint64_t offset = 0;
    uint64_t length = 0;
};

struct RangeRequest {
    enum class Kind { Invalid = 0, Whole, Partial, Unsatisfiable };
    Kind kind = Kind::Invalid;
    ByteRange range; // for Partial
};

// The Range header (if any) against a body of size bytes. Malformed or multi-range headers mean Whole.
RangeRequest parseRangeHeader(std::optional<std::string_view> header, uint64_t size);

enum class RangePolicy { Invalid = 0, Honour, WholeBody };

struct FileAnswer {
    std::string content_type;
    std::string cache_control;
    RangePolicy ranges = RangePolicy::Honour;
};

// A mapped file: the body is a slice of the mapping (no copy).
HttpResponse fileResponse(const HttpRequest& request, std::shared_ptr<const MappedFile> file,
                          const FileAnswer& answer);
// Bytes made from a file, with that file's validators (see validatorsFor's variant).
HttpResponse generatedResponse(const HttpRequest& request, std::string body, const Validators& validators,
                               const FileAnswer& answer);

} // namespace fc::server
