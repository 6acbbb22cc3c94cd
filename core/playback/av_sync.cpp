#include "core/playback/av_sync.h"

#include <algorithm>
#include <cmath>

namespace fc::playback::sync {

std::optional<double> mediaTimeAtPlayedFrames(const std::deque<AudioSpan>& spans, int64_t played_frames,
                                              int rate_hz) {
    if (spans.empty() || rate_hz <= 0)
        return std::nullopt;
    for (const AudioSpan& span : spans) {
        if (played_frames < span.first_frame + span.frames) {
            const int64_t into = std::max<int64_t>(0, played_frames - span.first_frame);
            return span.media_start_s + double(into) * span.speed / rate_hz;
        }
    }
    const AudioSpan& last = spans.back();
    return last.media_start_s + double(last.frames) * last.speed / rate_hz;
}

void trimPlayedSpans(std::deque<AudioSpan>& spans, int64_t played_frames) {
    while (spans.size() > 1 && spans.front().first_frame + spans.front().frames <= played_frames)
        spans.pop_front();
}

double wallClockMediaTime(double anchor_media_s, double wall_elapsed_s, double speed) {
    return anchor_media_s + std::max(0.0, wall_elapsed_s) * speed;
}

FrameAction frameAction(double pts_s, std::optional<double> next_pts_s, double clock_s,
                        double frame_interval_s) {
    if (pts_s > clock_s + kDueToleranceS)
        return FrameAction::Wait;
    const bool late = clock_s - pts_s > frame_interval_s;
    if (late && next_pts_s && *next_pts_s <= clock_s + kDueToleranceS)
        return FrameAction::Drop;
    return FrameAction::Present;
}

double wallSecondsUntilDue(double pts_s, double clock_s, double speed) {
    if (speed <= 0)
        return 0;
    return std::max(0.0, (pts_s - clock_s) / speed);
}

} // namespace fc::playback::sync
