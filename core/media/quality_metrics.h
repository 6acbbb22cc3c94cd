#pragma once
// PSNR and SSIM of an encoded rendition against its source over a time window, measured by libavfilter's own
// psnr and ssim filters (so the numbers are the ones `ffmpeg -lavfi psnr/ssim` reports for the same pair).
//
// Both files' frames go through the transcoder's video graph (rotation, bicubic scale, yuv420p); at the
// rendition's size the source becomes exactly what the ladder fed its encoder, so the score measures the
// encoding alone. Frames are paired by presentation time: each rendition frame with the source frame nearest
// to it.
#include <atomic>
#include <functional>
#include <string>

#include "core/util/result.h"

namespace fc::media {

// Identical pictures have an infinite PSNR; it is reported as this cap so callers never meet inf or NaN.
inline constexpr double kMaxPsnrDb = 100.0;

// The size at which the pictures are compared.
enum class CompareAt {
    // The source scaled down (bicubic) to the rendition's size: the encoding loss of that rung alone, what
    // `ffmpeg -lavfi "[src]scale=W:H:flags=bicubic[r];[enc][r]psnr"` reports. Scores of different rungs are
    // not comparable: a small rung is compared with a small (easier) picture and can score higher.
    RenditionSize = 1,
    // The rendition scaled (bicubic) to the source's display size, compared with the source as displayed:
    // what a viewer loses when the rung is shown at the source's size. Ranks rungs (higher rung, higher
    // score).
    SourceSize,
};

struct QualityRequest {
    std::string reference_path; // the source
    std::string distorted_path; // an encoded rendition of it (any container libavformat reads, e.g. fMP4)
    // The window, in the source's time (0 = its container start, as the transcoder counts).
    double window_start_s = 0;
    double window_length_s = 0;
    // source time = rendition timestamp + this. A rendition of the whole source keeps the source's time (0),
    // even one made of segments from the middle of the video; a preview window encoded by transcodeLadder
    // starts at 0, so its offset is the window start.
    double distorted_offset_s = 0;
    CompareAt compare_at = CompareAt::RenditionSize;
};

struct QualityScores {
    // 10·log10(255² / mean MSE), where each frame's MSE is the Y,U,V average weighted by plane size
    // (lavfi.psnr.mse_avg): the "average:" figure ffmpeg's psnr filter prints. Capped at kMaxPsnrDb.
    double psnr_db = 0;
    double ssim = 0; // mean over frames of ssim's "All" (lavfi.ssim.All): the figure ffmpeg prints
    int frame_count = 0;
    int width = 0; // the size at which both were compared (see CompareAt)
    int height = 0;
};

struct QualityCallbacks {
    std::function<void(double fraction)> on_progress; // 0..1 over the window
    const std::atomic<bool>* cancel = nullptr;        // set -> error "cancelled"
};

// Errors: FrameSampler::open's, "no_frames" (no rendition frame inside the window), "filter_failed",
// "cancelled".
Result<QualityScores> measureQuality(const QualityRequest& request, const QualityCallbacks& callbacks = {});

} // namespace fc::media
