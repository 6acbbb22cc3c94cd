#include "core/media/rung_preview.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/media/frame_sampler.h"
#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"
#include "core/media/quality_metrics.h"

namespace fc::media {
namespace {

using Window = PreviewWindow;

// Maps a phase's own 0..1 onto its share of the whole preview.
class Progress {
public:
    explicit Progress(const PreviewCallbacks& callbacks) : m_callbacks(callbacks) {}
    void phase(double from, double to) { m_from = from, m_to = to; }
    void report(double fraction) const {
        if (m_callbacks.on_progress)
            m_callbacks.on_progress(m_from + (m_to - m_from) * std::clamp(fraction, 0.0, 1.0));
    }
    bool cancelled() const { return m_callbacks.cancel && m_callbacks.cancel->load(); }
    const std::atomic<bool>* cancelFlag() const { return m_callbacks.cancel; }
    std::function<void(double)> reporter() const {
        return [this](double fraction) { report(fraction); };
    }

private:
    const PreviewCallbacks& m_callbacks;
    double m_from = 0;
    double m_to = 1;
};

class PreviewListener : public TranscodeListener {
public:
    explicit PreviewListener(const Progress& progress) : m_progress(progress) {}
    void onProgress(double fraction, int64_t) override { m_progress.report(fraction); }
    bool cancelled() const override { return m_progress.cancelled(); }

private:
    const Progress& m_progress;
};

// init.mp4 + the segments, in order: the single fMP4 a player would assemble.
Result<int64_t> concatenate(const std::string& dir, const RenditionSummary& rendition,
                            const std::string& into) {
    std::ofstream out(into, std::ios::binary | std::ios::trunc);
    std::vector<std::string> parts = {dir + "/" + CmafWriter::kInitFileName};
    for (const SegmentInfo& segment : rendition.segments)
        parts.push_back(dir + "/" + CmafWriter::segmentFileName(segment.number));
    for (const std::string& part : parts) {
        std::ifstream in(part, std::ios::binary);
        if (!in)
            return makeError("write_failed", "cannot read " + part);
        out << in.rdbuf();
    }
    out.close();
    if (!out)
        return makeError("write_failed", "cannot write " + into);
    std::error_code ec;
    const auto size = std::filesystem::file_size(into, ec);
    if (ec)
        return makeError("write_failed", "cannot read back " + into + ": " + ec.message());
    return static_cast<int64_t>(size);
}

// Measures the window and samples frame_count frames of both files at the centres of equal slices of it.
// distorted_offset_s: source time = rendition timestamp + this.
Result<void> measureAndSample(const std::string& source_path, const std::string& rendition_path,
                              double distorted_offset_s, int frame_count, int max_frame_height,
                              CompareAt compare_at, Progress& progress, double measure_from,
                              RungPreview& preview) {
    progress.phase(measure_from, measure_from + (1.0 - measure_from) * 0.75);
    QualityRequest quality;
    quality.reference_path = source_path;
    quality.distorted_path = rendition_path;
    quality.window_start_s = preview.window_start_s;
    quality.window_length_s = preview.window_length_s;
    quality.distorted_offset_s = distorted_offset_s;
    quality.compare_at = compare_at;
    auto scores = measureQuality(quality, {progress.reporter(), progress.cancelFlag()});
    if (!scores)
        return scores.error();
    preview.psnr_db = scores->psnr_db;
    preview.ssim = scores->ssim;
    progress.report(1.0);

    progress.phase(measure_from + (1.0 - measure_from) * 0.75, 1.0);
    std::vector<double> times_s;
    for (int i = 0; i < std::max(0, frame_count); ++i)
        times_s.push_back(preview.window_start_s + preview.window_length_s * (i + 0.5) / frame_count);
    std::vector<double> rendition_times_s;
    for (double t : times_s)
        rendition_times_s.push_back(t - distorted_offset_s);
    SampleOptions options;
    options.max_height = max_frame_height;
    options.cancel = progress.cancelFlag();
    auto originals = sampleFrames(source_path, times_s, options);
    if (!originals)
        return originals.error();
    progress.report(0.5);
    options.origin = TimeOrigin::StreamZero;
    auto encoded = sampleFrames(rendition_path, rendition_times_s, options);
    if (!encoded)
        return encoded.error();
    for (size_t i = 0; i < times_s.size(); ++i)
        preview.frames.push_back(PreviewFrame{(*originals)[i].time_s, std::move((*originals)[i].image),
                                              std::move((*encoded)[i].image)});
    progress.report(1.0);
    return {};
}

struct Span {
    double start_s = 0;
    double end_s = 0;
};

// The presentation span of a file's video, from its packets (demuxed, not decoded). The container's duration
// is no help: for fMP4 starting mid-video, libavformat reports the end time as the duration.
Result<Span> videoSpan(const std::string& path) {
    AVFormatContext* raw = nullptr;
    if (int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); rc < 0)
        return makeError("media_unreadable", "cannot open " + path + ": " + avErrorText(rc));
    InputFormatPtr format(raw);
    if (int rc = avformat_find_stream_info(raw, nullptr); rc < 0)
        return makeError("media_unreadable", "cannot read the streams of " + path + ": " + avErrorText(rc));
    const int index = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0)
        return makeError("media_no_streams", "the rendition has no video");
    const AVRational time_base = raw->streams[index]->time_base;
    int64_t first = std::numeric_limits<int64_t>::max();
    int64_t last = std::numeric_limits<int64_t>::min();
    PacketPtr packet = makePacket();
    while (av_read_frame(raw, packet.get()) >= 0) {
        if (packet->stream_index == index && packet->pts != AV_NOPTS_VALUE) {
            first = std::min(first, packet->pts);
            last = std::max(last, packet->pts + std::max<int64_t>(0, packet->duration));
        }
        av_packet_unref(packet.get());
    }
    if (first > last)
        return makeError("no_frames", "the rendition has no video frames");
    return Span{first * av_q2d(time_base), last * av_q2d(time_base)};
}

} // namespace

