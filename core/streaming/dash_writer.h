#pragma once
// MPEG-DASH MPD (ISO/IEC 23009-1, isoff-live profile: SegmentTemplate + SegmentTimeline) from the
// presentation model: one Period, one AdaptationSet for video and one for audio.
#include <cstdint>
#include <string>

#include "core/streaming/presentation.h"

namespace fc::streaming {

struct DashWriteOptions {
    int64_t publish_unix_ms = 0; // MPD@publishTime of a dynamic MPD; 0 = now
};

// Complete → type="static" with mediaPresentationDuration; Growing → type="dynamic" with
// availabilityStartTime (presentation.availability_start_unix_ms), publishTime and minimumUpdatePeriod (the
// target segment duration). A rendition with a segment_template gets SegmentTemplate (media relative to the
// MPD, startNumber = its first segment's number); one without gets a SegmentList of its segment URIs.
// Renditions with no segments yet are left out (a timeline needs at least one S).
std::string writeDashMpd(const Presentation& presentation, const DashWriteOptions& options = {});

// DASH @frameRate text: "25", "30000/1001", "2997/125"; empty for 0.
std::string dashFrameRate(double frames_per_second);

} // namespace fc::streaming
