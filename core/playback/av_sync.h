#pragma once
// A/V sync maths in one place (mpv's model): how the playback clock is read from the audio sink or the wall
// clock, and when a decoded video frame is shown, kept waiting or dropped. Pure functions, no threads.
#include <cstdint>
#include <deque>
#include <optional>

namespace fc::playback::sync {

constexpr int kOutputRateHz = 48000; // what the audio path hands the sink
constexpr int kOutputChannels = 2;

// A run of sample frames written to the audio sink: frames [first_frame, first_frame + frames) of the sink's
// count since its last flush carry media time from media_start_s on, at `speed` media seconds per second.
struct AudioSpan {
    int64_t first_frame = 0;
    int64_t frames = 0;
    double media_start_s = 0;
    double speed = 1.0;
};

// Media time at the sink's played-frame count: the span holding it, interpolated (speed-aware, so a speed
// change mid-queue is exact). Past the last span: its end. nullopt when nothing was written since the flush.
std::optional<double> mediaTimeAtPlayedFrames(const std::deque<AudioSpan>& spans, int64_t played_frames,
                                              int rate_hz = kOutputRateHz);

// Drops spans wholly played (keeps the one holding played_frames) so the list stays short.
void trimPlayedSpans(std::deque<AudioSpan>& spans, int64_t played_frames);

// The wall clock used without audio: media time advances at `speed` from an anchor while running.
double wallClockMediaTime(double anchor_media_s, double wall_elapsed_s, double speed);

enum class FrameAction { Invalid = 0, Wait, Present, Drop };

// Half a millisecond of tolerance so a frame due "now" is not held one more loop.
constexpr double kDueToleranceS = 0.002;

// The head frame of the queue, at pts_s, against the clock: Wait until due; Drop when it is later than one
// frame interval and the next frame (next_pts_s, when decoded) is already due; otherwise Present.
FrameAction frameAction(double pts_s, std::optional<double> next_pts_s, double clock_s,
                        double frame_interval_s);

// Wall seconds until a frame at pts_s is due on a clock at clock_s running at speed (0 when due).
double wallSecondsUntilDue(double pts_s, double clock_s, double speed);

} // namespace fc::playback::sync
