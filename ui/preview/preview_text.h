#pragma once
// What the preview shows in words: the source's one-line description, sizes, the stats line and readable
// errors. Pure functions (tested without a server).
#include <QString>

#include <cstdint>

#include "core/media/probe.h"
#include "core/util/result.h"

namespace fc::ui {

// "1:02", "1:02:03" (whole seconds, rounded down).
QString formatClock(double seconds);
// "820 kB", "48 MB", "1.2 GB" (decimal units, as file managers show them).
QString formatBytes(int64_t bytes);
// "1920×1080 · 30 fps · 1:02" (the displayed size, rotation applied).
QString describeSource(const media::MediaInfo& info);

struct PreviewStats {
    QString rung_name;
    int bitrate_kbps = 0;
    double psnr_db = 0;
    double ssim = 0;
    int64_t total_bytes = 0; // 0: unknown (not shown)
};
// "360p · 700 kb/s · PSNR 38.2 dB · SSIM 0.962 · about 48 MB for the whole video"
QString describeStats(const PreviewStats& stats);

// A sentence for a failed probe, download or measurement (the code stays in brackets for support).
QString describePreviewError(const Error& error);

} // namespace fc::ui
