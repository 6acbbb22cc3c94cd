#include "core/media/jpeg.h"

namespace fc::media {

Result<FramePtr> scaleFrame(const AVFrame* frame, int width, int height) {
    SwsPtr sws(sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), width,
                              height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws)
        return makeError("scale_failed", "cannot scale a frame");
    FramePtr out = makeFrame();
    out->format = AV_PIX_FMT_YUV420P;
    out->width = width;
    out->height = height;
    if (av_frame_get_buffer(out.get(), 0) < 0)
        return makeError("scale_failed", "out of memory");
    sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, out->data, out->linesize);
    out->pts = frame->pts;
    return out;
}

Result<std::string> encodeJpeg(const AVFrame* frame, int quality) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (!codec)
        return makeError("encoder_missing", "the JPEG encoder is not available");
    // Limited-range yuv420p → full-range yuvj420p: JPEG viewers assume full range.
    SwsPtr sws(sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
                              frame->width, frame->height, AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr,
                              nullptr));
    if (!sws)
        return makeError("encode_failed", "cannot convert a frame for JPEG");
    FramePtr full = makeFrame();
    full->format = AV_PIX_FMT_YUVJ420P;
    full->width = frame->width;
    full->height = frame->height;
    if (av_frame_get_buffer(full.get(), 0) < 0)
        return makeError("encode_failed", "out of memory");
    sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, full->data, full->linesize);

    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    ctx->width = frame->width;
    ctx->height = frame->height;
    ctx->pix_fmt = AV_PIX_FMT_YUVJ420P;
    ctx->color_range = AVCOL_RANGE_JPEG;
    ctx->time_base = AVRational{1, 25};
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    ctx->global_quality = FF_QP2LAMBDA * quality;
    if (int rc = avcodec_open2(ctx.get(), codec, nullptr); rc < 0)
        return makeError("encode_failed", "cannot open the JPEG encoder: " + avErrorText(rc));
    full->quality = ctx->global_quality;
    full->pts = 0;
    if (int rc = avcodec_send_frame(ctx.get(), full.get()); rc < 0)
        return makeError("encode_failed", "JPEG: " + avErrorText(rc));
    avcodec_send_frame(ctx.get(), nullptr);
    PacketPtr packet = makePacket();
    std::string bytes;
    while (avcodec_receive_packet(ctx.get(), packet.get()) == 0) {
        bytes.append(reinterpret_cast<const char*>(packet->data), packet->size);
        av_packet_unref(packet.get());
    }
    if (bytes.empty())
        return makeError("encode_failed", "the JPEG encoder produced nothing");
    return bytes;
}

} // namespace fc::media
