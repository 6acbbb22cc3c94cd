#pragma once
#include <string>

#include "core/media/av_handles.h"
#include "core/util/result.h"

namespace fc::media {

// Encodes a yuv420p frame as a baseline JPEG (full-range, as image viewers expect). quality: 2 (best) … 31.
Result<std::string> encodeJpeg(const AVFrame* frame, int quality = 3);

// Scales/converts a frame to yuv420p at width×height (the picture is stretched to fit; callers keep aspect).
Result<FramePtr> scaleFrame(const AVFrame* frame, int width, int height);

} // namespace fc::media
