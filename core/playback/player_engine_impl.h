#pragma once
// PlayerEngine's private state, shared by player_engine.cpp (commands, open, the core thread's loop) and
// player_core.cpp (each tick: clock, audio feeding, presenting, states). Everything below `core-thread state`
// is touched by the core thread only; the fetch and decode threads reach the core through
// wake()/fail()/emit().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/playback/av_sync.h"
#include "core/playback/decode_worker.h"
#include "core/playback/player_engine.h"
#include "core/playback/segment_fetcher.h"

namespace fc::playback {

using SteadyClock = std::chrono::steady_clock;

struct PlayerEngine::Impl {
    Impl(VideoSink& video, AudioSink& audio, std::function<void()> wake)
        : video_sink(video), audio_sink(audio), wakeup(std::move(wake)) {}

    VideoSink& video_sink;
    AudioSink& audio_sink;
    std::function<void()> wakeup;

    // Commands and wake-ups into the core thread.
    std::mutex command_mutex;
    std::condition_variable command_ready;
    std::deque<std::function<void()>> commands;
    bool woken = false;
    std::atomic<bool> quitting{false};
    std::thread thread;

    // What callers read (under out_mutex).
    mutable std::mutex out_mutex;
    PlayerSnapshot published;
    std::vector<PlayerEvent> events;
    std::string failure; // set by any pipeline thread; the core turns it into Failed
    std::string address; // the manifest URL reloads use (renewable; read by the video fetch thread)
    std::atomic<double> position_for_events{0};

    // ---- core-thread state ----
    PlayerOptions options;
    std::shared_ptr<PresentationStore> store;
    std::shared_ptr<const streaming::Presentation> seen_presentation; // the one snap.duration_s comes from
    std::vector<std::string> video_ids;                               // rungs, lowest first
    std::string audio_id;                                             // empty: no audio rendition
    // The manifest's codecs strings of the rung on screen and of the audio: stats add the decoder's name to
    // them on every update, as the decoder may leave a device mid-session.
    std::string video_codecs_declared;
    std::string audio_codecs_declared;
    std::unique_ptr<SegmentFetcher> video_fetcher;
    std::unique_ptr<SegmentFetcher> audio_fetcher;
    std::unique_ptr<DecodeWorker> video_worker;
    std::unique_ptr<DecodeWorker> audio_worker;
    uint64_t generation = 0;

    PlayerSnapshot snap; // the core's working copy, published after each iteration
    SteadyClock::time_point opened_at;
    bool paused = false;
    double frame_interval_s = 1.0 / 30;

    // Clock: the audio sink (spans of what was written) or a wall clock scaled by speed.
    bool audio_enabled = false; // an audio rendition and a sink that opened
    bool on_wall_clock = true;
    std::deque<sync::AudioSpan> spans;
    int64_t written_frames = 0;
    std::deque<AudioChunk> audio_pending;
    int64_t pending_offset_frames = 0; // of audio_pending.front() already written
    double clock_base_s = 0;           // media time before any audio played (the seek target)
    double wall_anchor_media_s = 0;
    SteadyClock::time_point wall_anchor;
    bool wall_running = false;

    std::deque<DecodedItem> video_local;
    bool video_eos = false;
    bool audio_eos = false;
    bool shown_since_flush = false;
    bool first_frame_done = false;
    bool seek_pending = false; // SeekCompleted at the next frame shown
    double last_shown_pts_s = -1;
    int rung_on_screen = -1;
    SteadyClock::time_point stall_started;
    bool stalled = false;
    SteadyClock::time_point last_publish;

    // player_engine.cpp
    void post(std::function<void()> command);
    void wake();
    void fail(const std::string& message);
    void emit(PlayerEvent event);
    void loop();
    void doOpen(PlayerOptions opts);
    void startPipeline(double start_s);
    void teardownPipeline();
    void flushTo(double position_s);
    void setState(PlayerState state);
    int64_t nowMs() const;

    // player_core.cpp
    void tick();
    double clockNow() const;
    void pauseClock();
    void resumeClock();
    void pullDecoded();
    void feedAudio();
    void presentDue(double clock_s);
    void present(DecodedItem& item);
    void startRunning();
    void enterStall();
    void updateStats(double clock_s);
    void publish(bool force);
    std::chrono::milliseconds sleepBudget() const; // how long the core may sleep before its next tick
};

} // namespace fc::playback
