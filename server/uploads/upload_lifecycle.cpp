#include "server/uploads/upload_lifecycle.h"

#include <nlohmann/json.hpp>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/jobs/job_queue.h"
#include "server/realtime/video_events.h"
#include "server/store/database.h"
#include "server/uploads/part_file.h"
#include "server/uploads/upload_locks.h"

namespace fc::server::uploads {

int64_t expiryFrom(const ServerContext& server, int64_t now_ms) {
    return now_ms + server.config.upload_expiry_s * 1000;
}

Result<UploadRecord> reconcilePartFile(ServerContext& server, UploadRecord upload) {
    if (upload.state != UploadState::Receiving)
        return upload;
    const std::string path = partPath(server.config, upload.id);
    auto file = PartFile::open(path, PartOpen::ExistingOnly);
    int64_t size_bytes = 0;
    if (file) {
        auto size = file->size();
        if (!size)
            return size.error();
        size_bytes = *size;
        if (size_bytes == upload.offset_bytes)
            return upload;
        if (size_bytes > upload.offset_bytes) {
            // Bytes past the last acknowledged offset: never confirmed to the client, so they are dropped.
            if (auto cut = file->truncate(upload.offset_bytes); !cut)
                return cut.error();
            if (auto synced = file->sync(); !synced)
                return synced.error();
            logInfo("uploads: " + upload.id + ": dropped " +
                    std::to_string(size_bytes - upload.offset_bytes) + " unacknowledged bytes past offset " +
                    std::to_string(upload.offset_bytes));
            return upload;
        }
    } else if (file.error().code == "part_missing") {
        if (auto created = createEmptyPart(path); !created)
            return created.error();
        if (upload.offset_bytes == 0)
            return upload; // created but never written to (a crash right after creation)
    } else {
        return file.error();
    }
    // Shorter than acknowledged: the data is gone (disk trouble); say so and let the client send it again.
    logWarn("uploads: " + upload.id + ": part file holds " + std::to_string(size_bytes) +
            " bytes, offset was " + std::to_string(upload.offset_bytes) + "; resuming from the file");
    auto committed = server.database.write([&](store::Connection& db) {
        return commitOffset(db, upload.id, size_bytes, upload.expires_at_ms, unixMillisNow());
    });
    if (!committed)
        return committed.error();
    upload.offset_bytes = size_bytes;
    return upload;
}

Result<void> completeUpload(ServerContext& server, const UploadRecord& upload) {
    auto job = server.database.write(
        [&](store::Connection& db) { return markUploadComplete(db, upload, unixMillisNow()); });
    if (!job)
        return job.error();
    server.metrics.add("framecast_uploads_completed_total", "Uploads whose last byte arrived.");
    // If this move fails or a crash comes first, the ingest job moves the part itself (it knows the upload
    // id).
    if (auto moved =
            movePartToSource(partPath(server.config, upload.id), sourcePath(server.config, upload.video_id));
        !moved)
        logError("uploads: " + upload.id + ": source not moved yet: " + moved.error().message);
    server.jobs.wake();
    logInfo("uploads: " + upload.id + " complete (" + std::to_string(upload.length_bytes.value_or(0)) +
            " bytes), ingest job " + std::to_string(*job) + " for video " + upload.video_id);
    return {};
}

Result<bool> terminateUpload(ServerContext& server, const UploadRecord& upload) {
    auto ended = server.database.write([&](store::Connection& db) {
        return endUpload(db, upload.id, UploadState::Terminated, unixMillisNow());
    });
    if (!ended)
        return ended.error();
    if (*ended) {
        removeQuietly(partPath(server.config, upload.id));
        server.metrics.add("framecast_uploads_terminated_total",
                           "Uploads ended by their client (tus DELETE).");
        logInfo("uploads: " + upload.id + " terminated by its client");
    }
    return *ended;
}

int expireStaleUploads(ServerContext& server) {
    auto ids = server.database.read(
        [&](store::Connection& db) { return findExpiredUploadIds(db, unixMillisNow(), 500); });
    if (!ids) {
        logWarn("uploads: expiry sweep could not list uploads: " + ids.error().message);
        return 0;
    }
    int expired = 0;
    for (const std::string& id : *ids) {
        auto lock = uploadLocks().tryLock(id);
        if (!lock)
            continue; // a PATCH is writing it right now; it pushes the expiry forward when it commits
        auto ended = server.database.write([&](store::Connection& db) -> Result<bool> {
            // Re-checked inside the transaction: a PATCH may have extended it since the listing.
            auto found = findUpload(db, id);
            if (!found)
                return found.error();
            const int64_t now = unixMillisNow();
            if (!*found || !(*found)->isExpiredAt(now))
                return false;
            return endUpload(db, id, UploadState::Expired, now);
        });
        if (!ended || !*ended)
            continue;
        removeQuietly(partPath(server.config, id));
        ++expired;
    }
    if (expired > 0) {
        server.metrics.add("framecast_uploads_expired_total",
                           "Unfinished uploads removed after their expiry.", expired);
        logInfo("uploads: expired " + std::to_string(expired) + " unfinished uploads");
    }
    return expired;
}

void publishUploadProgress(ServerContext& server, const std::string& video_id, int64_t offset_bytes,
                           const std::optional<int64_t>& length_bytes) {
    realtime::publishUploadProgress(server.hub, video_id, offset_bytes, length_bytes);
}

} // namespace fc::server::uploads
