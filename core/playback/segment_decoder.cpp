#include "core/playback/segment_decoder.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/mem.h>
}

namespace fc::playback {
namespace {

// init + media read back to back as one file.
struct MemoryReader {
    const std::string* first = nullptr;
    const std::string* second = nullptr;
    int64_t position = 0;

    int64_t size() const { return int64_t(first->size() + second->size()); }
};

int readPacket(void* opaque, uint8_t* buffer, int capacity) {
    auto* reader = static_cast<MemoryReader*>(opaque);
    int copied = 0;
    while (copied < capacity && reader->position < reader->size()) {
        const bool in_first = reader->position < int64_t(reader->first->size());
        const std::string& part = in_first ? *reader->first : *reader->second;
        const int64_t offset =
            in_first ? reader->position : reader->position - int64_t(reader->first->size());
        const int n = int(std::min<int64_t>(capacity - copied, int64_t(part.size()) - offset));
        std::memcpy(buffer + copied, part.data() + offset, size_t(n));
        copied += n;
        reader->position += n;
    }
    return copied == 0 ? AVERROR_EOF : copied;
}

int64_t seekTo(void* opaque, int64_t offset, int whence) {
    auto* reader = static_cast<MemoryReader*>(opaque);
    if (whence & AVSEEK_SIZE)
        return reader->size();
    whence &= ~AVSEEK_FORCE;
    int64_t target = offset;
    if (whence == SEEK_CUR)
        target = reader->position + offset;
    else if (whence == SEEK_END)
        target = reader->size() + offset;
    if (target < 0 || target > reader->size())
        return AVERROR(EINVAL);
    reader->position = target;
    return target;
}

struct AvioFreer {
    void operator()(AVIOContext* context) const {
        if (context)
            av_freep(&context->buffer);
        avio_context_free(&context);
    }
};
using AvioPtr = std::unique_ptr<AVIOContext, AvioFreer>;

constexpr int kAvioBufferBytes = 64 * 1024;

} // namespace

SegmentDecoder::SegmentDecoder() = default;
SegmentDecoder::~SegmentDecoder() = default;

void SegmentDecoder::reset() {
    m_codec.reset();
    m_init.reset();
}

Result<void> SegmentDecoder::openDecoder(const AVCodecParameters* parameters) {
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec)
        return makeError("decode_failed",
                         std::string("no decoder for ") + avcodec_get_name(parameters->codec_id));
    media::CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context || avcodec_parameters_to_context(context.get(), parameters) < 0)
        return makeError("decode_failed", "cannot set up the decoder");
    // Two slice/frame threads: the machine kind has two cores and 4 s segments keep far ahead of the clock.
    context->thread_count = 2;
    if (const int rc = avcodec_open2(context.get(), codec, nullptr); rc < 0)
        return makeError("decode_failed", "cannot open the " + std::string(codec->name) +
                                              " decoder: " + media::avErrorText(rc));
    m_codec = std::move(context);
    m_codec_name = codec->name;
    return {};
}

media::FramePtr SegmentDecoder::toI420(media::FramePtr frame) {
    if (frame->format == AV_PIX_FMT_YUV420P || frame->format == AV_PIX_FMT_YUVJ420P)
        return frame;
    m_sws.reset(sws_getCachedContext(m_sws.release(), frame->width, frame->height,
                                     static_cast<AVPixelFormat>(frame->format), frame->width, frame->height,
                                     AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr));
    media::FramePtr converted = media::makeFrame();
    converted->format = AV_PIX_FMT_YUV420P;
    converted->width = frame->width;
    converted->height = frame->height;
    if (!m_sws || av_frame_get_buffer(converted.get(), 0) < 0)
        return nullptr;
    sws_scale(m_sws.get(), frame->data, frame->linesize, 0, frame->height, converted->data,
              converted->linesize);
    av_frame_copy_props(converted.get(), frame.get());
    return converted;
}

Result<void> SegmentDecoder::decode(const std::shared_ptr<const std::string>& init, const std::string& media,
                                    const FrameCallback& on_frame) {
    MemoryReader reader{init.get(), &media, 0};
    auto* buffer = static_cast<uint8_t*>(av_malloc(kAvioBufferBytes));
    AvioPtr avio(avio_alloc_context(buffer, kAvioBufferBytes, 0, &reader, readPacket, nullptr, seekTo));
    if (!avio) {
        av_free(buffer);
        return makeError("decode_failed", "out of memory");
    }
    AVFormatContext* raw = avformat_alloc_context();
    raw->pb = avio.get();
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    AVDictionary* options = nullptr;
    av_dict_set(&options, "use_tfdt", "1", 0); // fragment decode times put every rung on one timeline
    const int opened = avformat_open_input(&raw, nullptr, av_find_input_format("mp4"), &options);
    av_dict_free(&options);
    if (opened < 0)
        return makeError("decode_failed", "cannot read the segment: " + media::avErrorText(opened));
    media::InputFormatPtr format(raw);
    if (format->nb_streams < 1)
        return makeError("decode_failed", "the segment has no stream");
    const AVStream* stream = format->streams[0];

    if (!m_codec || m_init != init) {
        m_codec.reset();
        if (auto opened_decoder = openDecoder(stream->codecpar); !opened_decoder)
            return opened_decoder.error();
        m_init = init;
    }

    const AVRational time_base = stream->time_base;
    bool keep_going = true;
    auto drain = [&]() -> Result<void> {
        while (true) {
            media::FramePtr frame = media::makeFrame();
            const int rc = avcodec_receive_frame(m_codec.get(), frame.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return {};
            if (rc < 0)
                return makeError("decode_failed", "decoding failed: " + media::avErrorText(rc));
            if (!keep_going)
                continue;
            const int64_t pts =
                frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
            const double pts_s = pts == AV_NOPTS_VALUE ? 0.0 : double(pts) * av_q2d(time_base);
            if (m_codec->codec_type == AVMEDIA_TYPE_VIDEO) {
                frame = toI420(std::move(frame));
                if (!frame)
                    return makeError("decode_failed", "cannot convert the picture to I420");
            }
            keep_going = on_frame(std::move(frame), pts_s);
        }
    };

    media::PacketPtr packet = media::makePacket();
    while (keep_going) {
        const int rc = av_read_frame(format.get(), packet.get());
        if (rc == AVERROR_EOF)
            break;
        if (rc < 0)
            return makeError("decode_failed", "cannot read the segment: " + media::avErrorText(rc));
        if (packet->stream_index == 0) {
            const int sent = avcodec_send_packet(m_codec.get(), packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN)) {
                av_packet_unref(packet.get());
                return makeError("decode_failed", "decoding failed: " + media::avErrorText(sent));
            }
        }
        av_packet_unref(packet.get());
        if (auto drained = drain(); !drained)
            return drained;
    }
    // Drain what the decoder still holds (B-frame reordering), then make it ready for the next segment.
    avcodec_send_packet(m_codec.get(), nullptr);
    auto drained = drain();
    avcodec_flush_buffers(m_codec.get());
    return drained;
}

} // namespace fc::playback
