#pragma once
// The one-pass ladder transcoder: decode the source once, fan out through one filter graph to every rung,
// encode the rungs in parallel (one thread each) and write CMAF segments with keyframes aligned across rungs.
// Shared by the server's processing pipeline and the desktop app's transcode preview.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/media/ladder.h"
#include "core/media/rendition_encoder.h"
#include "core/media/stills.h"
#include "core/util/result.h"

namespace fc::media {

enum class StillsMode { None = 1, ThumbnailsAndStoryboard };

struct TranscodeJob {
    std::string source_path;
    std::string output_dir; // writes cmaf/<rendition>/, thumbs/, storyboard/ below it
    Ladder ladder;
    StillsMode stills = StillsMode::ThumbnailsAndStoryboard;
    double window_start_s = 0; // a window of the source (previews); 0/0 = the whole source
    double window_length_s = 0;
};

// Called from the transcoder's threads (serialised: never two calls at once).
class TranscodeListener {
public:
    virtual ~TranscodeListener() = default;
    virtual void onSegment(const RenditionSummary& rendition, const SegmentInfo& segment) {
        (void)rendition, (void)segment;
    }
    virtual void onProgress(double fraction, int64_t eta_ms) { (void)fraction, (void)eta_ms; }
    virtual bool cancelled() const { return false; }
};

struct TranscodeResult {
    std::vector<RenditionSummary> renditions; // video rungs lowest first, then audio
    std::optional<StillsResult> stills;
    double duration_s = 0;
    int64_t elapsed_ms = 0;
    int64_t first_segment_ms = 0; // from start until the lowest rung's first segment existed
};

// Errors: "media_unreadable", "decode_failed", "encode_failed", "cancelled", ...
Result<TranscodeResult> transcodeLadder(const TranscodeJob& job, TranscodeListener& listener);

// The directory of one rendition's CMAF files below output_dir.
std::string renditionDirectory(const std::string& output_dir, const std::string& rendition_id);

} // namespace fc::media
