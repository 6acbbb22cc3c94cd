#pragma once
// The decoding stage of one track: its own thread takes fetched segments (SegmentFetcher), demuxes and
// decodes them (SegmentDecoder) and queues what the engine's core presents — I420 frames for video, S16
// stereo 48 kHz chunks (AudioPipeline, with atempo for speed) for audio. Small bounded queues: the buffer
// lives compressed in the fetcher. After a seek, frames before the target are decoded and discarded (accurate
// seek).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/playback/audio_pipeline.h"
#include "core/playback/segment_decoder.h"
#include "core/playback/segment_fetcher.h"

namespace fc::playback {

struct DecodedItem {
    uint64_t generation = 0;
    bool end_of_stream = false;
    // video
    std::unique_ptr<DecodedVideoFrame> frame;
    double pts_s = 0;
    int rung = 0;
    std::string reason; // the fetcher's reason for this rung
    // audio
    AudioChunk chunk;
};

class DecodeWorker {
public:
    DecodeWorker(TrackKind kind, SegmentFetcher& fetcher, double frame_interval_s, std::function<void()> wake,
                 std::function<void(const std::string&)> fail);
    ~DecodeWorker(); // stop()
    DecodeWorker(const DecodeWorker&) = delete;
    DecodeWorker& operator=(const DecodeWorker&) = delete;

    void start(uint64_t generation, double discard_before_s);
    void stop();
    void restart(uint64_t generation, double discard_before_s); // seek: drop queued output
    void setSpeed(double speed) { m_speed = speed; }

    // Core side: the next item of the current generation, if any.
    std::optional<DecodedItem> take();
    size_t queued() const;
    std::string codecName() const;

private:
    void run();
    bool push(DecodedItem item, uint64_t generation); // waits for room; false when superseded or stopping
    bool current(uint64_t generation) const;

    TrackKind m_kind;
    SegmentFetcher& m_fetcher;
    double m_frame_interval_s;
    std::function<void()> m_wake;
    std::function<void(const std::string&)> m_fail;
    SegmentDecoder m_decoder;
    AudioPipeline m_audio;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<DecodedItem> m_queue;
    int64_t m_queued_audio_frames = 0;
    uint64_t m_generation = 0;
    double m_discard_before_s = 0;
    bool m_stop = false;
    std::string m_codec_name;
    std::atomic<double> m_speed{1.0};
    std::thread m_thread;
};

} // namespace fc::playback
