#include "server/uploads/upload_repository.h"

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "server/jobs/ingest_step.h"
#include "server/jobs/job_queue.h"

namespace fc::server::uploads {
namespace {

UploadState parseState(const std::string& text) {
    if (text == "receiving")
        return UploadState::Receiving;
    if (text == "complete")
        return UploadState::Complete;
    if (text == "expired")
        return UploadState::Expired;
    if (text == "terminated")
        return UploadState::Terminated;
    return UploadState::Invalid;
}

} // namespace

std::string_view uploadStateName(UploadState state) {
    switch (state) {
    case UploadState::Receiving:
        return "receiving";
    case UploadState::Complete:
        return "complete";
    case UploadState::Expired:
        return "expired";
    case UploadState::Terminated:
        return "terminated";
    case UploadState::Invalid:
        break;
    }
    return "invalid";
}

Result<std::optional<UploadRecord>> findUpload(store::Connection& db, const std::string& upload_id) {
    auto statement = db.prepare("SELECT id, video_id, user_id, length_bytes, offset_bytes, metadata, state, "
                                "expires_at, created_at FROM uploads WHERE id = ?");
    statement.bindAll(upload_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<UploadRecord>();
    }
    UploadRecord record;
    record.id = statement.text(0);
    record.video_id = statement.text(1);
    record.user_id = statement.text(2);
    record.length_bytes = statement.optionalInt64(3);
    record.offset_bytes = statement.int64(4);
    record.metadata = statement.text(5);
    record.state = parseState(statement.text(6));
    record.expires_at_ms = statement.int64(7);
    record.created_at_ms = statement.int64(8);
    return std::optional<UploadRecord>(std::move(record));
}

Result<CreatedUpload> insertUploadWithVideo(store::Connection& db, const NewUpload& upload, int64_t now_ms) {
    auto channel = db.prepare("SELECT id FROM channels WHERE owner_id = ?");
    channel.bindAll(upload.user_id);
    if (!channel.step()) {
        if (channel.error())
            return *channel.error();
        return makeError("channel_missing", "your account has no channel to upload to");
    }
    const std::string channelId = channel.text(0);

    CreatedUpload created{newId(), newId()};
    auto video =
        db.run("INSERT INTO videos (id, channel_id, owner_id, title, description, visibility, status, "
               "source_filename, created_at, updated_at, published_at) "
               "VALUES (?, ?, ?, ?, ?, ?, 'uploading', ?, ?, ?, ?)",
               created.video_id, channelId, upload.user_id, upload.title, upload.description,
               upload.visibility, upload.source_filename, now_ms, now_ms,
               // Uploaded as public: published from the start (as a later switch to public would set it).
               upload.visibility == "public" ? std::optional<int64_t>(now_ms) : std::nullopt);
    if (!video)
        return video.error();
    auto row =
        db.run("INSERT INTO uploads (id, video_id, user_id, length_bytes, offset_bytes, metadata, state, "
               "expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, 'receiving', ?, ?, ?)",
               created.upload_id, created.video_id, upload.user_id, upload.length_bytes, upload.metadata,
               upload.expires_at_ms, now_ms, now_ms);
    if (!row)
        return row.error();
    return created;
}

Result<StorageUsage> storageUsage(store::Connection& db, const std::string& user_id,
                                  int64_t default_quota_bytes,
                                  const std::optional<std::string>& excluded_upload_id) {
    StorageUsage usage;
    auto quota = db.prepare("SELECT storage_quota_bytes FROM users WHERE id = ?");
    quota.bindAll(user_id);
    if (!quota.step())
        return quota.error() ? *quota.error() : makeError("user_missing", "the account no longer exists");
    usage.quota_bytes = quota.optionalInt64(0).value_or(default_quota_bytes);

    // Videos count once their source is in place and for as long as it is kept, failed ones too (a failed
    // transcode keeps the source until the owner deletes the video; a refused upload's bytes are removed at
    // ingest); until then their receiving upload counts (its full length, or what has arrived when the length
    // is deferred).
    auto used = db.prepare("SELECT (SELECT COALESCE(SUM(source_size_bytes), 0) FROM videos WHERE owner_id = "
                           "?1 AND source_removed_at IS NULL) "
                           "+ (SELECT COALESCE(SUM(COALESCE(length_bytes, offset_bytes)), 0) FROM uploads "
                           "WHERE user_id = ?1 AND "
                           "state = 'receiving' AND id IS NOT ?2)");
    used.bindAll(user_id, excluded_upload_id);
    if (!used.step())
        return used.error() ? *used.error() : makeError("database_error", "no usage row");
    usage.used_bytes = used.int64(0);
    return usage;
}

Result<bool> commitOffset(store::Connection& db, const std::string& upload_id, int64_t offset_bytes,
                          int64_t expires_at_ms, int64_t now_ms) {
    auto updated =
        db.run("UPDATE uploads SET offset_bytes = ?, expires_at = ?, updated_at = ? WHERE id = ? AND "
               "state = 'receiving'",
               offset_bytes, expires_at_ms, now_ms, upload_id);
    if (!updated)
        return updated.error();
    return db.changes() == 1;
}

Result<bool> setDeferredLength(store::Connection& db, const std::string& upload_id, int64_t length_bytes,
                               int64_t now_ms) {
    auto updated = db.run("UPDATE uploads SET length_bytes = ?, updated_at = ? WHERE id = ? AND state = "
                          "'receiving' AND length_bytes IS NULL",
                          length_bytes, now_ms, upload_id);
    if (!updated)
        return updated.error();
    return db.changes() == 1;
}

Result<int64_t> markUploadComplete(store::Connection& db, const UploadRecord& upload, int64_t now_ms) {
    const int64_t length = upload.length_bytes.value_or(upload.offset_bytes);
    auto updated =
        db.run("UPDATE uploads SET state = 'complete', offset_bytes = ?, length_bytes = ?, updated_at = ? "
               "WHERE id = ? AND state = 'receiving'",
               length, length, now_ms, upload.id);
    if (!updated)
        return updated.error();
    if (db.changes() != 1)
        return makeError("upload_not_receiving", "the upload is no longer receiving data");
    auto video = db.run("UPDATE videos SET source_size_bytes = ?, updated_at = ? WHERE id = ?", length,
                        now_ms, upload.video_id);
    if (!video)
        return video.error();
    if (db.changes() != 1) // the video was deleted meanwhile: nothing to ingest (the transaction rolls back)
        return makeError("upload_not_receiving", "the upload's video no longer exists");
    return jobs::JobQueue::enqueue(db, jobs::kIngestJobKind, upload.video_id,
                                   nlohmann::json{{"upload_id", upload.id}});
}

Result<bool> endUpload(store::Connection& db, const std::string& upload_id, UploadState final_state,
                       int64_t now_ms) {
    auto found = findUpload(db, upload_id);
    if (!found)
        return found.error();
    if (!*found)
        return false;
    const UploadRecord& upload = **found;
    const bool allowed = final_state == UploadState::Terminated
                             ? upload.state == UploadState::Receiving || upload.state == UploadState::Complete
                             : upload.state == UploadState::Receiving;
    if (!allowed)
        return false;
    auto updated = db.run("UPDATE uploads SET state = ?, updated_at = ? WHERE id = ?",
                          uploadStateName(final_state), now_ms, upload_id);
    if (!updated)
        return updated.error();
    // Only a video that never got its source goes with the upload; a finished one is the videos API's
    // business.
    auto video =
        db.run("DELETE FROM videos WHERE id = ? AND status = 'uploading' AND source_size_bytes IS NULL",
               upload.video_id);
    if (!video)
        return video.error();
    return true;
}

Result<std::vector<std::string>> findExpiredUploadIds(store::Connection& db, int64_t now_ms, int limit) {
    auto statement = db.prepare(
        "SELECT id FROM uploads WHERE state = 'receiving' AND expires_at <= ? ORDER BY expires_at LIMIT ?");
    statement.bindAll(now_ms, limit);
    std::vector<std::string> ids;
    while (statement.step())
        ids.push_back(statement.text(0));
    if (statement.error())
        return *statement.error();
    return ids;
}

} // namespace fc::server::uploads
