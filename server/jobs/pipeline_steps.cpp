#include "server/jobs/pipeline_steps.h"

#include <string>

#include "server/jobs/ingest_step.h"
#include "server/jobs/transcode_step.h"

namespace fc::server::jobs {

namespace {

bool runsKind(const ServerConfig& config, const std::string& kind) {
    if (config.job_kinds.empty())
        return true;
    const std::string list = "," + config.job_kinds + ",";
    return list.find("," + kind + ",") != std::string::npos;
}

} // namespace

void registerPipelineSteps(JobQueue& queue, ServerContext& server) {
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
