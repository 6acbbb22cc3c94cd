#include "core/media/frame_sampler.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

#include "core/media/probe.h"

namespace fc::media {

Result<std::unique_ptr<FrameSampler>> FrameSampler::open(const std::string& path, TimeOrigin origin) {
    // The probe picks the same default video stream and reads the display rotation as the transcoder does.
    auto info = probeMedia(path);
    if (!info)
        return info.error();
    if (!info->video)
        return makeError("media_no_streams", "the file has no video");

    std::unique_ptr<FrameSampler> sampler(new FrameSampler());
    AVFormatContext* raw = nullptr;
    if (int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); rc < 0)
        return makeError("media_unreadable", "cannot open " + path + ": " + avErrorText(rc));
    sampler->m_format.reset(raw);
    if (int rc = avformat_find_stream_info(raw, nullptr); rc < 0)
        return makeError("media_unreadable", "cannot read the streams of " + path + ": " + avErrorText(rc));
    if (info->video->index < 0 || info->video->index >= static_cast<int>(raw->nb_streams))
        return makeError("media_no_streams", "the video stream is missing");
    sampler->m_stream = raw->streams[info->video->index];

    const AVCodec* codec = avcodec_find_decoder(sampler->m_stream->codecpar->codec_id);
    if (!codec)
        return makeError("unsupported_codec", "no decoder for " + info->video->codec);
    sampler->m_decoder.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(sampler->m_decoder.get(), sampler->m_stream->codecpar);
    sampler->m_decoder->pkt_timebase = sampler->m_stream->time_base;
    sampler->m_decoder->thread_count = 0;
    if (int rc = avcodec_open2(sampler->m_decoder.get(), codec, nullptr); rc < 0)
        return makeError("decode_failed", "cannot open the decoder: " + avErrorText(rc));
    sampler->m_packet = makePacket();

    sampler->m_rotation_deg = info->video->rotation_deg;
    sampler->m_displayWidth = info->displayWidth();
    sampler->m_displayHeight = info->displayHeight();
    const int64_t container_start_us = raw->start_time == AV_NOPTS_VALUE ? 0 : raw->start_time;
    sampler->m_originUs = origin == TimeOrigin::ContainerStart ? container_start_us : 0;
    sampler->m_originPts = av_rescale_q(sampler->m_originUs, AV_TIME_BASE_Q, sampler->m_stream->time_base);
    return sampler;
}

FrameSampler::~FrameSampler() = default;

Result<void> FrameSampler::setOutputSize(int width, int height) {
    if (width <= 0 || height <= 0)
        return makeError("invalid_size", "the output size must be positive");
    if (m_graph && width == m_outputWidth && height == m_outputHeight)
        return {};
    VideoRung size;
    size.name = "display";
    size.width = width;
    size.height = height;
    const AVRational rate = av_guess_frame_rate(m_format.get(), m_stream, nullptr);
    // Output frame rate 0: no frame is dropped; no stills branch.
    auto graph = buildVideoGraph(m_decoder.get(), m_stream->time_base, rate, m_rotation_deg, 0.0, {size},
                                 std::nullopt);
    if (!graph)
        return graph.error();
    m_graph = std::move(graph).value();
    m_outputWidth = width;
    m_outputHeight = height;
    return {};
}

void FrameSampler::seek(double time_s) {
    const int64_t target = static_cast<int64_t>(std::floor(time_s * AV_TIME_BASE)) + m_originUs;
    if (av_seek_frame(m_format.get(), -1, target, AVSEEK_FLAG_BACKWARD) >= 0) {
        avcodec_flush_buffers(m_decoder.get());
        m_inputEnded = false;
    }
}

double FrameSampler::frameTime(const AVFrame* frame) {
    int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    if (pts == AV_NOPTS_VALUE) {
        // No timestamp at all: one frame interval after the previous one.
        const AVRational rate = av_guess_frame_rate(m_format.get(), m_stream, nullptr);
        m_lastTime_s += rate.num > 0 ? av_q2d(av_inv_q(rate)) : 0.04;
        return m_lastTime_s;
    }
    m_lastTime_s = (pts - m_originPts) * av_q2d(m_stream->time_base);
    return m_lastTime_s;
}

Result<std::optional<DecodedFrame>> FrameSampler::next() {
    FramePtr frame = makeFrame();
    while (true) {
        int rc = avcodec_receive_frame(m_decoder.get(), frame.get());
        if (rc == 0) {
            const double time_s = frameTime(frame.get());
            return std::optional<DecodedFrame>(DecodedFrame{std::move(frame), time_s});
        }
        if (rc == AVERROR_EOF)
            return std::optional<DecodedFrame>();
        if (rc == AVERROR_INVALIDDATA)
            continue; // a damaged frame is skipped, as players do
        if (rc != AVERROR(EAGAIN))
            return makeError("decode_failed", "cannot decode the video: " + avErrorText(rc));
        if (m_inputEnded)
            return std::optional<DecodedFrame>(); // the decoder wants input we no longer have
        rc = av_read_frame(m_format.get(), m_packet.get());
        if (rc == AVERROR_EOF) {
            m_inputEnded = true;
            avcodec_send_packet(m_decoder.get(), nullptr); // drain the frames it still holds
            continue;
        }
        if (rc < 0)
            return makeError("decode_failed", "the file is damaged (" + avErrorText(rc) + ")");
        if (m_packet->stream_index == m_stream->index) {
            rc = avcodec_send_packet(m_decoder.get(), m_packet.get());
            if (rc < 0 && rc != AVERROR_INVALIDDATA && rc != AVERROR(EAGAIN)) {
                av_packet_unref(m_packet.get());
                return makeError("decode_failed", "cannot decode the video: " + avErrorText(rc));
            }
        }
        av_packet_unref(m_packet.get());
    }
}

