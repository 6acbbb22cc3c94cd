#include "core/media/filter_graphs.h"

#include <cmath>
#include <string>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
}

namespace fc::media {
namespace {

std::string rotationFilters(int rotation_deg) {
    switch (rotation_deg) {
    case 90:
        return "transpose=clock,";
    case 180:
        return "hflip,vflip,";
    case 270:
        return "transpose=cclock,";
    default:
        return "";
    }
}

struct InOutFreer {
    void operator()(AVFilterInOut* inout) const { avfilter_inout_free(&inout); }
};
using InOutPtr = std::unique_ptr<AVFilterInOut, InOutFreer>;

// Parses `description` between the given source and sinks (labelled "in" and "out0".."outN").
Result<void> linkGraph(AVFilterGraph* graph, AVFilterContext* source,
                       const std::vector<AVFilterContext*>& sinks,
                       const std::vector<std::string>& sink_labels, const std::string& description) {
    AVFilterInOut* outputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = source;
    outputs->pad_idx = 0;
    outputs->next = nullptr;
    AVFilterInOut* inputs = nullptr;
    for (size_t i = sinks.size(); i-- > 0;) {
        AVFilterInOut* input = avfilter_inout_alloc();
        input->name = av_strdup(sink_labels[i].c_str());
        input->filter_ctx = sinks[i];
        input->pad_idx = 0;
        input->next = inputs;
        inputs = input;
    }
    const int rc = avfilter_graph_parse_ptr(graph, description.c_str(), &inputs, &outputs, nullptr);
    InOutPtr freeInputs(inputs), freeOutputs(outputs);
    if (rc < 0)
        return makeError("filter_failed",
                         "cannot build the filter graph (" + avErrorText(rc) + "): " + description);
    if (int configured = avfilter_graph_config(graph, nullptr); configured < 0)
        return makeError("filter_failed", "cannot configure the filter graph: " + avErrorText(configured));
    return {};
}

} // namespace

Result<VideoGraph> buildVideoGraph(const AVCodecContext* decoder, AVRational time_base,
                                   AVRational source_frame_rate, int rotation_deg, double output_frame_rate,
                                   const std::vector<VideoRung>& rungs,
                                   const std::optional<StillsSpec>& stills) {
    VideoGraph result;
    result.graph.reset(avfilter_graph_alloc());
    AVFilterGraph* graph = result.graph.get();
    // Scaling threads: the encoders already keep the cores busy; one thread per filter keeps them
    // predictable.
    graph->nb_threads = 1;

    const AVPixelFormat format = decoder->pix_fmt;
    const char* format_name = av_get_pix_fmt_name(format);
    std::string args = "video_size=" + std::to_string(decoder->width) + "x" +
                       std::to_string(decoder->height) +
                       ":pix_fmt=" + (format_name ? format_name : "yuv420p") +
                       ":time_base=" + std::to_string(time_base.num) + "/" + std::to_string(time_base.den) +
                       ":pixel_aspect=" + std::to_string(std::max(1, decoder->sample_aspect_ratio.num)) +
                       "/" + std::to_string(std::max(1, decoder->sample_aspect_ratio.den));
    if (source_frame_rate.num > 0 && source_frame_rate.den > 0)
        args += ":frame_rate=" + std::to_string(source_frame_rate.num) + "/" +
                std::to_string(source_frame_rate.den);
    if (int rc = avfilter_graph_create_filter(&result.source, avfilter_get_by_name("buffer"), "in",
                                              args.c_str(), nullptr, graph);
        rc < 0)
        return makeError("filter_failed", "cannot create the video source: " + avErrorText(rc));

    std::vector<AVFilterContext*> sinks;
    std::vector<std::string> labels;
    const size_t branches = rungs.size() + (stills ? 1 : 0);
    for (size_t i = 0; i < branches; ++i) {
        AVFilterContext* sink = nullptr;
        const std::string label = i < rungs.size() ? "out" + std::to_string(i) : "stills";
        if (int rc = avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), label.c_str(),
                                                  nullptr, nullptr, graph);
            rc < 0)
            return makeError("filter_failed", "cannot create a video sink: " + avErrorText(rc));
        sinks.push_back(sink);
        labels.push_back(label);
    }

    const double source_fps = source_frame_rate.den > 0 ? av_q2d(source_frame_rate) : 0.0;
    std::string description = "[in]" + rotationFilters(rotation_deg);
    if (output_frame_rate > 0 && source_fps > output_frame_rate + 0.01)
        description += "fps=fps=" + std::to_string(output_frame_rate) + ",";
    description += "setsar=1,split=" + std::to_string(branches);
    for (size_t i = 0; i < branches; ++i)
        description += "[b" + std::to_string(i) + "]";
    for (size_t i = 0; i < rungs.size(); ++i)
        description += ";[b" + std::to_string(i) + "]scale=" + std::to_string(rungs[i].width) + ":" +
                       std::to_string(rungs[i].height) + ":flags=bicubic,format=yuv420p[out" +
                       std::to_string(i) + "]";
    if (stills) {
        description += ";[b" + std::to_string(rungs.size()) + "]fps=fps=1/" +
                       std::to_string(stills->interval_s) + ",scale=w='min(" +
                       std::to_string(stills->max_width) + "\\,iw)':h='min(" +
                       std::to_string(stills->max_height) + "\\,ih)'" +
                       ":force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p[stills]";
    }
    if (auto linked = linkGraph(graph, result.source, sinks, labels, description); !linked)
        return linked.error();
    for (size_t i = 0; i < rungs.size(); ++i)
        result.rung_sinks.push_back(sinks[i]);
    if (stills)
        result.stills_sink = sinks.back();
    return result;
}

