#pragma once
// The player core (mpv's model): one object owns playback state on its own threads; callers send commands
// (queued, never run inline) and are woken up through `wakeup` when snapshot() or takeEvents() has news.
// Pipeline: manifest (HLS or DASH, core/streaming) → segment fetcher (libcurl, one reused connection,
// timing per request, ABR-chosen rung, abandonment) → buffer ahead of the playhead → demux/decode (libav) →
// A/V sync with the audio sink as the clock → VideoSink / AudioSink.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/playback/media_sinks.h"

namespace fc::playback {

enum class PlayerState { Invalid = 0, Idle, Loading, Buffering, Playing, Paused, Ended, Failed };

struct RenditionInfo { // a video rung, lowest first
    std::string id;    // "360p"
    int width = 0;
    int height = 0;
    int64_t bandwidth_bps = 0;
    std::string codecs;
};

struct PlayerStats {              // "stats for nerds"
    std::string rung_id;          // rung of the frames on screen
    int64_t rung_bitrate_bps = 0; // its declared bandwidth
    double throughput_estimate_bps = 0;
    double buffer_s = 0;        // media buffered ahead of the playhead
    int64_t dropped_frames = 0; // decoded but too late to show
    int64_t presented_frames = 0;
    std::string video_codec; // "avc1.64001e (h264)"
    std::string audio_codec;
    int width = 0;
    int height = 0;
    int64_t startup_ms = -1; // open/seek to first frame of this session; -1 until then
    int stall_count = 0;
    int64_t stall_ms = 0; // total time spent rebuffering after start-up
    int switch_count = 0;
};

struct PlayerSnapshot {
    PlayerState state = PlayerState::Idle;
    double position_s = 0;
    double duration_s = 0;
    double buffered_until_s = 0; // end of contiguous buffered media from the playhead
    bool paused = false;
    double speed = 1.0;
    double volume = 1.0;
    bool muted = false;
    bool auto_rung = true;
    int selected_rung = -1; // manual override index, -1 = Auto
    std::vector<RenditionInfo> renditions;
    PlayerStats stats;
    std::string error_message; // set in Failed
};

enum class PlayerEventType {
    Invalid = 0,
    StateChanged,
    FirstFrame,
    StallStarted,
    StallEnded,
    RungSwitched,
    SeekCompleted,
    Ended,
    Error,
    SegmentRetried,
    UrlExpired // ExpiredUrls::AwaitRenewal: hand the engine a fresh address (setManifestUrl)
};

struct PlayerEvent {
    PlayerEventType type = PlayerEventType::Invalid;
    int64_t at_ms = 0; // steady-clock ms since open()
    double position_s = 0;
    std::string from_rung; // RungSwitched
    std::string to_rung;
    std::string reason; // RungSwitched: "abr" | "abandon" | "manual" | "error"; Error: message
    int64_t value = 0;  // FirstFrame: startup_ms; StallEnded: stall duration ms
};

// What a 403 url_expired (a signed URL past its lifetime) does to the session.
enum class ExpiredUrls {
    Invalid = 0,
    Fail,        // the session fails with a readable message
    AwaitRenewal // UrlExpired is emitted; buffered media plays on while the engine waits for setManifestUrl()
};

struct PlayerOptions {
    std::string manifest_url; // absolute http(s) URL of master.m3u8 or manifest.mpd (by extension/content)
    std::vector<std::pair<std::string, std::string>> headers; // sent with every request (e.g. Authorization)
    double start_position_s = 0;
    double initial_estimate_bps = 0; // the last session's estimate; 0 = none
    std::string abr_controller = "framecast";
    double buffer_target_s = 30; // stop fetching beyond this much buffered media
    bool start_paused = false;
    ExpiredUrls expired_urls = ExpiredUrls::Fail;
};

class PlayerEngine {
public:
    // `wakeup` may be called from any engine thread; it must only schedule work (e.g. a queued signal).
    PlayerEngine(VideoSink& video_sink, AudioSink& audio_sink, std::function<void()> wakeup);
    ~PlayerEngine(); // stops every thread
    PlayerEngine(const PlayerEngine&) = delete;
    PlayerEngine& operator=(const PlayerEngine&) = delete;

    // Commands: queued and applied on the engine's thread, in order.
    void open(PlayerOptions options);
    void play();
    void pause();
    void seek(double position_s); // fast: restarts from the segment holding position_s
    void setSpeed(double speed);  // 0.25 .. 2.0, pitch kept
    void setVolume(double linear_0_to_1);
    void setMuted(bool muted);
    void selectRung(int rung_index); // -1 = Auto
    // The same presentation at a new address (renewed signed URLs): the manifest is reloaded from it and
    // every later request uses it; position, rung and what is buffered stay.
    void setManifestUrl(std::string manifest_url);
    void stop();

    PlayerSnapshot snapshot() const;       // thread-safe copy of the current state
    std::vector<PlayerEvent> takeEvents(); // thread-safe; events since the last call

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fc::playback
