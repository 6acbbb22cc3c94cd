#pragma once
// The transcode preview (issue #4): before upload, encode a few seconds of the source at one rung of the
// planned ladder with the server's own ladder code and show it beside the original, with its estimated size
// and PSNR/SSIM; after processing, the same comparison for the server's real rendition of that rung.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/media/frame_image.h"
#include "core/media/ladder.h"
#include "core/media/quality_metrics.h"
#include "core/util/result.h"

namespace fc::media {

struct RungPreviewRequest {
    std::string source_path;
    VideoRung rung; // one of planLadder(...).video
    std::string x264_preset = "veryfast";
    int segment_duration_ms = 4000;
    double window_start_s = 0; // clamped into the source; length clamped to [1, 10] s and to the source end
    double window_length_s = 4;
    std::string work_dir; // encoded files are written below it, in <work_dir>/<rung name>/ (caller cleans)
    int frame_count = 6;  // frames sampled evenly over the window for the side-by-side view
    int max_frame_height = 720;                      // frames larger than this are scaled down for display
    CompareAt compare_at = CompareAt::RenditionSize; // the size PSNR/SSIM are measured at (quality_metrics.h)
};

struct PreviewFrame {
    double time_s = 0;  // the original frame's presentation time in the source (container start = 0)
    RgbaImage original; // the source as displayed (rotation applied), at most max_frame_height tall
    RgbaImage encoded;  // the rendition's frame at the same instant, at the rung's size (or capped)
};

struct RungPreview {
    std::string rung_name; // compareRendition: empty (the caller knows which rung it downloaded)
    int width = 0;
    int height = 0;
    int bitrate_kbps = 0; // makeRungPreview: the rung's target; compareRendition: the file's measured average
    double window_start_s = 0; // the window actually measured and sampled, after clamping
    double window_length_s = 0;
    // Where the encode began, in source time: makeRungPreview starts at the server's segment boundary at or
    // before the window (a multiple of segment_duration_ms), so the window's frames get the keyframes and
    // GOPs the server will give them (a cold start mid-segment scores up to ~3 dB worse than the real
    // rendition). The encoded file's timestamps count from here. compareRendition: the rendition's first
    // timestamp.
    double encoded_start_s = 0;
    int64_t window_bytes = 0; // bytes of the encoded file (video init + segments, from encoded_start_s)
    // makeRungPreview: window_bytes × source duration / encoded duration (window end − encoded_start_s), plus
    // the ladder's audio bitrate (kbps × 125 bytes/s) × source duration when the source has audio.
    // compareRendition: 0.
    int64_t estimated_total_bytes = 0;
    double psnr_db = 0; // see QualityScores (quality_metrics.h): PSNR of the mean MSE, capped at 100 dB
    double ssim = 0;
    std::vector<PreviewFrame> frames; // frame_count frames at the centres of equal slices of the window
    std::string encoded_path;         // the concatenated fMP4 (init + segments)
};

// The window [start, start + length) a preview measures: the start stays where the user put it (but leaves at
// least 1 s of the source), the length is clamped to [1, 10] s and cut at the source's end. The UI shows the
// same clamp before it runs anything.
struct PreviewWindow {
    double start_s = 0;
    double length_s = 0;
};
PreviewWindow clampPreviewWindow(double start_s, double length_s, double duration_s);

struct PreviewCallbacks {
    // 0..1 across encode + measure + sampling, called from the worker thread.
    std::function<void(double fraction)> on_progress;
    const std::atomic<bool>* cancel = nullptr; // set -> returns error "cancelled" promptly
};

// Encode the window at the rung with transcodeLadder, then measure and sample frames. Blocking: call off the
// GUI thread. Errors: probeMedia's for an unreadable or missing source ("media_unreadable", ...),
// "media_no_streams" (no video), "invalid_request", the transcoder's, "write_failed", "cancelled".
Result<RungPreview> makeRungPreview(const RungPreviewRequest& request,
                                    const PreviewCallbacks& callbacks = {});

// Compare an already-encoded rendition file (e.g. the server's init.mp4 + segments concatenated) against the
// source over a window: same measurement and frame sampling, no encoding. The rendition's timestamps are the
// source's (as the server's segments carry them), so a file of segments from the middle of the video is
// compared with the middle of the source. The window is clamped like makeRungPreview's and then to the span
// the rendition covers. window_bytes = the file's size; estimated_total_bytes = 0; width/height from the
// file.
Result<RungPreview> compareRendition(const std::string& source_path, const std::string& rendition_path,
                                     double window_start_s, double window_length_s, int frame_count,
                                     const PreviewCallbacks& callbacks = {}, int max_frame_height = 720,
                                     CompareAt compare_at = CompareAt::RenditionSize);

} // namespace fc::media
