#pragma once
// Thumbnails and storyboards from the transcoder's sparse "stills" branch (one frame every interval):
// five thumbnail candidates near 10/25/50/75/90 % (the sharpest non-black one is the default) and storyboard
// sprite sheets of small tiles with a WebVTT index ("sheet_001.jpg#xywh=x,y,w,h") for seek-bar previews.
#include <string>
#include <vector>

#include "core/media/av_handles.h"
#include "core/util/result.h"

namespace fc::media {

struct StillsLayout {
    int tile_width = 160;
    int columns = 10;
    int rows = 10;
    int max_tiles = 300; // the interval grows with the duration so any video fits in a few sheets
};

// The interval between stills (and storyboard tiles) for a video of this duration.
double stillsIntervalSeconds(double duration_s, const StillsLayout& layout = {});

struct ThumbnailCandidate {
    std::string file; // "thumb_1.jpg"
    double time_s = 0;
    double sharpness = 0; // variance of the luma Laplacian
    double mean_luma = 0; // 0..255
    bool black = false;
};

struct StillsResult {
    std::vector<ThumbnailCandidate> thumbnails;
    int default_thumbnail = 0;       // index into thumbnails
    std::vector<std::string> sheets; // "sheet_001.jpg", ...
    std::string vtt_file;            // "storyboard.vtt"
    int tile_width = 0;
    int tile_height = 0;
    int columns = 0;
    int rows = 0;
    double interval_s = 0;
};

class StillsCollector {
public:
    StillsCollector(std::string thumbs_dir, std::string storyboard_dir, double duration_s, double interval_s,
                    StillsLayout layout = {});
    // still: a yuv420p frame from the stills branch, at presentation time time_s.
    Result<void> add(const AVFrame* still, double time_s);
    Result<StillsResult> finish();

private:
    Result<void> flushSheet();

    std::string m_thumbsDir;
    std::string m_storyboardDir;
    double m_duration_s = 0;
    double m_interval_s = 1;
    StillsLayout m_layout;
    std::vector<double> m_targets_s;
    std::vector<FramePtr> m_candidates;
    std::vector<double> m_candidateTimes_s;
    FramePtr m_sheet;
    int m_tileHeight = 0;
    int m_tilesInSheet = 0;
    int m_tileCount = 0;
    std::vector<std::string> m_sheets;
    std::string m_vtt;
};

// Luma statistics used to pick thumbnails (exposed for tests).
struct LumaStats {
    double mean = 0;
    double stddev = 0;
    double laplacian_variance = 0;
};
LumaStats lumaStats(const AVFrame* frame);

} // namespace fc::media
