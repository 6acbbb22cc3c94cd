#pragma once
// RAII owners for libav* objects, so no FFmpeg handle is ever freed by hand.
#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/buffer.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

namespace fc::media {

struct InputFormatCloser {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct OutputFormatFreer {
    void operator()(AVFormatContext* context) const { avformat_free_context(context); }
};
struct CodecContextFreer {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FilterGraphFreer {
    void operator()(AVFilterGraph* graph) const { avfilter_graph_free(&graph); }
};
struct BufferRefFreer {
    void operator()(AVBufferRef* ref) const { av_buffer_unref(&ref); }
};
struct SwsFreer {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatCloser>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatFreer>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using BufferRefPtr = std::unique_ptr<AVBufferRef, BufferRefFreer>; // e.g. a hardware device context

inline FramePtr makeFrame() {
    return FramePtr(av_frame_alloc());
}
inline PacketPtr makePacket() {
    return PacketPtr(av_packet_alloc());
}

// A new reference to the same frame data (cheap: buffers are reference-counted).
inline FramePtr cloneFrame(const AVFrame* frame) {
    return FramePtr(av_frame_clone(frame));
}

std::string avErrorText(int code);

} // namespace fc::media
