#pragma once
// One rendition's encoder on its own thread: frames in (through a bounded queue), CMAF segments out.
// Video keyframes are forced at every segment boundary, and only there, so segments of every rung start at
// the same instant with a closed GOP.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/media/av_handles.h"
#include "core/media/cmaf_writer.h"
#include "core/media/ladder.h"
#include "core/util/result.h"

namespace fc::media {

struct RenditionSummary {
    std::string id;     // "360p", "audio"
    std::string codecs; // RFC 6381: "avc1.64001e", "mp4a.40.2"
    int timescale = 0;
    int width = 0;
    int height = 0;
    double frame_rate = 0;
    int sample_rate_hz = 0;
    int channels = 0;
    int target_bitrate_kbps = 0;
    int64_t peak_bitrate_bps = 0;    // highest segment bitrate
    int64_t average_bitrate_bps = 0; // total bytes over total duration
    std::vector<SegmentInfo> segments;
};

using SegmentCallback = std::function<void(const RenditionSummary& rendition, const SegmentInfo& segment)>;

class RenditionEncoder {
public:
    // A video rung: frames arrive in `time_base` at `frame_rate`, already scaled to the rung's size, yuv420p.
    static Result<std::unique_ptr<RenditionEncoder>>
    openVideo(const VideoRung& rung, AVRational time_base, AVRational frame_rate, const std::string& preset,
              int segment_duration_ms, const std::string& directory);
    // The audio rendition: frames arrive as fltp, `sample_rate_hz`, stereo/mono, 1024 samples each.
    static Result<std::unique_ptr<RenditionEncoder>>
    openAudio(const AudioRendition& audio, int segment_duration_ms, const std::string& directory);
    ~RenditionEncoder();

    void start(SegmentCallback on_segment);
    // Blocks while the queue is full (back-pressure on the decoder). nullptr ends the stream.
    void push(FramePtr frame);
    // Waits for the thread; the summary, or the first error it met.
    Result<RenditionSummary> join();
    void abort(); // stop soon, discarding queued frames

private:
    RenditionEncoder() = default;
    void run();
    Result<void> encode(AVFrame* frame);
    Result<void> drainPackets();
    Result<void> emitSegment(const std::optional<SegmentInfo>& segment);
    FramePtr pop();

    CodecContextPtr m_encoder;
    std::unique_ptr<CmafWriter> m_writer;
    RenditionSummary m_summary;
    AVMediaType m_type = AVMEDIA_TYPE_UNKNOWN;
    double m_segmentSeconds = 4.0;
    double m_nextBoundarySeconds = 0; // video: the next frame at or past this is forced to a keyframe
    bool m_sawFirstKeyframe = false;
    int64_t m_totalBytes = 0;
    PacketPtr m_packet;
    SegmentCallback m_onSegment;

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<FramePtr> m_queue;
    bool m_ended = false;
    bool m_aborted = false;
    std::optional<Error> m_error;
    static constexpr size_t kQueueFrames = 12;
};

// RFC 6381 codec string of an opened H.264 encoder from its avcC extradata ("avc1.64001f").
std::string h264CodecString(const AVCodecContext* encoder);

} // namespace fc::media