Result<RungPreview> makeRungPreview(const RungPreviewRequest& request, const PreviewCallbacks& callbacks) {
    auto info = probeMedia(request.source_path);
    if (!info)
        return info.error();
    if (!info->video)
        return makeError("media_no_streams", "the source has no video to preview");
    if (request.rung.width <= 0 || request.rung.height <= 0 || request.rung.name.empty() ||
        request.work_dir.empty())
        return makeError("invalid_request", "a preview needs a rung (name and size) and a work directory");
    const double duration_s = info->duration_ms / 1000.0;
    const Window window = clampPreviewWindow(request.window_start_s, request.window_length_s, duration_s);
    Progress progress(callbacks);

    RungPreview preview;
    preview.rung_name = request.rung.name;
    preview.width = request.rung.width;
    preview.height = request.rung.height;
    preview.bitrate_kbps = request.rung.bitrate_kbps;
    preview.window_start_s = window.start_s;
    preview.window_length_s = window.length_s;

    LadderSettings settings;
    settings.x264_preset = request.x264_preset;
    settings.segment_duration_ms = request.segment_duration_ms;
    const Ladder planned = planLadder(*info, settings);
    // Start at the server's segment boundary at or before the window: its keyframe, its GOP.
    const double segment_s = std::max(1, request.segment_duration_ms) / 1000.0;
    preview.encoded_start_s = std::floor((window.start_s + kTimeEpsilon_s) / segment_s) * segment_s;
    const double encoded_length_s = window.start_s + window.length_s - preview.encoded_start_s;
    TranscodeJob job;
    job.source_path = request.source_path;
    job.output_dir = request.work_dir + "/" + request.rung.name;
    job.ladder.video = {request.rung};
    job.ladder.segment_duration_ms = request.segment_duration_ms;
    job.ladder.x264_preset = request.x264_preset;
    job.stills = StillsMode::None;
    job.window_start_s = preview.encoded_start_s;
    job.window_length_s = encoded_length_s;
    const std::string rendition_dir = renditionDirectory(job.output_dir, request.rung.name);
    std::error_code ignored;
    std::filesystem::remove_all(job.output_dir, ignored); // an earlier preview of this rung
    progress.phase(0.0, 0.6);
    PreviewListener listener(progress);
    auto transcoded = transcodeLadder(job, listener);
    if (!transcoded)
        return transcoded.error();
    if (transcoded->renditions.empty())
        return makeError("encode_failed", "the preview produced no video");

    preview.encoded_path = job.output_dir + "/window.mp4";
    auto bytes = concatenate(rendition_dir, transcoded->renditions.front(), preview.encoded_path);
    if (!bytes)
        return bytes.error();
    preview.window_bytes = *bytes;
    double total = double(preview.window_bytes) * duration_s / encoded_length_s;
    if (planned.audio)
        total += planned.audio->bitrate_kbps * 125.0 * duration_s;
    preview.estimated_total_bytes = std::llround(total);

    // transcodeLadder's windowed output starts at 0: its timestamps are the source's minus the encode start.
    if (auto measured = measureAndSample(request.source_path, preview.encoded_path, preview.encoded_start_s,
                                         request.frame_count, request.max_frame_height, request.compare_at,
                                         progress, 0.6, preview);
        !measured)
        return measured.error();
    return preview;
}

