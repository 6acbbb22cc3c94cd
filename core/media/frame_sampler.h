#pragma once
// Decoded frames of a media file at chosen presentation times, for the transcode preview's side-by-side view
// and its quality metrics. Frames are rendered as displayed through the transcoder's own video graph
// (filter_graphs.h: display rotation, square pixels, bicubic scale, yuv420p), so a sampled source frame is
// exactly what the ladder would feed its encoder at that size.
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/media/av_handles.h"
#include "core/media/filter_graphs.h"
#include "core/media/frame_image.h"
#include "core/util/result.h"

namespace fc::media {

// Where a file's time 0 is.
enum class TimeOrigin {
    ContainerStart = 1, // the container's start time, as the transcoder counts a source's time
    StreamZero, // timestamps as stored: a rendition made of segments from the middle of a video starts at the
                // first segment's time (its timestamps are the source's)
};

struct DecodedFrame {
    FramePtr frame; // as decoded: coded size, no rotation
    double time_s = 0;
};

// One file's video stream: seek once, decode forward, render the frames you keep.
class FrameSampler {
public:
    // Errors: those of probeMedia ("media_unreadable", ...), "media_no_streams" (no video), "decode_failed".
    static Result<std::unique_ptr<FrameSampler>> open(const std::string& path, TimeOrigin origin);
    ~FrameSampler();

    int displayWidth() const { return m_displayWidth; } // rotation applied
    int displayHeight() const { return m_displayHeight; }

    // The size render() produces; the display size until set.
    Result<void> setOutputSize(int width, int height);
    // Positions the decoder at the keyframe at or before time_s (backward seek; a failed seek leaves it where
    // it was, and decoding forward still works).
    void seek(double time_s);
    // The next frame in presentation order; nullopt at the end of the stream.
    Result<std::optional<DecodedFrame>> next();
    // A decoded frame as displayed: rotation applied, scaled (bicubic) to the output size, yuv420p.
    Result<FramePtr> render(const AVFrame* frame);

private:
    FrameSampler() = default;
    double frameTime(const AVFrame* frame);

    InputFormatPtr m_format;
    CodecContextPtr m_decoder;
    PacketPtr m_packet;
    AVStream* m_stream = nullptr;
    int m_rotation_deg = 0;
    int m_displayWidth = 0;
    int m_displayHeight = 0;
    int m_outputWidth = 0;
    int m_outputHeight = 0;
    int64_t m_originPts = 0; // subtracted from every timestamp (stream time base)
    int64_t m_originUs = 0;  // the same origin in AV_TIME_BASE, for seeking
    double m_lastTime_s = 0;
    bool m_inputEnded = false;
    std::optional<VideoGraph> m_graph;
};

struct SampleOptions {
    int max_width = 0; // 0: no limit; larger pictures are scaled down keeping their aspect
    int max_height = 0;
    TimeOrigin origin = TimeOrigin::ContainerStart;
    const std::atomic<bool>* cancel = nullptr; // set -> error "cancelled"
};

struct SampledFrame {
    double time_s = 0; // the chosen frame's presentation time (in the options' origin)
    RgbaImage image;
};

// For each requested time (any order; the answer keeps it), the frame whose presentation time is nearest at
// or before it, or the first frame when the time precedes them all; the last frame past the end. Seeks once
// to the earliest time, then decodes forward. Errors: open()'s, "no_frames", "cancelled".
Result<std::vector<SampledFrame>> sampleFrames(const std::string& path, const std::vector<double>& times_s,
                                               const SampleOptions& options = {});

// The largest size within max_width × max_height (0 = unbounded) keeping the aspect; unchanged when it
// already fits, otherwise even (as yuv420p wants).
std::pair<int, int> fitWithin(int width, int height, int max_width, int max_height);

// A yuv (or any) frame converted to tightly packed RGBA, honouring its colour matrix and range.
Result<RgbaImage> toRgba(const AVFrame* frame);

// Tolerance when comparing presentation times: timestamps rounded to a stream's time base differ by a tick.
inline constexpr double kTimeEpsilon_s = 1e-3;

} // namespace fc::media
