#include "core/media/ladder_transcoder.h"

#include <chrono>
#include <filesystem>
#include <mutex>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

#include "core/media/filter_graphs.h"
#include "core/media/probe.h"

namespace fc::media {
namespace {

using Clock = std::chrono::steady_clock;

int64_t millisSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Serialises listener calls from the encoder threads and remembers when the first playable segment appeared.
class SerialListener {
public:
    SerialListener(TranscodeListener& inner, Clock::time_point started, std::string lowest_rung)
        : m_inner(inner), m_started(started), m_lowestRung(std::move(lowest_rung)) {}

    void segment(const RenditionSummary& rendition, const SegmentInfo& segment) {
        std::lock_guard lock(m_mutex);
        if (m_firstSegment_ms == 0 && rendition.id == m_lowestRung)
            m_firstSegment_ms = std::max<int64_t>(1, millisSince(m_started));
        m_inner.onSegment(rendition, segment);
    }
    void progress(double fraction, int64_t eta_ms) {
        std::lock_guard lock(m_mutex);
        m_inner.onProgress(fraction, eta_ms);
    }
    int64_t firstSegmentMs() {
        std::lock_guard lock(m_mutex);
        return m_firstSegment_ms;
    }

private:
    std::mutex m_mutex;
    TranscodeListener& m_inner;
    Clock::time_point m_started;
    std::string m_lowestRung;
    int64_t m_firstSegment_ms = 0;
};

struct Decoder {
    int stream_index = -1;
    AVStream* stream = nullptr;
    CodecContextPtr context;
    int64_t start_pts = 0; // subtracted from every frame: both streams start at the container's zero
};

Result<Decoder> openDecoder(AVFormatContext* format, int stream_index) {
    Decoder decoder;
    decoder.stream_index = stream_index;
    decoder.stream = format->streams[stream_index];
    const AVCodec* codec = avcodec_find_decoder(decoder.stream->codecpar->codec_id);
    if (!codec)
        return makeError("unsupported_codec", std::string("no decoder for ") +
                                                  avcodec_get_name(decoder.stream->codecpar->codec_id));
    decoder.context.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(decoder.context.get(), decoder.stream->codecpar);
    decoder.context->pkt_timebase = decoder.stream->time_base;
    decoder.context->thread_count = 0;
    if (int rc = avcodec_open2(decoder.context.get(), codec, nullptr); rc < 0)
        return makeError("decode_failed", "cannot open the decoder: " + avErrorText(rc));
    const int64_t container_start = format->start_time == AV_NOPTS_VALUE ? 0 : format->start_time;
    decoder.start_pts = av_rescale_q(container_start, AV_TIME_BASE_Q, decoder.stream->time_base);
    return decoder;
}

class Transcode {
public:
    Transcode(const TranscodeJob& job, TranscodeListener& listener)
        : m_job(job), m_listener(listener), m_started(Clock::now()),
          m_serial(listener, m_started, job.ladder.video.empty() ? "audio" : job.ladder.video.front().name) {}

    ~Transcode() {
        for (auto& encoder : m_videoEncoders)
            encoder->abort();
        if (m_audioEncoder)
            m_audioEncoder->abort();
    }

