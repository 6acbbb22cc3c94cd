#include "server/jobs/ingest_step.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/media/probe.h"
#include "core/util/hashing.h"
#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/realtime/notification_events.h"
#include "server/realtime/video_events.h"
#include "server/store/database.h"
#include "server/store/notification_repository.h"
#include "server/uploads/part_file.h"

namespace fc::server::jobs {
namespace {

struct VideoRow {
    std::string owner_id;
    std::string status;
};

struct Duplicate {
    std::string id;
};

struct Failure {
    std::string code;
    std::string reason;
    std::optional<std::string> duplicate_of;
};

Result<std::optional<VideoRow>> loadVideo(store::Connection& db, const std::string& video_id) {
    auto statement = db.prepare("SELECT owner_id, status FROM videos WHERE id = ?");
    statement.bindAll(video_id);
    if (!statement.step())
        return statement.error() ? Result<std::optional<VideoRow>>(*statement.error())
                                 : Result<std::optional<VideoRow>>(std::nullopt);
    return std::optional<VideoRow>(VideoRow{statement.text(0), statement.text(1)});
}

// The same user's earlier, non-failed video with these exact bytes.
Result<std::optional<Duplicate>> findDuplicate(store::Connection& db, const std::string& owner_id,
                                               const std::string& video_id, const std::string& sha256) {
    auto statement = db.prepare("SELECT id FROM videos WHERE owner_id = ? AND source_sha256 = ? AND id != ? "
                                "AND status != 'failed' ORDER BY created_at LIMIT 1");
    statement.bindAll(owner_id, sha256, video_id);
    if (!statement.step())
        return statement.error() ? Result<std::optional<Duplicate>>(*statement.error())
                                 : Result<std::optional<Duplicate>>(std::nullopt);
    return std::optional<Duplicate>(Duplicate{statement.text(0)});
}

// Neither the other video's title nor its id: whoever may see this video reads its failure, and the
// other may be private. Its owner gets duplicate_of (REST only).
constexpr const char* kDuplicateMessage =
    "This file is identical to one of your earlier videos; it was not stored a second time.";

void publishStatus(ServerContext& server, const std::string& video_id, const std::string& status,
                   const std::optional<Failure>& failure) {
    realtime::publishVideoStatus(
        server.hub, video_id, status, false,
        failure ? std::optional(realtime::VideoFailure{failure->code, failure->reason}) : std::nullopt);
}

// The source bytes of a refused upload are not kept (failVideo records that, so they leave the quota).
void removeSourceBytes(ServerContext& server, const std::string& video_id,
                       const std::optional<std::string>& upload_id) {
    std::error_code ec;
    std::filesystem::remove_all(uploads::videoMediaDir(server.config, video_id), ec);
    if (ec)
        logWarn("ingest: cannot remove the source of " + video_id + ": " + ec.message());
    if (upload_id)
        uploads::removeQuietly(uploads::partPath(server.config, *upload_id));
}

JobResult failVideo(ServerContext& server, const std::string& video_id,
                    const std::optional<std::string>& upload_id, const Failure& failure,
                    const std::optional<std::string>& sha256) {
    std::vector<int64_t> notifications; // the owner's video_processed (failed), published after the commit
    auto updated = server.database.write([&](store::Connection& db) -> Result<bool> {
        auto run = db.run(
            "UPDATE videos SET status = 'failed', failure_code = ?, failure_reason = ?, duplicate_of = ?, "
            "source_sha256 = COALESCE(?, source_sha256), source_removed_at = ?, updated_at = ? "
            "WHERE id = ? AND status = 'uploading'",
            failure.code, failure.reason, failure.duplicate_of, sha256, unixMillisNow(), unixMillisNow(),
            video_id);
        if (!run)
            return run.error();
        if (db.changes() != 1)
            return false;
        auto ids = store::notifyProcessingEnded(db, video_id, unixMillisNow());
        if (!ids)
            return ids.error();
        notifications = std::move(*ids);
        return true;
    });
    if (!updated)
        return {JobOutcome::Retry, updated.error().message};
    removeSourceBytes(server, video_id, upload_id);
    if (*updated) {
        server.metrics.add("framecast_ingest_failed_total",
                           "Uploads refused at ingest (duplicate, unreadable).");
        logInfo("ingest: video " + video_id + " failed: " + failure.code + ": " + failure.reason);
        publishStatus(server, video_id, "failed", failure);
        realtime::publishNotifications(server.database, server.hub, notifications);
    }
    return {JobOutcome::Done, {}};
}

std::string readableProbeFailure(const Error& error) {
    if (error.code == "media_no_streams")
        return "The file has no video or audio that can be decoded.";
    if (error.code == "media_empty")
        return "The file contains no playable media (its duration is zero).";
    // The probe says "not a recognised audio or video file (<libav's reason>)": keep the reason only.
    const size_t open = error.message.find('(');
    const size_t close = error.message.rfind(')');
    const std::string detail = open != std::string::npos && close != std::string::npos && close > open
                                   ? error.message.substr(open + 1, close - open - 1)
                                   : error.message;
    return "The file is not a video or audio format Framecast can read (" + detail + ").";
}

} // namespace

JobResult runIngest(ServerContext& server, const JobRecord& job, JobControl& control) {
    if (!job.video_id)
        return {JobOutcome::Fail, "ingest job without a video"};
    const std::string& videoId = *job.video_id;
    std::optional<std::string> uploadId;
    if (job.payload.is_object() && job.payload.contains("upload_id") && job.payload["upload_id"].is_string())
        uploadId = job.payload["upload_id"].get<std::string>();

    auto video = server.database.read([&](store::Connection& db) { return loadVideo(db, videoId); });
    if (!video)
        return {JobOutcome::Retry, video.error().message};
    if (!*video)
        return {JobOutcome::Done, {}}; // deleted meanwhile
    if ((*video)->status == "failed") {
        removeSourceBytes(server, videoId, uploadId); // a run cut off after the verdict, before the clean-up
        return {JobOutcome::Done, {}};
    }
    if ((*video)->status != "uploading")
        return {JobOutcome::Done, {}}; // ingested already

    // The upload hands the part over by rename; if a crash came between its commit and the rename, do it
    // here.
    const std::string source = uploads::sourcePath(server.config, videoId);
    std::error_code ec;
    if (!std::filesystem::exists(source, ec) && uploadId)
        (void)uploads::movePartToSource(uploads::partPath(server.config, *uploadId), source);
    if (!std::filesystem::exists(source, ec))
        return failVideo(server, videoId, uploadId,
                         {"source_missing", "The uploaded file was lost before it could be processed.", {}},
                         std::nullopt);

    auto sha256 = sha256FileHex(source);
    if (!sha256)
        return {JobOutcome::Retry, sha256.error().message};
    if (control.cancelled())
        return {JobOutcome::Retry, "cancelled"};
    control.reportProgress(0.5, std::nullopt);

    auto duplicate = server.database.read(
        [&](store::Connection& db) { return findDuplicate(db, (*video)->owner_id, videoId, *sha256); });
    if (!duplicate)
        return {JobOutcome::Retry, duplicate.error().message};
    if (*duplicate)
        return failVideo(server, videoId, uploadId, {"duplicate_upload", kDuplicateMessage, (*duplicate)->id},
                         *sha256);

    auto info = media::probeMedia(source);
    if (!info)
        return failVideo(server, videoId, uploadId,
                         {info.error().code, readableProbeFailure(info.error()), {}}, *sha256);

    std::optional<Duplicate> lateDuplicate;
    auto queued = server.database.write([&](store::Connection& db) -> Result<bool> {
        // Re-checked in the transaction that claims the fingerprint: two identical uploads cannot both pass.
        auto again = findDuplicate(db, (*video)->owner_id, videoId, *sha256);
        if (!again)
            return again.error();
        if (*again) {
            lateDuplicate = **again;
            return false;
        }
        auto run =
            db.run("UPDATE videos SET status = 'queued', media_info = ?, duration_ms = ?, source_sha256 = ?, "
                   "failure_code = NULL, failure_reason = NULL, duplicate_of = NULL, updated_at = ? "
                   "WHERE id = ? AND status = 'uploading'",
                   media::toJson(*info).dump(), info->duration_ms, *sha256, unixMillisNow(), videoId);
        if (!run)
            return run.error();
        if (db.changes() != 1)
            return false; // deleted or changed meanwhile
        auto transcode = JobQueue::enqueue(db, kTranscodeJobKind, videoId, nlohmann::json::object());
        if (!transcode)
            return transcode.error();
        return true;
    });
    if (!queued)
        return {JobOutcome::Retry, queued.error().message};
    if (lateDuplicate)
        return failVideo(server, videoId, uploadId,
                         {"duplicate_upload", kDuplicateMessage, lateDuplicate->id}, *sha256);
    if (*queued) {
        server.jobs.wake();
        logInfo("ingest: video " + videoId + " queued for transcoding (" + std::to_string(info->duration_ms) +
                " ms, sha256 " + sha256->substr(0, 12) + "...)");
        publishStatus(server, videoId, "queued", std::nullopt);
    }
    return {JobOutcome::Done, {}};
}

} // namespace fc::server::jobs
