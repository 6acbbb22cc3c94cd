#include "core/media/quality_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <optional>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

#include "core/media/frame_sampler.h"

namespace fc::media {
namespace {

struct InOutFreer {
    void operator()(AVFilterInOut* inout) const { avfilter_inout_free(&inout); }
};
using InOutPtr = std::unique_ptr<AVFilterInOut, InOutFreer>;

// Two sources (the rendition and the scaled source, both yuv420p at the rendition's size) into ssim then
// psnr; each filter passes its first input through and adds its per-frame scores to the frame's metadata.
struct MetricsGraph {
    FilterGraphPtr graph;
    AVFilterContext* distorted = nullptr;
    AVFilterContext* reference = nullptr;
    AVFilterContext* sink = nullptr;
};

AVFilterInOut* makeInOut(const char* name, AVFilterContext* context, AVFilterInOut* next) {
    AVFilterInOut* inout = avfilter_inout_alloc();
    inout->name = av_strdup(name);
    inout->filter_ctx = context;
    inout->pad_idx = 0;
    inout->next = next;
    return inout;
}

Result<MetricsGraph> buildMetricsGraph(int width, int height) {
    MetricsGraph result;
    result.graph.reset(avfilter_graph_alloc());
    AVFilterGraph* graph = result.graph.get();
    // Pairs get consecutive timestamps (1/25 s apart), so the filters' frame sync matches them one to one.
    const std::string args = "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
                             ":pix_fmt=yuv420p:time_base=1/25:pixel_aspect=1/1";
    const AVFilter* buffer = avfilter_get_by_name("buffer");
    if (avfilter_graph_create_filter(&result.distorted, buffer, "distorted", args.c_str(), nullptr, graph) <
            0 ||
        avfilter_graph_create_filter(&result.reference, buffer, "reference", args.c_str(), nullptr, graph) <
            0 ||
        avfilter_graph_create_filter(&result.sink, avfilter_get_by_name("buffersink"), "out", nullptr,
                                     nullptr, graph) < 0)
        return makeError("filter_failed", "cannot create the metrics filters");
    AVFilterInOut* outputs =
        makeInOut("distorted", result.distorted, makeInOut("reference", result.reference, nullptr));
    AVFilterInOut* inputs = makeInOut("out", result.sink, nullptr);
    const char* description = "[reference]split=2[r1][r2];[distorted][r1]ssim[scored];[scored][r2]psnr[out]";
    const int rc = avfilter_graph_parse_ptr(graph, description, &inputs, &outputs, nullptr);
    InOutPtr freeInputs(inputs), freeOutputs(outputs);
    if (rc < 0)
        return makeError("filter_failed", "cannot build the metrics graph: " + avErrorText(rc));
    if (int configured = avfilter_graph_config(graph, nullptr); configured < 0)
        return makeError("filter_failed", "cannot configure the metrics graph: " + avErrorText(configured));
    return result;
}

std::optional<double> metadataNumber(const AVFrame* frame, const char* key) {
    const AVDictionaryEntry* entry = av_dict_get(frame->metadata, key, nullptr, 0);
    if (!entry)
        return std::nullopt;
    return std::strtod(entry->value, nullptr);
}

class Accumulator {
public:
    explicit Accumulator(AVFilterContext* sink) : m_sink(sink) {}

    Result<void> drain() {
        FramePtr frame = makeFrame();
        while (true) {
            const int rc = av_buffersink_get_frame(m_sink, frame.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return {};
            if (rc < 0)
                return makeError("filter_failed", "the metrics filters failed: " + avErrorText(rc));
            const auto ssim = metadataNumber(frame.get(), "lavfi.ssim.All");
            const auto mse = metadataNumber(frame.get(), "lavfi.psnr.mse_avg");
            av_frame_unref(frame.get());
            if (!ssim || !mse)
                return makeError("filter_failed", "the metrics filters gave no scores");
            m_ssimSum += *ssim;
            m_mseSum += *mse;
            ++m_frames;
        }
    }

    QualityScores scores() const {
        QualityScores scores;
        scores.frame_count = m_frames;
        if (m_frames == 0)
            return scores;
        scores.ssim = m_ssimSum / m_frames;
        const double mse = m_mseSum / m_frames;
        scores.psnr_db = mse > 0 ? std::min(kMaxPsnrDb, 10.0 * std::log10(255.0 * 255.0 / mse)) : kMaxPsnrDb;
        return scores;
    }

private:
    AVFilterContext* m_sink = nullptr;
    double m_ssimSum = 0;
    double m_mseSum = 0;
    int m_frames = 0;
};

// The source frames, walked forward to the one nearest each rendition frame (rendered once each).
class ReferenceCursor {
public:
    explicit ReferenceCursor(FrameSampler& sampler) : m_sampler(sampler) {}

