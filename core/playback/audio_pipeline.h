#pragma once
// Decoded audio → what the sink plays: resampled (swresample, through libavfilter's aresample) to S16
// interleaved stereo at 48 kHz, and time-stretched with atempo for speeds other than 1 (pitch kept; two
// stages below 0.5x because one atempo covers 0.5..2). Output chunks carry the media time of their first
// sample and the speed they were made at, which is what the clock needs (av_sync.h).
#include <cstdint>
#include <vector>

#include "core/media/av_handles.h"
#include "core/util/result.h"

namespace fc::playback {

struct AudioChunk {
    std::vector<int16_t> samples; // interleaved stereo
    int64_t frames = 0;
    double media_start_s = 0;
    double speed = 1.0;
};

class AudioPipeline {
public:
    // Push one decoded frame at media time pts_s; finished output is appended to `out`. A speed different
    // from the running graph's builds a new graph starting at this frame.
    Result<void> push(const AVFrame* frame, double pts_s, double speed, std::vector<AudioChunk>& out);
    // End of stream: flush what the filters hold.
    Result<void> finish(std::vector<AudioChunk>& out);
    void reset(); // seek: drop the graph and its buffered samples

private:
    Result<void> build(const AVFrame* frame, double pts_s, double speed);
    Result<void> pull(std::vector<AudioChunk>& out);

    media::FilterGraphPtr m_graph;
    AVFilterContext* m_source = nullptr; // owned by m_graph
    AVFilterContext* m_sink = nullptr;
    double m_speed = 1.0;
    double m_start_s = 0;     // media time of the graph's first input sample
    int64_t m_out_frames = 0; // output frames produced by this graph
    int m_in_rate = 0;
    int m_in_format = -1;
    int m_in_channels = 0;
};

} // namespace fc::playback