    Result<TranscodeResult> run() {
        if (auto opened = open(); !opened)
            return opened.error();
        if (auto decoded = decodeAll(); !decoded) {
            abortEncoders();
            return decoded.error();
        }
        return collect();
    }

private:
    Result<void> open() {
        AVFormatContext* raw = nullptr;
        if (int rc = avformat_open_input(&raw, m_job.source_path.c_str(), nullptr, nullptr); rc < 0)
            return makeError("media_unreadable", "cannot open the source: " + avErrorText(rc));
        m_format.reset(raw);
        if (int rc = avformat_find_stream_info(raw, nullptr); rc < 0)
            return makeError("media_unreadable", "cannot read the source's streams: " + avErrorText(rc));
        auto info = probeMedia(m_job.source_path);
        if (!info)
            return info.error();
        m_info = *info;
        m_duration_s = m_info.duration_ms / 1000.0;
        if (m_job.window_length_s > 0)
            m_duration_s =
                std::min(m_job.window_length_s, std::max(0.0, m_duration_s - m_job.window_start_s));
        if (m_duration_s <= 0)
            return makeError("media_empty", "nothing to transcode in the requested window");

        const int segment_ms = m_job.ladder.segment_duration_ms;
        if (!m_job.ladder.video.empty()) {
            if (!m_info.video)
                return makeError("media_no_streams",
                                 "the ladder has video rungs but the source has no video");
            auto decoder = openDecoder(raw, m_info.video->index);
            if (!decoder)
                return decoder.error();
            m_video = std::move(decoder).value();
            const AVRational source_rate = av_guess_frame_rate(raw, m_video->stream, nullptr);
            std::optional<StillsSpec> stills;
            if (m_job.stills == StillsMode::ThumbnailsAndStoryboard) {
                stills = StillsSpec{};
                stills->interval_s = stillsIntervalSeconds(m_duration_s);
            }
            const double output_rate = m_job.ladder.video.front().frame_rate;
            auto graph = buildVideoGraph(m_video->context.get(), m_video->stream->time_base, source_rate,
                                         m_info.video->rotation_deg, output_rate, m_job.ladder.video, stills);
            if (!graph)
                return graph.error();
            m_videoGraph = std::move(graph).value();
            const AVRational sink_time_base = av_buffersink_get_time_base(m_videoGraph->rung_sinks.front());
            AVRational sink_rate = av_buffersink_get_frame_rate(m_videoGraph->rung_sinks.front());
            if (sink_rate.num <= 0)
                sink_rate = av_d2q(output_rate, 1000);
            for (const VideoRung& rung : m_job.ladder.video) {
                const std::string dir = renditionDirectory(m_job.output_dir, rung.name);
                if (auto made = makeDirectory(dir); !made)
                    return made;
                auto encoder = RenditionEncoder::openVideo(rung, sink_time_base, sink_rate,
                                                           m_job.ladder.x264_preset, segment_ms, dir);
                if (!encoder)
                    return encoder.error();
                m_videoEncoders.push_back(std::move(encoder).value());
            }
            if (stills) {
                for (const char* sub : {"thumbs", "storyboard"})
                    if (auto made = makeDirectory(m_job.output_dir + "/" + sub); !made)
                        return made;
                m_stills.emplace(m_job.output_dir + "/thumbs", m_job.output_dir + "/storyboard", m_duration_s,
                                 stills->interval_s);
            }
        }
        if (m_job.ladder.audio && m_info.audio) {
            auto decoder = openDecoder(raw, m_info.audio->index);
            if (!decoder)
                return decoder.error();
            m_audio = std::move(decoder).value();
            const std::string dir = renditionDirectory(m_job.output_dir, "audio");
            if (auto made = makeDirectory(dir); !made)
                return made;
            auto encoder = RenditionEncoder::openAudio(*m_job.ladder.audio, segment_ms, dir);
            if (!encoder)
                return encoder.error();
            m_audioEncoder = std::move(encoder).value();
            auto graph = buildAudioGraph(m_audio->context.get(), m_audio->stream->time_base,
                                         *m_job.ladder.audio, 1024);
            if (!graph)
                return graph.error();
            m_audioGraph = std::move(graph).value();
        }
        if (m_videoEncoders.empty() && !m_audioEncoder)
            return makeError("media_no_streams", "nothing to encode: no usable audio or video");

        auto onSegment = [this](const RenditionSummary& r, const SegmentInfo& s) { m_serial.segment(r, s); };
        for (auto& encoder : m_videoEncoders)
            encoder->start(onSegment);
        if (m_audioEncoder)
            m_audioEncoder->start(onSegment);

        if (m_job.window_start_s > 0) {
            const int64_t target = static_cast<int64_t>(m_job.window_start_s * AV_TIME_BASE) +
                                   (raw->start_time == AV_NOPTS_VALUE ? 0 : raw->start_time);
            av_seek_frame(raw, -1, target, AVSEEK_FLAG_BACKWARD);
        }
        return {};
    }

    static Result<void> makeDirectory(const std::string& dir) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return makeError("write_failed", "cannot create " + dir + ": " + ec.message());
        return {};
    }

    // Frame time relative to the window start, in seconds; frames outside the window are dropped by the
    // caller.
    double windowTime(const Decoder& decoder, AVFrame* frame) {
        int64_t pts =
            frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        if (pts == AV_NOPTS_VALUE)
            pts = decoder.start_pts;
        pts -= decoder.start_pts;
        const int64_t window_offset = av_rescale_q(static_cast<int64_t>(m_job.window_start_s * AV_TIME_BASE),
                                                   AV_TIME_BASE_Q, decoder.stream->time_base);
        frame->pts = pts - window_offset;
        return frame->pts * av_q2d(decoder.stream->time_base);
    }

