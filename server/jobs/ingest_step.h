#pragma once
// The "ingest" job, enqueued when an upload's last byte is durable: fingerprint (sha256), refuse a duplicate
// of the same user's video, probe with libavformat, then hand the video to the "transcode" job ('queued').
// Idempotent: a run cut off by a crash is simply run again.
#include "server/jobs/job_queue.h"
#include "server/server_context.h"

namespace fc::server::jobs {

inline constexpr const char* kIngestJobKind = "ingest";
inline constexpr const char* kTranscodeJobKind = "transcode";

JobResult runIngest(ServerContext& server, const JobRecord& job, JobControl& control);

} // namespace fc::server::jobs
