#pragma once
// The ABR contract shared by the player engine and the trace-driven simulator: the engine (or simulator) owns
// the buffer and the downloads; a controller only observes samples and answers "which rung next?" and "give
// up on this download?". Rungs are indices into an ascending list of video bitrates.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fc::playback {

// What the controller may look at when choosing the next segment's rung.
struct AbrContext {
    std::vector<int64_t> bitrates_bps; // ascending, one per rung (the manifest's declared bandwidth)
    // Sizes of the next segment at each rung when the manifest or simulator knows them (same length as
    // bitrates_bps), else empty.
    std::vector<int64_t> next_segment_bytes;
    double segment_duration_s = 4.0;
    double buffer_s = 0;           // media buffered ahead of the playhead
    double buffer_capacity_s = 60; // the engine stops fetching above this
    int last_rung = -1;            // rung of the previous segment; -1 before the first
    int segment_index = 0;         // 0-based index of the segment about to be fetched
    int segments_total = 0;        // 0 when unknown (growing presentation)
    double playback_rate = 1.0;
    bool starting = true; // nothing has played yet in this session (start-up or after a seek)
};

// One finished download.
struct DownloadSample {
    int rung = 0;
    int64_t bytes = 0;
    int64_t duration_ms = 0; // first request byte to last response byte, RTT included
    int64_t ttfb_ms = 0;     // time to first response byte (latency share of duration_ms)
};

// A download in flight, polled by the fetcher (engine: curl progress callback; simulator: every 100 ms).
struct DownloadProgress {
    int rung = 0;
    int64_t bytes_loaded = 0;
    int64_t bytes_total = 0; // 0 when unknown
    int64_t elapsed_ms = 0;
};

class AbrController {
public:
    virtual ~AbrController() = default;
    virtual std::string name() const = 0;

    // The rung for the segment described by context.
    virtual int chooseRung(const AbrContext& context) = 0;
    // Feed one finished download (also abandoned ones, with what they loaded).
    virtual void onDownloadComplete(const DownloadSample& sample) = 0;
    // Asked while a download runs: a lower rung to restart this segment at, or nullopt to keep going.
    virtual std::optional<int> shouldAbandon(const DownloadProgress& progress, const AbrContext& context) {
        (void)progress;
        (void)context;
        return std::nullopt;
    }
    // The current throughput estimate (bits/s), 0 before any sample.
    virtual double estimateBps() const = 0;
    // Seed from the last session's estimate (first rung comes from it); ignored by controllers without one.
    virtual void seedEstimate(double bits_per_s) { (void)bits_per_s; }
};

// Controllers by name: "framecast" (ours), "hlsjs", "bola", "spec" (the platform spec's controller).
// nullptr for an unknown name.
std::unique_ptr<AbrController> makeAbrController(std::string_view name);
std::vector<std::string> abrControllerNames();

} // namespace fc::playback