    bool inWindow(double t) const { return t >= -1e-3 && (m_job.window_length_s <= 0 || t < m_duration_s); }

    Result<void> decodeAll() {
        PacketPtr packet = makePacket();
        while (true) {
            if (m_listener.cancelled())
                return makeError("cancelled", "the transcode was cancelled");
            const int rc = av_read_frame(m_format.get(), packet.get());
            if (rc == AVERROR_EOF)
                break;
            if (rc < 0)
                return makeError("decode_failed", "the source is damaged (" + avErrorText(rc) + ")");
            Result<void> handled;
            if (m_video && packet->stream_index == m_video->stream_index)
                handled = decodePacket(*m_video, packet.get(), true);
            else if (m_audio && packet->stream_index == m_audio->stream_index)
                handled = decodePacket(*m_audio, packet.get(), false);
            av_packet_unref(packet.get());
            if (!handled)
                return handled;
            if (m_windowDone)
                break;
        }
        if (m_video) {
            if (auto flushed = decodePacket(*m_video, nullptr, true); !flushed)
                return flushed;
            if (int rc = av_buffersrc_add_frame_flags(m_videoGraph->source, nullptr, 0); rc < 0)
                return makeError("decode_failed", "cannot flush the video filters: " + avErrorText(rc));
            if (auto pulled = pullVideo(); !pulled)
                return pulled;
        }
        if (m_audio) {
            if (auto flushed = decodePacket(*m_audio, nullptr, false); !flushed)
                return flushed;
            if (int rc = av_buffersrc_add_frame_flags(m_audioGraph->source, nullptr, 0); rc < 0)
                return makeError("decode_failed", "cannot flush the audio filters: " + avErrorText(rc));
            if (auto pulled = pullAudio(); !pulled)
                return pulled;
        }
        if (m_framesDecoded == 0)
            return makeError("decode_failed", "no frame of the source could be decoded");
        for (auto& encoder : m_videoEncoders)
            encoder->push(nullptr);
        if (m_audioEncoder)
            m_audioEncoder->push(nullptr);
        return {};
    }