Result<RungPreview> compareRendition(const std::string& source_path, const std::string& rendition_path,
                                     double window_start_s, double window_length_s, int frame_count,
                                     const PreviewCallbacks& callbacks, int max_frame_height,
                                     CompareAt compare_at) {
    auto source = probeMedia(source_path);
    if (!source)
        return source.error();
    auto rendition = probeMedia(rendition_path);
    if (!rendition)
        return rendition.error();
    if (!rendition->video)
        return makeError("media_no_streams", "the rendition has no video");
    auto span = videoSpan(rendition_path);
    if (!span)
        return span.error();
    Window window = clampPreviewWindow(window_start_s, window_length_s, source->duration_ms / 1000.0);
    // Only the span the rendition covers can be compared (a few downloaded segments, say).
    const double start_s = std::max(window.start_s, span->start_s);
    const double end_s = std::min(window.start_s + window.length_s, span->end_s);
    if (end_s - start_s <= kTimeEpsilon_s)
        return makeError("window_outside_rendition", "the rendition does not cover the requested window");
    window = Window{start_s, end_s - start_s};

    RungPreview preview;
    preview.width = rendition->displayWidth();
    preview.height = rendition->displayHeight();
    preview.window_start_s = window.start_s;
    preview.window_length_s = window.length_s;
    preview.encoded_start_s = span->start_s;
    preview.encoded_path = rendition_path;
    std::error_code ec;
    preview.window_bytes = static_cast<int64_t>(std::filesystem::file_size(rendition_path, ec));
    if (ec)
        preview.window_bytes = 0;
    if (span->end_s > span->start_s)
        preview.bitrate_kbps = static_cast<int>(
            std::lround(preview.window_bytes * 8.0 / (span->end_s - span->start_s) / 1000.0));

    Progress progress(callbacks);
    if (auto measured = measureAndSample(source_path, rendition_path, 0.0, frame_count, max_frame_height,
                                         compare_at, progress, 0.0, preview);
        !measured)
        return measured.error();
    return preview;
}

PreviewWindow clampPreviewWindow(double start_s, double length_s, double duration_s) {
    constexpr double kMinWindow_s = 1.0;
    constexpr double kMaxWindow_s = 10.0;
    PreviewWindow window;
    window.start_s = std::clamp(start_s, 0.0, std::max(0.0, duration_s - kMinWindow_s));
    window.length_s = std::max(
        0.0, std::min(std::clamp(length_s, kMinWindow_s, kMaxWindow_s), duration_s - window.start_s));
    return window;
}

} // namespace fc::media