Result<FramePtr> FrameSampler::render(const AVFrame* frame) {
    if (!m_graph)
        if (auto sized = setOutputSize(m_displayWidth, m_displayHeight); !sized)
            return sized.error();
    // KEEP_REF: the graph takes its own reference; the caller's frame stays intact (it may be rendered
    // again).
    if (int rc = av_buffersrc_add_frame_flags(m_graph->source, const_cast<AVFrame*>(frame),
                                              AV_BUFFERSRC_FLAG_KEEP_REF);
        rc < 0)
        return makeError("filter_failed", "the filters refused a frame: " + avErrorText(rc));
    FramePtr out = makeFrame();
    // Rotation and scaling hold no frames back: one in, one out.
    if (int rc = av_buffersink_get_frame(m_graph->rung_sinks.front(), out.get()); rc < 0)
        return makeError("filter_failed", "the filters returned no frame: " + avErrorText(rc));
    return out;
}

std::pair<int, int> fitWithin(int width, int height, int max_width, int max_height) {
    double scale = 1.0;
    if (max_width > 0 && width > max_width)
        scale = std::min(scale, double(max_width) / width);
    if (max_height > 0 && height > max_height)
        scale = std::min(scale, double(max_height) / height);
    if (scale >= 1.0)
        return {width, height};
    const auto even = [](double v) { return std::max(2, 2 * static_cast<int>(std::floor(v / 2.0))); };
    return {even(width * scale), even(height * scale)};
}

Result<RgbaImage> toRgba(const AVFrame* frame) {
    const auto format = static_cast<AVPixelFormat>(frame->format);
    SwsPtr sws(sws_getContext(frame->width, frame->height, format, frame->width, frame->height,
                              AV_PIX_FMT_RGBA, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws)
        return makeError("filter_failed", "cannot convert the frame to RGBA");
    // Unknown matrices fall back to BT.601, as players do for SD material.
    const int* matrix = sws_getCoefficients(frame->colorspace);
    const int full_range = frame->color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    sws_setColorspaceDetails(sws.get(), matrix, full_range, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                             1 << 16, 1 << 16);
    // swscale's SIMD paths write a little past the end of the last row: convert into a padded frame, then
    // pack the rows tightly.
    FramePtr rgba = makeFrame();
    rgba->format = AV_PIX_FMT_RGBA;
    rgba->width = frame->width;
    rgba->height = frame->height;
    if (av_frame_get_buffer(rgba.get(), 0) < 0)
        return makeError("filter_failed", "cannot allocate an RGBA frame");
    const int rows =
        sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, rgba->data, rgba->linesize);
    if (rows != frame->height)
        return makeError("filter_failed", "the RGBA conversion failed");
    RgbaImage image;
    image.width = frame->width;
    image.height = frame->height;
    const size_t row_bytes = static_cast<size_t>(image.width) * 4;
    image.pixels.resize(row_bytes * image.height);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(image.pixels.data() + row_bytes * y,
                    rgba->data[0] + static_cast<ptrdiff_t>(rgba->linesize[0]) * y, row_bytes);
    return image;
}

Result<std::vector<SampledFrame>> sampleFrames(const std::string& path, const std::vector<double>& times_s,
                                               const SampleOptions& options) {
    if (times_s.empty())
        return std::vector<SampledFrame>{};
    auto opened = FrameSampler::open(path, options.origin);
    if (!opened)
        return opened.error();
    FrameSampler& sampler = **opened;
    const auto [width, height] =
        fitWithin(sampler.displayWidth(), sampler.displayHeight(), options.max_width, options.max_height);
    if (auto sized = sampler.setOutputSize(width, height); !sized)
        return sized.error();

    std::vector<size_t> order(times_s.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return times_s[a] < times_s[b]; });
    sampler.seek(times_s[order.front()]);

    std::vector<SampledFrame> result(times_s.size());
    std::optional<DecodedFrame> previous; // the latest frame at or before the current time
    std::optional<DecodedFrame> ahead;    // the first frame after it
    bool ended = false;
    std::optional<SampledFrame> rendered; // a frame chosen twice is rendered once (times are unique)
    for (size_t index : order) {
        const double time_s = times_s[index];
        while (!ended) {
            if (options.cancel && options.cancel->load())
                return makeError("cancelled", "frame sampling was cancelled");
            if (!ahead) {
                auto decoded = sampler.next();
                if (!decoded)
                    return decoded.error();
                ahead = std::move(decoded).value();
                if (!ahead) {
                    ended = true;
                    break;
                }
            }
            if (ahead->time_s > time_s + kTimeEpsilon_s)
                break;
            previous = std::move(ahead);
            ahead.reset();
        }
        const DecodedFrame* chosen = previous ? &*previous : ahead ? &*ahead : nullptr;
        if (!chosen)
            return makeError("no_frames", "no video frame could be decoded from " + path);
        if (!rendered || rendered->time_s != chosen->time_s) {
            auto picture = sampler.render(chosen->frame.get());
            if (!picture)
                return picture.error();
            auto image = toRgba(picture->get());
            if (!image)
                return image.error();
            rendered = SampledFrame{chosen->time_s, std::move(image).value()};
        }
        result[index] = *rendered;
    }
    return result;
}

} // namespace fc::media