    Result<FramePtr> nearest(double time_s) {
        while (true) {
            if (!m_ahead) {
                auto decoded = m_sampler.next();
                if (!decoded)
                    return decoded.error();
                m_ahead = std::move(decoded).value();
                if (!m_ahead)
                    break;
            }
            if (m_ahead->time_s > time_s + kTimeEpsilon_s)
                break;
            m_current = std::move(m_ahead);
            m_ahead.reset();
        }
        const DecodedFrame* chosen = m_current ? &*m_current : m_ahead ? &*m_ahead : nullptr;
        if (m_current && m_ahead && m_ahead->time_s - time_s < time_s - m_current->time_s)
            chosen = &*m_ahead;
        if (!chosen)
            return makeError("no_frames", "the source has no frame near " + std::to_string(time_s) + " s");
        if (!m_rendered || m_renderedTime_s != chosen->time_s) {
            auto rendered = m_sampler.render(chosen->frame.get());
            if (!rendered)
                return rendered.error();
            m_rendered = std::move(rendered).value();
            m_renderedTime_s = chosen->time_s;
        }
        return cloneFrame(m_rendered.get());
    }

private:
    FrameSampler& m_sampler;
    std::optional<DecodedFrame> m_current; // latest frame at or before the asked time
    std::optional<DecodedFrame> m_ahead;   // the first one after it
    FramePtr m_rendered;
    double m_renderedTime_s = 0;
};

} // namespace

Result<QualityScores> measureQuality(const QualityRequest& request, const QualityCallbacks& callbacks) {
    // The psnr and ssim filters print their summaries at info level when freed; scores reach callers as
    // values (the transcoder quiets libav the same way).
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_ERROR); });
    auto distorted = FrameSampler::open(request.distorted_path, TimeOrigin::StreamZero);
    if (!distorted)
        return distorted.error();
    auto reference = FrameSampler::open(request.reference_path, TimeOrigin::ContainerStart);
    if (!reference)
        return reference.error();
    const bool at_source = request.compare_at == CompareAt::SourceSize;
    const int width = at_source ? (*reference)->displayWidth() : (*distorted)->displayWidth();
    const int height = at_source ? (*reference)->displayHeight() : (*distorted)->displayHeight();
    if (auto sized = (*distorted)->setOutputSize(width, height); !sized)
        return sized.error();
    if (auto sized = (*reference)->setOutputSize(width, height); !sized)
        return sized.error();
    auto graph = buildMetricsGraph(width, height);
    if (!graph)
        return graph.error();

    const double start_s = request.window_start_s;
    const double end_s = request.window_start_s + request.window_length_s;
    (*distorted)->seek(start_s - request.distorted_offset_s);
    (*reference)->seek(start_s);
    ReferenceCursor cursor(**reference);
    Accumulator accumulator(graph->sink);
    int64_t pairs = 0;
    while (true) {
        if (callbacks.cancel && callbacks.cancel->load())
            return makeError("cancelled", "the quality measurement was cancelled");
        auto decoded = (*distorted)->next();
        if (!decoded)
            return decoded.error();
        if (!*decoded)
            break;
        const double time_s = (*decoded)->time_s + request.distorted_offset_s;
        if (time_s < start_s - kTimeEpsilon_s)
            continue;
        if (time_s >= end_s - kTimeEpsilon_s)
            break;
        auto source = cursor.nearest(time_s);
        if (!source)
            return source.error();
        auto encoded = (*distorted)->render((*decoded)->frame.get());
        if (!encoded)
            return encoded.error();
        (*source)->pts = pairs;
        (*encoded)->pts = pairs;
        ++pairs;
        if (av_buffersrc_add_frame_flags(graph->distorted, encoded->get(), 0) < 0 ||
            av_buffersrc_add_frame_flags(graph->reference, source->get(), 0) < 0)
            return makeError("filter_failed", "the metrics filters refused a frame");
        if (auto drained = accumulator.drain(); !drained)
            return drained.error();
        if (callbacks.on_progress && request.window_length_s > 0)
            callbacks.on_progress(std::clamp((time_s - start_s) / request.window_length_s, 0.0, 1.0));
    }
    if (pairs == 0)
        return makeError("no_frames", "the rendition has no frame inside the window");
    if (av_buffersrc_add_frame_flags(graph->distorted, nullptr, 0) < 0 ||
        av_buffersrc_add_frame_flags(graph->reference, nullptr, 0) < 0)
        return makeError("filter_failed", "cannot flush the metrics filters");
    if (auto drained = accumulator.drain(); !drained)
        return drained.error();
    QualityScores scores = accumulator.scores();
    if (scores.frame_count != pairs)
        return makeError("filter_failed", "the metrics filters scored " + std::to_string(scores.frame_count) +
                                              " of " + std::to_string(pairs) + " frames");
    scores.width = width;
    scores.height = height;
    if (callbacks.on_progress)
        callbacks.on_progress(1.0);
    return scores;
}

} // namespace fc::media
