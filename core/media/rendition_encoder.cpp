#include "core/media/rendition_encoder.h"

#include <cmath>
#include <cstdio>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace fc::media {

std::string h264CodecString(const AVCodecContext* encoder) {
    const uint8_t* data = encoder->extradata;
    const int size = encoder->extradata_size;
    auto format = [](const uint8_t* profile) {
        char text[16];
        std::snprintf(text, sizeof text, "avc1.%02x%02x%02x", profile[0], profile[1], profile[2]);
        return std::string(text);
    };
    // avcC: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
    if (data && size >= 4 && data[0] == 1)
        return format(data + 1);
    // Annex B (x264's global header): the three bytes after the SPS NAL header (type 7).
    for (int i = 0; data && i + 4 + 3 <= size; ++i)
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 && (data[i + 3] & 0x1f) == 7)
            return format(data + i + 4);
    return "avc1.640028";
}

Result<std::unique_ptr<RenditionEncoder>>
RenditionEncoder::openVideo(const VideoRung& rung, AVRational time_base, AVRational frame_rate,
                            const std::string& preset, int segment_duration_ms,
                            const std::string& directory) {
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        return makeError("encoder_missing", "libx264 is not available in this FFmpeg");
    std::unique_ptr<RenditionEncoder> self(new RenditionEncoder());
    self->m_type = AVMEDIA_TYPE_VIDEO;
    self->m_segmentSeconds = segment_duration_ms / 1000.0;
    self->m_encoder.reset(avcodec_alloc_context3(codec));
    AVCodecContext* ctx = self->m_encoder.get();
    ctx->width = rung.width;
    ctx->height = rung.height;
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    ctx->time_base = time_base;
    ctx->framerate = frame_rate;
    ctx->sample_aspect_ratio = AVRational{1, 1};
    ctx->bit_rate = int64_t(rung.bitrate_kbps) * 1000;
    ctx->rc_max_rate = int64_t(rung.maxrate_kbps) * 1000;
    ctx->rc_buffer_size = rung.bufsize_kbits * 1000;
    // Keyframes come only where we force them (segment boundaries); the GOP cap is a safety net for odd
    // timing.
    const double fps = frame_rate.num > 0 && frame_rate.den > 0 ? av_q2d(frame_rate) : 30.0;
    ctx->gop_size = std::max(1, static_cast<int>(std::lround(fps * self->m_segmentSeconds * 2)));
    ctx->keyint_min = ctx->gop_size;
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_CLOSED_GOP;
    ctx->thread_count = 0;

    AVDictionary* options = nullptr;
    av_dict_set(&options, "preset", preset.c_str(), 0);
    av_dict_set(&options, "profile", "high", 0);
    av_dict_set(&options, "forced-idr", "1", 0);
    av_dict_set(&options, "x264-params", "scenecut=0:open-gop=0", 0);
    const int rc = avcodec_open2(ctx, codec, &options);
    av_dict_free(&options);
    if (rc < 0)
        return makeError("encoder_failed", "cannot open libx264 for " + rung.name + ": " + avErrorText(rc));

    auto writer = CmafWriter::open(directory, ctx, 1);
    if (!writer)
        return writer.error();
    self->m_writer = std::move(writer).value();
    RenditionSummary& summary = self->m_summary;
    summary.id = rung.name;
    summary.codecs = h264CodecString(ctx);
    summary.timescale = self->m_writer->timescale();
    summary.width = rung.width;
    summary.height = rung.height;
    summary.frame_rate = fps;
    summary.target_bitrate_kbps = rung.bitrate_kbps;
    self->m_packet = makePacket();
    return self;
}

Result<std::unique_ptr<RenditionEncoder>> RenditionEncoder::openAudio(const AudioRendition& audio,
                                                                      int segment_duration_ms,
                                                                      const std::string& directory) {
    const AVCodec* codec = avcodec_find_encoder_by_name("aac");
    if (!codec)
        return makeError("encoder_missing", "the AAC encoder is not available in this FFmpeg");
    std::unique_ptr<RenditionEncoder> self(new RenditionEncoder());
    self->m_type = AVMEDIA_TYPE_AUDIO;
    self->m_segmentSeconds = segment_duration_ms / 1000.0;
    self->m_nextBoundarySeconds = self->m_segmentSeconds;
    self->m_encoder.reset(avcodec_alloc_context3(codec));
    AVCodecContext* ctx = self->m_encoder.get();
    ctx->sample_fmt = AV_SAMPLE_FMT_FLTP;
    ctx->sample_rate = audio.sample_rate_hz;
    av_channel_layout_default(&ctx->ch_layout, audio.channels);
    ctx->bit_rate = int64_t(audio.bitrate_kbps) * 1000;
    ctx->time_base = AVRational{1, audio.sample_rate_hz};
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (int rc = avcodec_open2(ctx, codec, nullptr); rc < 0)
        return makeError("encoder_failed", "cannot open the AAC encoder: " + avErrorText(rc));
    auto writer = CmafWriter::open(directory, ctx, 1);
    if (!writer)
        return writer.error();
    self->m_writer = std::move(writer).value();
    RenditionSummary& summary = self->m_summary;
    summary.id = "audio";
    summary.codecs = "mp4a.40.2"; // AAC-LC
    summary.timescale = self->m_writer->timescale();
    summary.sample_rate_hz = audio.sample_rate_hz;
    summary.channels = audio.channels;
    summary.target_bitrate_kbps = audio.bitrate_kbps;
    self->m_packet = makePacket();
    return self;
}

