#include "core/streaming/presentation_builder.h"

#include <algorithm>

#include "core/media/cmaf_writer.h"
#include "core/streaming/codec_strings.h"
#include "core/streaming/dash_writer.h"
#include "core/streaming/hls_writer.h"

namespace fc::streaming {
namespace {

// CmafWriter's segment file name as a DASH template: the run of digits that segmentFileName(0) writes becomes
// $Number%0<width>d$ ("seg_00000.m4s" → "seg_$Number%05d$.m4s").
std::string segmentFileTemplate() {
    const std::string zero = fc::media::CmafWriter::segmentFileName(0);
    const size_t first = zero.find('0');
    if (first == std::string::npos)
        return {};
    size_t last = first;
    while (last < zero.size() && zero[last] == '0')
        ++last;
    const size_t width = last - first;
    return zero.substr(0, first) + "$Number%0" + std::to_string(width) + "d$" + zero.substr(last);
}

MediaKind kindOf(const fc::media::RenditionSummary& summary) {
    if (summary.width > 0 && summary.height > 0)
        return MediaKind::Video;
    if (summary.sample_rate_hz > 0 || summary.channels > 0)
        return MediaKind::Audio;
    const std::vector<std::string> codecs = splitCodecs(summary.codecs);
    if (codecs.empty())
        return MediaKind::Invalid;
    return isAudioCodec(codecs.front()) ? MediaKind::Audio : MediaKind::Video;
}

} // namespace

Rendition renditionFromSummary(const fc::media::RenditionSummary& summary) {
    Rendition rendition;
    rendition.id = summary.id;
    rendition.kind = kindOf(summary);
    rendition.codecs = summary.codecs;
    rendition.bandwidth_bps = summary.peak_bitrate_bps;
    rendition.average_bandwidth_bps = summary.average_bitrate_bps;
    rendition.width = summary.width;
    rendition.height = summary.height;
    rendition.frame_rate = summary.frame_rate;
    rendition.sample_rate_hz = summary.sample_rate_hz;
    rendition.channels = summary.channels;
    rendition.timescale = summary.timescale;
    const std::string directory = summary.id + "/";
    rendition.init_uri = directory + fc::media::CmafWriter::kInitFileName;
    rendition.playlist_uri = directory + kHlsMediaFileName;
    if (const std::string file_template = segmentFileTemplate(); !file_template.empty())
        rendition.segment_template = directory + file_template;
    rendition.segments.reserve(summary.segments.size());
    for (size_t i = 0; i < summary.segments.size(); ++i) {
        const fc::media::SegmentInfo& info = summary.segments[i];
        // A segment lasts until the next one starts: the writer's own duration is max(pts + packet duration),
        // one frame short when encoders leave packet durations at 0. And the timeline starts at 0: what comes
        // before (AAC priming, cut by the init segment's edit list) is never presented, and DASH S@t may not
        // be negative.
        int64_t end = info.start_pts + info.duration;
        if (i + 1 < summary.segments.size() && summary.segments[i + 1].start_pts > info.start_pts)
            end = summary.segments[i + 1].start_pts;
        Segment segment;
        segment.number = info.number;
        segment.start = std::max<int64_t>(info.start_pts, 0);
        segment.duration = std::max<int64_t>(end - segment.start, 0);
        segment.size_bytes = info.size_bytes;
        segment.uri = directory + fc::media::CmafWriter::segmentFileName(info.number);
        rendition.segments.push_back(std::move(segment));
    }
    return rendition;
}

Presentation presentationFromSummaries(const std::vector<fc::media::RenditionSummary>& summaries,
                                       PresentationState state, int target_segment_ms) {
    Presentation presentation;
    presentation.state = state;
    presentation.target_segment_ms = target_segment_ms;
    for (const fc::media::RenditionSummary& summary : summaries)
        presentation.renditions.push_back(renditionFromSummary(summary));
    return presentation;
}

Result<void> writeManifestFiles(const Presentation& presentation, const std::string& cmaf_dir) {
    for (const Rendition& rendition : presentation.renditions) {
        if (rendition.playlist_uri.empty())
            continue;
        const std::string path = cmaf_dir + "/" + rendition.playlist_uri;
        if (auto written = fc::media::writeFileAtomically(path, writeHlsMedia(presentation, rendition));
            !written)
            return written;
    }
    if (auto written = fc::media::writeFileAtomically(cmaf_dir + "/" + kDashManifestFileName,
                                                      writeDashMpd(presentation));
        !written)
        return written;
    return fc::media::writeFileAtomically(cmaf_dir + "/" + kHlsMasterFileName, writeHlsMaster(presentation));
}

} // namespace fc::streaming
