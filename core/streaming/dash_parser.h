#pragma once
// MPEG-DASH MPDs parsed into the presentation model: the first Period's video and audio Representations with
// SegmentTemplate (SegmentTimeline, or @duration for fixed-length segments) or SegmentList; BaseURL at every
// level; SegmentTemplate attributes inherited Period → AdaptationSet → Representation. Template identifiers
// $RepresentationID$, $Number$, $Time$, $Bandwidth$ (with %0Nd widths) and $$.
// Errors: code "invalid_manifest", saying what and where; never a crash. Not supported (rejected): more than
// one Period, SegmentBase (single-file) representations, @duration templates of dynamic MPDs.
#include <optional>
#include <string>
#include <string_view>

#include "core/streaming/manifest_loader.h"
#include "core/streaming/presentation.h"
#include "core/util/result.h"

namespace fc::streaming {

// URIs are resolved against mpd_uri (kept relative when it is: "manifest.mpd" → "360p/seg_00001.m4s").
// static → Complete, dynamic → Growing. Segment numbers and times are the MPD's ($Number$, S@t);
// DASH has no average bitrate (average_bandwidth_bps stays 0); target_segment_ms is @maxSegmentDuration,
// else the first template's @duration.
Result<Presentation> parseDashMpd(std::string_view xml, const std::string& mpd_uri);
Result<Presentation> loadDashPresentation(const std::string& mpd_uri, const ManifestLoader& load);

// SegmentTemplate substitution; identifiers whose value is not given are kept as written, so
// expandDashTemplate("$RepresentationID$/seg_$Number%05d$.m4s", "360p", 0, std::nullopt, std::nullopt)
// → "360p/seg_$Number%05d$.m4s". Errors on an unknown identifier or an unterminated '$'.
Result<std::string> expandDashTemplate(std::string_view pattern, const std::string& representation_id,
                                       int64_t bandwidth_bps, std::optional<int64_t> number,
                                       std::optional<int64_t> time);

} // namespace fc::streaming
