#pragma once
// Where the player engine's decoded output goes. The UI implements these over QVideoSink / QAudioSink
// (ui/player); tests implement counting sinks. Engine threads call them; implementations must be thread-safe
// with respect to their own consumers and must never block for long (no waiting on the GUI thread).
#include <array>
#include <cstdint>
#include <memory>

namespace fc::playback {

// A decoded picture in planar 8-bit YUV 4:2:0 (I420). The planes stay valid as long as this object lives; the
// sink copies what it needs before presentFrame returns (one copy into the toolkit's frame).
class VideoFrame {
public:
    virtual ~VideoFrame() = default;
    virtual int width() const = 0;
    virtual int height() const = 0;
    virtual const uint8_t* plane(int index) const = 0; // 0 = Y, 1 = U, 2 = V
    virtual int stride(int index) const = 0;           // bytes per row of that plane
    virtual int64_t ptsUs() const = 0;                 // presentation time, microseconds of media time
};

class VideoSink {
public:
    virtual ~VideoSink() = default;
    // Called from the engine's presenter thread when the frame is due on the clock.
    virtual void presentFrame(const VideoFrame& frame) = 0;
};

// Signed 16-bit interleaved PCM. The audio sink is the clock: played position comes from what it reports.
class AudioSink {
public:
    virtual ~AudioSink() = default;
    // Prepare for this format; false when no audio output exists (the engine then runs on a wall clock).
    virtual bool open(int sample_rate_hz, int channels) = 0;
    // Queue up to `frames` sample frames without blocking; returns how many were taken (0 when full).
    virtual int64_t write(const int16_t* interleaved, int64_t frames) = 0;
    // Sample frames actually played out since open() or the last flush() (excludes queued-but-unplayed ones).
    virtual int64_t playedFrames() const = 0;
    virtual void setPaused(bool paused) = 0;
    virtual void flush() = 0; // drop everything queued (seek); playedFrames() restarts at 0
    virtual void setVolume(double linear_0_to_1) = 0;
};

} // namespace fc::playback