    Result<void> decodePacket(Decoder& decoder, AVPacket* packet, bool is_video) {
        int rc = avcodec_send_packet(decoder.context.get(), packet);
        if (rc < 0 && rc != AVERROR_EOF) {
            // A damaged packet in the middle of a file is skipped, as players do; the output stays decodable.
            if (rc == AVERROR_INVALIDDATA) {
                ++m_damagedPackets;
                return {};
            }
            return makeError("decode_failed", "cannot decode the source (" + avErrorText(rc) + ")");
        }
        FramePtr frame = makeFrame();
        while (true) {
            rc = avcodec_receive_frame(decoder.context.get(), frame.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return {};
            if (rc == AVERROR_INVALIDDATA) {
                ++m_damagedPackets;
                continue;
            }
            if (rc < 0)
                return makeError("decode_failed", "cannot decode the source (" + avErrorText(rc) + ")");
            const double t = windowTime(decoder, frame.get());
            if (!inWindow(t)) {
                if (t >= m_duration_s && m_job.window_length_s > 0 && (is_video || !m_video))
                    m_windowDone = true;
                av_frame_unref(frame.get());
                continue;
            }
            ++m_framesDecoded;
            m_lastTime_s = std::max(m_lastTime_s, t);
            if (is_video || !m_video)
                reportProgress(t);
            AVFilterContext* source = is_video ? m_videoGraph->source : m_audioGraph->source;
            if (int added = av_buffersrc_add_frame_flags(source, frame.get(), 0); added < 0)
                return makeError("decode_failed", "the filters refused a frame: " + avErrorText(added));
            auto pulled = is_video ? pullVideo() : pullAudio();
            if (!pulled)
                return pulled;
        }
    }

    Result<void> pullVideo() {
        for (size_t i = 0; i < m_videoEncoders.size(); ++i) {
            while (true) {
                FramePtr out = makeFrame();
                const int rc = av_buffersink_get_frame(m_videoGraph->rung_sinks[i], out.get());
                if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                    break;
                if (rc < 0)
                    return makeError("decode_failed", "video filters failed: " + avErrorText(rc));
                m_videoEncoders[i]->push(std::move(out));
            }
        }
        if (m_videoGraph->stills_sink) {
            FramePtr still = makeFrame();
            while (av_buffersink_get_frame(m_videoGraph->stills_sink, still.get()) >= 0) {
                const double t = still->pts * av_q2d(av_buffersink_get_time_base(m_videoGraph->stills_sink));
                if (auto added = m_stills->add(still.get(), t); !added)
                    return added;
                av_frame_unref(still.get());
            }
        }
        return {};
    }

    Result<void> pullAudio() {
        while (true) {
            FramePtr out = makeFrame();
            const int rc = av_buffersink_get_frame(m_audioGraph->sink, out.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return {};
            if (rc < 0)
                return makeError("decode_failed", "audio filters failed: " + avErrorText(rc));
            m_audioEncoder->push(std::move(out));
        }
    }

    void reportProgress(double t) {
        const int64_t now_ms = millisSince(m_started);
        if (now_ms - m_lastProgress_ms < 250)
            return;
        m_lastProgress_ms = now_ms;
        const double fraction = std::clamp(t / m_duration_s, 0.0, 1.0);
        const int64_t eta_ms =
            fraction > 0.01 ? static_cast<int64_t>(now_ms * (1.0 - fraction) / fraction) : -1;
        m_serial.progress(fraction, eta_ms);
    }

    void abortEncoders() {
        for (auto& encoder : m_videoEncoders)
            encoder->abort();
        if (m_audioEncoder)
            m_audioEncoder->abort();
    }

    Result<TranscodeResult> collect() {
        TranscodeResult result;
        for (auto& encoder : m_videoEncoders) {
            auto summary = encoder->join();
            if (!summary)
                return summary.error();
            result.renditions.push_back(std::move(summary).value());
        }
        if (m_audioEncoder) {
            auto summary = m_audioEncoder->join();
            if (!summary)
                return summary.error();
            result.renditions.push_back(std::move(summary).value());
        }
        // A source cut short (an interrupted copy) decodes "successfully" up to where it ends: refuse to
        // publish it.
        const double frame_slack_s = 1.0;
        if (m_job.window_length_s <= 0 && m_lastTime_s + frame_slack_s < 0.9 * m_duration_s)
            return makeError("source_truncated",
                             "the file ends early: only " + std::to_string(int(m_lastTime_s)) + " s of its " +
                                 std::to_string(int(m_duration_s)) + " s could be decoded");
        for (const RenditionSummary& rendition : result.renditions)
            if (rendition.segments.empty())
                return makeError("decode_failed", "the " + rendition.id + " rendition came out empty");
        if (m_stills) {
            auto stills = m_stills->finish();
            if (!stills)
                return stills.error();
            result.stills = std::move(stills).value();
        }
        result.duration_s = m_duration_s;
        result.elapsed_ms = millisSince(m_started);
        result.first_segment_ms = m_serial.firstSegmentMs();
        m_serial.progress(1.0, 0);
        return result;
    }

    const TranscodeJob& m_job;
    TranscodeListener& m_listener;
    Clock::time_point m_started;
    SerialListener m_serial;
    InputFormatPtr m_format;
    MediaInfo m_info;
    double m_duration_s = 0;
    std::optional<Decoder> m_video;
    std::optional<Decoder> m_audio;
    std::optional<VideoGraph> m_videoGraph;
    std::optional<AudioGraph> m_audioGraph;
    std::vector<std::unique_ptr<RenditionEncoder>> m_videoEncoders;
    std::unique_ptr<RenditionEncoder> m_audioEncoder;
    std::optional<StillsCollector> m_stills;
    int64_t m_framesDecoded = 0;
    double m_lastTime_s = 0;
    int64_t m_damagedPackets = 0;
    int64_t m_lastProgress_ms = -1000;
    bool m_windowDone = false;
};

} // namespace

std::string renditionDirectory(const std::string& output_dir, const std::string& rendition_id) {
    return output_dir + "/cmaf/" + rendition_id;
}

Result<TranscodeResult> transcodeLadder(const TranscodeJob& job, TranscodeListener& listener) {
    // libav's own logging would print per-encoder statistics to stderr; errors reach callers as Results.
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_ERROR); });
    Transcode transcode(job, listener);
    return transcode.run();
}

} // namespace fc::media
