#include "core/playback/segment_decoder.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "core/util/log.h"

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

std::string SegmentDecoder::codecName() const {
    return m_frames_on_device ? m_codec_name + ", " + m_device_name : m_codec_name;
}

const HwDevice* SegmentDecoder::deviceFor(const AVCodec* codec,
                                          const std::shared_ptr<const std::string>& init) {
    if (codec->type != AVMEDIA_TYPE_VIDEO ||
        std::find(m_software_only.begin(), m_software_only.end(), init) != m_software_only.end())
        return nullptr;
    if (!m_device_probed) {
        m_device_probed = true;
        auto setting = hwDecodeSettingFromEnvironment();
        if (!setting) {
            logWarn(setting.error().message + "; decoding video in software");
            return nullptr;
        }
        // A machine without a usable device stays without one: auto probes once per process (each probe
        // loads drivers or libraries only to fail again).
        static std::atomic<bool> auto_found_nothing{false};
        if (setting->mode == HwDecodeMode::Auto && auto_found_nothing)
            return nullptr;
        if (auto device = HwDevice::create(codec, *setting)) {
            logInfo("decoding video on " + device->name());
            m_device.emplace(std::move(*device));
        } else if (setting->mode == HwDecodeMode::Device) {
            logWarn("FRAMECAST_HWDEC: " + device.error().message + "; decoding video in software");
        } else if (setting->mode == HwDecodeMode::Auto) {
            auto_found_nothing = device.error().code == "hwdec_unavailable";
            logInfo(device.error().message + "; decoding video in software");
        }
    }
    return m_device && m_device->supports(codec) ? &*m_device : nullptr;
}

void SegmentDecoder::fallBackToSoftware(const std::shared_ptr<const std::string>& init,
                                        const std::string& reason) {
    logWarn(m_codec_name + " on " + m_device_name + " failed (" + reason +
            "); decoding this rendition in software");
    m_software_only.push_back(init);
    m_codec.reset();
    m_device_name.clear();
}

Result<void> SegmentDecoder::openDecoder(const AVCodecParameters* parameters,
                                         const std::shared_ptr<const std::string>& init) {
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec)
        return makeError("decode_failed",
                         std::string("no decoder for ") + avcodec_get_name(parameters->codec_id));
    m_codec_name = codec->name;
    m_frames_on_device = false;
    auto open = [&](const HwDevice* device) -> Result<media::CodecContextPtr> {
        media::CodecContextPtr context(avcodec_alloc_context3(codec));
        if (!context || avcodec_parameters_to_context(context.get(), parameters) < 0)
            return makeError("decode_failed", "cannot set up the decoder");
        // Two slice/frame threads: the machine kind has two cores and 4 s segments keep far ahead of the
        // clock.
        context->thread_count = 2;
        if (device)
            if (auto attached = device->attach(context.get()); !attached)
                return attached.error();
        if (const int rc = avcodec_open2(context.get(), codec, nullptr); rc < 0)
            return makeError("decode_failed", "cannot open the " + std::string(codec->name) +
                                                  " decoder: " + media::avErrorText(rc));
        return context;
    };
    if (const HwDevice* device = deviceFor(codec, init)) {
        m_device_name = device->name();
        auto context = open(device);
        if (context) {
            m_codec = std::move(*context);
            return {};
        }
        fallBackToSoftware(init, context.error().message);
    }
    m_device_name.clear();
    auto context = open(nullptr);
    if (!context)
        return context.error();
    m_codec = std::move(*context);
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
    Progress progress;
    Result<void> decoded = decodeOnce(init, media, on_frame, progress);
    if (decoded || decoded.error().code != "hwdec_failed")
        return decoded;
    // The device failed mid-segment: software for this rendition from now on, and this segment once more
    // from its IDR, without the frames the device already handed over.
    fallBackToSoftware(init, decoded.error().message);
    if (progress.stopped)
        return {};
    progress = Progress{progress.delivered, 0, false};
    return decodeOnce(init, media, on_frame, progress);
}

Result<void> SegmentDecoder::decodeOnce(const std::shared_ptr<const std::string>& init,
                                        const std::string& media, const FrameCallback& on_frame,
                                        Progress& progress) {
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
        if (auto opened_decoder = openDecoder(stream->codecpar, init); !opened_decoder)
            return opened_decoder.error();
        m_init = init;
    }
    // Errors while a device decodes are the device's until shown otherwise: decode() retries in software.
    const std::string failed = m_device_name.empty() ? "decode_failed" : "hwdec_failed";

    const AVRational time_base = stream->time_base;
    auto drain = [&]() -> Result<void> {
        while (true) {
            media::FramePtr frame = media::makeFrame();
            const int rc = avcodec_receive_frame(m_codec.get(), frame.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return {};
            if (rc < 0)
                return makeError(failed, "decoding failed: " + media::avErrorText(rc));
            if (progress.stopped)
                continue;
            if (progress.skip > 0) {
                --progress.skip;
                continue;
            }
            const int64_t pts =
                frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
            const double pts_s = pts == AV_NOPTS_VALUE ? 0.0 : double(pts) * av_q2d(time_base);
            if (m_codec->codec_type == AVMEDIA_TYPE_VIDEO) {
                // Without the device's format on offer libav decodes in software despite the device.
                m_frames_on_device = frame->hw_frames_ctx != nullptr;
                auto downloaded = downloadFrame(std::move(frame));
                if (!downloaded)
                    return downloaded.error();
                frame = toI420(std::move(*downloaded));
                if (!frame)
                    return makeError("decode_failed", "cannot convert the picture to I420");
            }
            ++progress.delivered;
            progress.stopped = !on_frame(std::move(frame), pts_s);
        }
    };

    media::PacketPtr packet = media::makePacket();
    while (!progress.stopped) {
        const int rc = av_read_frame(format.get(), packet.get());
        if (rc == AVERROR_EOF)
            break;
        if (rc < 0)
            return makeError("decode_failed", "cannot read the segment: " + media::avErrorText(rc));
        if (packet->stream_index == 0) {
            const int sent = avcodec_send_packet(m_codec.get(), packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN)) {
                av_packet_unref(packet.get());
                return makeError(failed, "decoding failed: " + media::avErrorText(sent));
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
