#pragma once
// What happens to an upload besides receiving bytes: recovery after a crash, completion (hand-off to the
// ingest job), termination, expiry, and the progress events clients watch.
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/server_context.h"
#include "server/uploads/upload_repository.h"

namespace fc::server::uploads {

int64_t expiryFrom(const ServerContext& server, int64_t now_ms);

// The database offset is the truth. Call holding the upload's lock: a .part longer than the stored offset
// (bytes that arrived but were never acknowledged, e.g. before a crash) is cut back to it; a shorter or
// missing one (lost data) lowers the stored offset so the client re-sends. Returns the upload as it now
// stands.
Result<UploadRecord> reconcilePartFile(ServerContext& server, UploadRecord upload);

// The final byte is durable: marks the upload complete, sets the video's source size and enqueues its ingest
// job (one transaction), then moves the part into <media_dir>/<video id>/source and wakes the job workers.
Result<void> completeUpload(ServerContext& server, const UploadRecord& upload);

// DELETE: the upload row becomes 'terminated', its part file goes, and its video too while still 'uploading'.
// false when there was nothing to terminate.
Result<bool> terminateUpload(ServerContext& server, const UploadRecord& upload);

// Maintenance: receiving uploads past their expiry become 'expired', lose their part file and their video
// row. Uploads being written right now are left for the next round. Returns how many expired.
int expireStaleUploads(ServerContext& server);

// "upload_progress" on video:<id>:status.
void publishUploadProgress(ServerContext& server, const std::string& video_id, int64_t offset_bytes,
                           const std::optional<int64_t>& length_bytes);

} // namespace fc::server::uploads
