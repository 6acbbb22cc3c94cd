#pragma once
// The "transcode" job: the one-pass ladder transcoder over a video's source, publishing HLS/DASH manifests as
// segments appear (the video is playable after its first segments), then thumbnails, storyboard and 'ready'.
// A run cut off by a crash or shutdown starts again cleanly: earlier outputs are removed first.
#include "server/jobs/job_queue.h"
#include "server/server_context.h"

namespace fc::server::jobs {

JobResult runTranscode(ServerContext& server, const JobRecord& job, JobControl& control);

// Removes what a transcode writes below media/<id>/ (cmaf/, thumbs/, storyboard/), keeping the source: before
// a run, and when the video fails, so no partial output stays downloadable.
void removeTranscodeOutputs(const std::string& media_dir);

} // namespace fc::server::jobs