Result<AudioGraph> buildAudioGraph(const AVCodecContext* decoder, AVRational time_base,
                                   const AudioRendition& audio, int frame_size) {
    AudioGraph result;
    result.graph.reset(avfilter_graph_alloc());
    AVFilterGraph* graph = result.graph.get();
    char layout[128] = {};
    AVChannelLayout source_layout{};
    if (decoder->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&source_layout, decoder->ch_layout.nb_channels);
    else
        av_channel_layout_copy(&source_layout, &decoder->ch_layout);
    av_channel_layout_describe(&source_layout, layout, sizeof layout);
    av_channel_layout_uninit(&source_layout);
    const std::string args =
        "time_base=" + std::to_string(time_base.num) + "/" + std::to_string(time_base.den) +
        ":sample_rate=" + std::to_string(decoder->sample_rate) +
        ":sample_fmt=" + av_get_sample_fmt_name(decoder->sample_fmt) + ":channel_layout=" + layout;
    if (int rc = avfilter_graph_create_filter(&result.source, avfilter_get_by_name("abuffer"), "in",
                                              args.c_str(), nullptr, graph);
        rc < 0)
        return makeError("filter_failed", "cannot create the audio source: " + avErrorText(rc));
    if (int rc = avfilter_graph_create_filter(&result.sink, avfilter_get_by_name("abuffersink"), "out0",
                                              nullptr, nullptr, graph);
        rc < 0)
        return makeError("filter_failed", "cannot create the audio sink: " + avErrorText(rc));
    // aresample with async fills gaps and trims overlaps in the source's timestamps, keeping A/V in sync.
    const std::string description = "[in]aresample=" + std::to_string(audio.sample_rate_hz) +
                                    ":async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=" +
                                    (audio.channels == 1 ? "mono" : "stereo") + "[out0]";
    if (auto linked = linkGraph(graph, result.source, {result.sink}, {"out0"}, description); !linked)
        return linked.error();
    av_buffersink_set_frame_size(result.sink, frame_size);
    return result;
}

} // namespace fc::media
