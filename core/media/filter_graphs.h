#pragma once
// The filter graphs of the one-pass transcoder: the decoded source goes in once and fans out (split) to every
// rung's scaler, plus a sparse "stills" branch for thumbnails and storyboards.
#include <optional>
#include <vector>

#include "core/media/av_handles.h"
#include "core/media/ladder.h"
#include "core/util/result.h"

namespace fc::media {

struct StillsSpec {
    double interval_s = 1.0; // one still every interval
    int max_width = 1280;
    int max_height = 720;
};

struct VideoGraph {
    FilterGraphPtr graph;
    AVFilterContext* source = nullptr;
    std::vector<AVFilterContext*> rung_sinks; // same order as the ladder's rungs
    AVFilterContext* stills_sink = nullptr;   // null when no stills were asked for
};

struct AudioGraph {
    FilterGraphPtr graph;
    AVFilterContext* source = nullptr;
    AVFilterContext* sink = nullptr;
};

// rotation_deg: clockwise display rotation of the source (applied here). output_frame_rate: the ladder's
// rate; when below the source's, frames are dropped evenly to reach it.
Result<VideoGraph> buildVideoGraph(const AVCodecContext* decoder, AVRational time_base,
                                   AVRational source_frame_rate, int rotation_deg, double output_frame_rate,
                                   const std::vector<VideoRung>& rungs,
                                   const std::optional<StillsSpec>& stills);
Result<AudioGraph> buildAudioGraph(const AVCodecContext* decoder, AVRational time_base,
                                   const AudioRendition& audio, int frame_size);

} // namespace fc::media
