#include "core/playback/audio_pipeline.h"

#include <cstdio>
#include <string>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include "core/playback/av_sync.h"

namespace fc::playback {
namespace {

// atempo takes 0.5..2 per stage; 0.25 = 0.5 x 0.5.
std::string tempoFilters(double speed) {
    if (speed > 0.999 && speed < 1.001)
        return {};
    char text[96];
    if (speed < 0.5)
        std::snprintf(text, sizeof text, ",atempo=0.5,atempo=%.6f", speed / 0.5);
    else
        std::snprintf(text, sizeof text, ",atempo=%.6f", speed);
    return text;
}

} // namespace

void AudioPipeline::reset() {
    m_graph.reset();
    m_source = nullptr;
    m_sink = nullptr;
    m_out_frames = 0;
}

Result<void> AudioPipeline::build(const AVFrame* frame, double pts_s, double speed) {
    reset();
    media::FilterGraphPtr graph(avfilter_graph_alloc());
    if (!graph)
        return makeError("audio_failed", "out of memory");
    char layout[128] = "stereo";
    av_channel_layout_describe(&frame->ch_layout, layout, sizeof layout);
    char args[320];
    std::snprintf(args, sizeof args, "time_base=1/%d:sample_rate=%d:sample_fmt=%s:channel_layout=%s",
                  frame->sample_rate, frame->sample_rate,
                  av_get_sample_fmt_name(static_cast<AVSampleFormat>(frame->format)), layout);
    AVFilterContext* source = nullptr;
    AVFilterContext* sink = nullptr;
    if (avfilter_graph_create_filter(&source, avfilter_get_by_name("abuffer"), "in", args, nullptr,
                                     graph.get()) < 0 ||
        avfilter_graph_create_filter(&sink, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                     graph.get()) < 0)
        return makeError("audio_failed", "cannot create the audio filter graph");

    const std::string chain = "aresample=" + std::to_string(sync::kOutputRateHz) +
                              ",aformat=sample_fmts=s16:channel_layouts=stereo" + tempoFilters(speed);
    AVFilterInOut* outputs = avfilter_inout_alloc();
    AVFilterInOut* inputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = source;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink;
    int rc = avfilter_graph_parse_ptr(graph.get(), chain.c_str(), &inputs, &outputs, nullptr);
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    if (rc >= 0)
        rc = avfilter_graph_config(graph.get(), nullptr);
    if (rc < 0)
        return makeError("audio_failed", "cannot configure \"" + chain + "\": " + media::avErrorText(rc));
    m_graph = std::move(graph);
    m_source = source;
    m_sink = sink;
    m_speed = speed;
    m_start_s = pts_s;
    m_out_frames = 0;
    m_in_rate = frame->sample_rate;
    m_in_format = frame->format;
    m_in_channels = frame->ch_layout.nb_channels;
    return {};
}

Result<void> AudioPipeline::pull(std::vector<AudioChunk>& out) {
    media::FramePtr frame = media::makeFrame();
    while (true) {
        const int rc = av_buffersink_get_frame(m_sink, frame.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return {};
        if (rc < 0)
            return makeError("audio_failed", "audio filtering failed: " + media::avErrorText(rc));
        AudioChunk chunk;
        chunk.frames = frame->nb_samples;
        chunk.speed = m_speed;
        // Output sample n of this graph stands for input media time start + n x speed / rate.
        chunk.media_start_s = m_start_s + double(m_out_frames) * m_speed / sync::kOutputRateHz;
        const auto* data = reinterpret_cast<const int16_t*>(frame->data[0]);
        chunk.samples.assign(data, data + chunk.frames * sync::kOutputChannels);
        m_out_frames += chunk.frames;
        av_frame_unref(frame.get());
        out.push_back(std::move(chunk));
    }
}

Result<void> AudioPipeline::push(const AVFrame* frame, double pts_s, double speed,
                                 std::vector<AudioChunk>& out) {
    const bool changed = !m_graph || speed != m_speed || frame->sample_rate != m_in_rate ||
                         frame->format != m_in_format || frame->ch_layout.nb_channels != m_in_channels;
    if (changed)
        if (auto built = build(frame, pts_s, speed); !built)
            return built;
    media::FramePtr copy = media::cloneFrame(frame);
    // The graph's own output count keeps media time (see pull); pts only keeps the filters' inputs ordered.
    copy->pts = static_cast<int64_t>(pts_s * frame->sample_rate);
    if (const int rc = av_buffersrc_add_frame_flags(m_source, copy.get(), AV_BUFFERSRC_FLAG_KEEP_REF); rc < 0)
        return makeError("audio_failed", "audio filtering failed: " + media::avErrorText(rc));
    return pull(out);
}

Result<void> AudioPipeline::finish(std::vector<AudioChunk>& out) {
    if (!m_graph)
        return {};
    if (const int rc = av_buffersrc_add_frame_flags(m_source, nullptr, 0); rc < 0)
        return makeError("audio_failed", "cannot flush the audio filters: " + media::avErrorText(rc));
    return pull(out);
}

} // namespace fc::playback