RenditionEncoder::~RenditionEncoder() {
    abort();
    if (m_thread.joinable())
        m_thread.join();
}

void RenditionEncoder::start(SegmentCallback on_segment) {
    m_onSegment = std::move(on_segment);
    m_thread = std::thread([this] { run(); });
}

void RenditionEncoder::push(FramePtr frame) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.size() < kQueueFrames || m_aborted || m_error; });
    if (m_aborted || m_error)
        return;
    if (!frame)
        m_ended = true;
    else
        m_queue.push_back(std::move(frame));
    m_changed.notify_all();
}

void RenditionEncoder::abort() {
    std::lock_guard lock(m_mutex);
    m_aborted = true;
    m_queue.clear();
    m_changed.notify_all();
}

FramePtr RenditionEncoder::pop() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_queue.empty() || m_ended || m_aborted; });
    if (m_aborted || m_queue.empty())
        return nullptr;
    FramePtr frame = std::move(m_queue.front());
    m_queue.pop_front();
    m_changed.notify_all();
    return frame;
}

void RenditionEncoder::run() {
    auto fail = [&](const Error& error) {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = error;
        m_queue.clear();
        m_changed.notify_all();
    };
    while (FramePtr frame = pop()) {
        if (auto encoded = encode(frame.get()); !encoded)
            return fail(encoded.error());
    }
    {
        std::lock_guard lock(m_mutex);
        if (m_aborted)
            return;
    }
    if (auto flushed = encode(nullptr); !flushed)
        return fail(flushed.error());
    auto last = m_writer->finish();
    if (!last)
        return fail(last.error());
    if (auto emitted = emitSegment(*last); !emitted)
        return fail(emitted.error());
}

Result<void> RenditionEncoder::encode(AVFrame* frame) {
    if (frame && m_type == AVMEDIA_TYPE_VIDEO) {
        const double seconds = frame->pts * av_q2d(m_encoder->time_base);
        frame->pict_type = AV_PICTURE_TYPE_NONE;
        if (seconds + 1e-6 >= m_nextBoundarySeconds) {
            frame->pict_type = AV_PICTURE_TYPE_I; // IDR (forced-idr): a segment starts here in every rung
            while (m_nextBoundarySeconds <= seconds + 1e-6)
                m_nextBoundarySeconds += m_segmentSeconds;
        }
    }
    if (int rc = avcodec_send_frame(m_encoder.get(), frame); rc < 0)
        return makeError("encode_failed", m_summary.id + ": " + avErrorText(rc));
    return drainPackets();
}

Result<void> RenditionEncoder::drainPackets() {
    while (true) {
        const int rc = avcodec_receive_packet(m_encoder.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return {};
        if (rc < 0)
            return makeError("encode_failed", m_summary.id + ": " + avErrorText(rc));
        // libx264 leaves packet durations at 0; the muxer and the segment timing need them.
        if (m_packet->duration <= 0 && m_type == AVMEDIA_TYPE_VIDEO && m_encoder->framerate.num > 0)
            m_packet->duration = av_rescale_q(1, av_inv_q(m_encoder->framerate), m_encoder->time_base);
        bool cut_before = false;
        if (m_type == AVMEDIA_TYPE_VIDEO) {
            // Keyframes exist only at boundaries: each one after the first starts a new segment.
            if (m_packet->flags & AV_PKT_FLAG_KEY) {
                cut_before = m_sawFirstKeyframe;
                m_sawFirstKeyframe = true;
            }
        } else {
            const double seconds = m_packet->pts * av_q2d(m_encoder->time_base);
            if (seconds + 1e-6 >= m_nextBoundarySeconds) {
                cut_before = true;
                while (m_nextBoundarySeconds <= seconds + 1e-6)
                    m_nextBoundarySeconds += m_segmentSeconds;
            }
        }
        if (cut_before) {
            auto segment = m_writer->cut();
            if (!segment)
                return segment.error();
            if (auto emitted = emitSegment(*segment); !emitted)
                return emitted;
        }
        if (auto written = m_writer->write(m_packet.get()); !written)
            return written;
        av_packet_unref(m_packet.get());
    }
}

Result<void> RenditionEncoder::emitSegment(const std::optional<SegmentInfo>& segment) {
    if (!segment)
        return {};
    m_summary.segments.push_back(*segment);
    m_totalBytes += segment->size_bytes;
    const double seconds = segment->durationSeconds(m_summary.timescale);
    if (seconds > 0.5) // a short final segment would exaggerate the peak
        m_summary.peak_bitrate_bps = std::max<int64_t>(
            m_summary.peak_bitrate_bps, static_cast<int64_t>(segment->size_bytes * 8 / seconds));
    if (m_onSegment)
        m_onSegment(m_summary, *segment);
    return {};
}

Result<RenditionSummary> RenditionEncoder::join() {
    if (m_thread.joinable())
        m_thread.join();
    if (m_error)
        return *m_error;
    if (m_aborted)
        return makeError("cancelled", "the transcode was cancelled");
    double total_seconds = 0;
    for (const SegmentInfo& segment : m_summary.segments)
        total_seconds += segment.durationSeconds(m_summary.timescale);
    m_summary.average_bitrate_bps =
        total_seconds > 0 ? static_cast<int64_t>(m_totalBytes * 8 / total_seconds) : 0;
    if (m_summary.peak_bitrate_bps == 0)
        m_summary.peak_bitrate_bps = m_summary.average_bitrate_bps;
    return m_summary;
}

} // namespace fc::media
