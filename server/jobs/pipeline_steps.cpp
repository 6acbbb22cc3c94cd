#include "server/jobs/pipeline_steps.h"

namespace fc::server::jobs {

void registerPipelineSteps(JobQueue&, ServerContext&) {}

} // namespace fc::server::jobs
