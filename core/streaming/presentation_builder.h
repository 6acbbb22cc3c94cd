#pragma once
// From what the transcoder produced to the presentation model, and the manifest files beside the segments.
// This is the one place that knows the file layout of a finished video's cmaf/ directory:
//   master.m3u8, manifest.mpd, <id>/playlist.m3u8, <id>/init.mp4, <id>/seg_00001.m4s, ...
// (the segment and init file names themselves come from media::CmafWriter).
#include <string>
#include <vector>

#include "core/media/rendition_encoder.h"
#include "core/streaming/presentation.h"
#include "core/util/result.h"

namespace fc::streaming {

inline constexpr const char* kHlsMasterFileName = "master.m3u8";
inline constexpr const char* kHlsMediaFileName = "playlist.m3u8";
inline constexpr const char* kDashManifestFileName = "manifest.mpd";

// URIs relative to the cmaf/ directory (where the master playlist and the MPD live).
Rendition renditionFromSummary(const fc::media::RenditionSummary& summary);
// Every rendition, in the order given (the transcoder's: video lowest first, then audio).
Presentation presentationFromSummaries(const std::vector<fc::media::RenditionSummary>& summaries,
                                       PresentationState state, int target_segment_ms);

// Writes master.m3u8, manifest.mpd and every <id>/playlist.m3u8 below cmaf_dir, each atomically (a reader
// never sees half a manifest); media playlists first, so the master never names one that does not exist yet.
// The rendition directories must exist (the transcoder made them).
Result<void> writeManifestFiles(const Presentation& presentation, const std::string& cmaf_dir);

} // namespace fc::streaming
