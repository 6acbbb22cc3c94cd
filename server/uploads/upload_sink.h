#pragma once
// The body of a PATCH (or of a creation-with-upload POST), streamed into the upload's part file.
// Bytes are written as they arrive; the offset is acknowledged only after fdatasync and a committed
// uploads.offset_bytes. Long bodies without a checksum are checkpointed every upload_checkpoint_bytes; a body
// with Upload-Checksum is verified at its end and removed again (ftruncate) if the digest differs.
#include <cstdint>
#include <memory>
#include <optional>

#include "server/http/router.h"
#include "server/server_context.h"
#include "server/uploads/part_file.h"
#include "server/uploads/tus_headers.h"
#include "server/uploads/upload_locks.h"
#include "server/uploads/upload_repository.h"

namespace fc::server::uploads {

enum class SinkMode { Invalid = 0, Patch, Creation };

// Why the upload may not grow past a point: its declared length (400), the server's maximum (413), the quota
// (413).
enum class LimitReason { Invalid = 0, Length, MaxSize, Quota };

struct WriteLimit {
    int64_t max_offset_bytes = 0;
    LimitReason reason = LimitReason::Invalid;
};

struct UploadSinkSetup {
    UploadRecord upload; // reconciled with its part file; offset_bytes is the durable offset
    UploadLock lock;
    PartFile file;
    std::optional<UploadChecksum> checksum;
    WriteLimit limit;
    SinkMode mode = SinkMode::Invalid;
};

std::unique_ptr<BodySink> makeUploadSink(ServerContext& server, UploadSinkSetup setup);

// The answer when a body would pass the limit.
HttpResponse limitExceededResponse(const WriteLimit& limit);
// Upload-Offset, Upload-Length or Upload-Defer-Length, Upload-Expires (while receiving), Tus-Resumable.
void addUploadStateHeaders(HttpResponse& response, const UploadRecord& upload);
// 201 Created: Location, Framecast-Video-Id, Upload-Expires (+ Upload-Offset after creation-with-upload).
HttpResponse creationResponse(const UploadRecord& upload, bool with_offset);
std::string uploadLocation(const std::string& upload_id);

} // namespace fc::server::uploads
