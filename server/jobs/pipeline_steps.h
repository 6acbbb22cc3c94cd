#pragma once
#include "server/jobs/job_queue.h"
#include "server/server_context.h"

namespace fc::server::jobs {

// Registers every job kind this server runs (ingest of finished uploads; transcoding arrives with its issue).
void registerPipelineSteps(JobQueue& queue, ServerContext& server);

} // namespace fc::server::jobs
