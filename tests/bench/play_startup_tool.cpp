// framecast-play-startup: the player engine's start-up time against a server, with null sinks.
//
//   framecast-play-startup URL [--runs N]
//
// Each run makes a new engine (new connections, no cache), calls open(URL) and waits for the first frame the
// engine hands to the video sink; prints one line per run ("run I: MS ms (first frame WxH)") and then "p50
// MS" and "p90 MS". tests/bench/startup_bench.py runs it next to the ffmpeg CLI on the same URL.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/playback/player_engine.h"

namespace {

using Steady = std::chrono::steady_clock;

class FirstFrameSink final : public fc::playback::VideoSink {
public:
    void presentFrame(const fc::playback::VideoFrame& frame) override {
        std::lock_guard lock(m_mutex);
        if (!m_at) {
            m_at = Steady::now();
            m_width = frame.width();
            m_height = frame.height();
            m_shown.notify_all();
        }
    }
    bool wait(std::chrono::milliseconds timeout, Steady::time_point& at) {
        std::unique_lock lock(m_mutex);
        if (!m_shown.wait_for(lock, timeout, [&] { return m_at.has_value(); }))
            return false;
        at = *m_at;
        return true;
    }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    std::mutex m_mutex;
    std::condition_variable m_shown;
    std::optional<Steady::time_point> m_at;
    int m_width = 0;
    int m_height = 0;
};

// Takes everything and reports it played at once: start-up does not wait for audio output.
class NullAudioSink final : public fc::playback::AudioSink {
public:
    bool open(int, int) override { return true; }
    int64_t write(const int16_t*, int64_t frames) override {
        m_written += frames;
        return frames;
    }
    int64_t playedFrames() const override { return m_written; }
    void setPaused(bool) override {}
    void flush() override { m_written = 0; }
    void setVolume(double) override {}

private:
    std::atomic<int64_t> m_written{0};
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const double rank = p * double(values.size() - 1);
    const auto low = size_t(rank);
    const size_t high = std::min(low + 1, values.size() - 1);
    return values[low] + (values[high] - values[low]) * (rank - double(low));
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: framecast-play-startup URL [--runs N]\n");
        return 2;
    }
    const std::string url = argv[1];
    int runs = 20;
    for (int i = 2; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
    std::vector<double> times_ms;
    for (int run = 1; run <= runs; ++run) {
        FirstFrameSink video;
        NullAudioSink audio;
        fc::playback::PlayerEngine engine(video, audio, [] {});
        fc::playback::PlayerOptions options;
        options.manifest_url = url;
        const auto started = Steady::now();
        engine.open(options);
        Steady::time_point first;
        if (!video.wait(std::chrono::milliseconds(15000), first)) {
            std::fprintf(stderr, "run %d: no first frame within 15 s (%s)\n", run,
                         engine.snapshot().error_message.c_str());
            return 1;
        }
        const double ms = std::chrono::duration<double, std::milli>(first - started).count();
        times_ms.push_back(ms);
        std::printf("run %d: %.1f ms (first frame %dx%d)\n", run, ms, video.width(), video.height());
    }
    std::printf("p50 %.1f\np90 %.1f\n", percentile(times_ms, 0.5), percentile(times_ms, 0.9));
    return 0;
}
