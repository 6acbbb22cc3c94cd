#include "server/jobs/pipeline_steps.h"

#include <string>

#include "core/util/time.h"
#include "server/jobs/ingest_step.h"
#include "server/jobs/transcode_step.h"
#include "server/realtime/notification_events.h"
#include "server/realtime/video_events.h"
#include "server/store/database.h"
#include "server/store/notification_repository.h"
#include "server/uploads/part_file.h"

namespace fc::server::jobs {

namespace {

bool runsKind(const ServerConfig& config, const std::string& kind) {
    if (config.job_kinds.empty())
        return true;
    const std::string list = "," + config.job_kinds + ",";
    return list.find("," + kind + ",") != std::string::npos;
}

// A job that used up its attempts (disk or database trouble, or runs that crashed the process; not the
// video's fault) leaves its video failed with a reason instead of stuck in 'uploading', 'queued' or
// 'processing' for ever, and without the partial outputs a transcode may have left. A video that became
// ready before its job's last run was cut off stays ready.
void failVideoOfExhaustedJob(ServerContext& server, const JobRecord& job) {
    if (!job.video_id)
        return;
    const std::string reason =
        "Processing stopped after " + std::to_string(job.attempts) +
        " attempts because of a server problem; upload the file again or ask the admin.";
    std::vector<int64_t> notifications; // the owner's video_processed, published after the commit
    auto changed = server.database.write([&](store::Connection& db) -> Result<bool> {
        auto run =
            db.run("UPDATE videos SET status = 'failed', playable = 0, failure_code = 'processing_failed', "
                   "failure_reason = ?, updated_at = ? WHERE id = ? AND status NOT IN ('failed', 'ready')",
                   reason, unixMillisNow(), *job.video_id);
        if (!run)
            return run.error();
        if (db.changes() == 0)
            return false;
        auto ids = store::notifyProcessingEnded(db, *job.video_id, unixMillisNow());
        if (!ids)
            return ids.error();
        notifications = std::move(*ids);
        return true;
    });
    if (changed && *changed) {
        // After the commit: the row says failed (not playable) before the files go.
        removeTranscodeOutputs(uploads::videoMediaDir(server.config, *job.video_id));
        realtime::publishVideoStatus(server.hub, *job.video_id, "failed", false,
                                     realtime::VideoFailure{"processing_failed", reason});
        realtime::publishNotifications(server.database, server.hub, notifications);
    }
}

} // namespace

void registerPipelineSteps(JobQueue& queue, ServerContext& server) {
    queue.setObserver([&server](const JobRecord& job, const std::string& state, double) {
        if (state == "failed")
            failVideoOfExhaustedJob(server, job);
    });
    if (runsKind(server.config, kIngestJobKind))
        queue.registerKind(kIngestJobKind, [&server](const JobRecord& job, JobControl& control) {
            return runIngest(server, job, control);
        });
    if (runsKind(server.config, kTranscodeJobKind))
        queue.registerKind(kTranscodeJobKind, [&server](const JobRecord& job, JobControl& control) {
            return runTranscode(server, job, control);
        });
}

} // namespace fc::server::jobs
