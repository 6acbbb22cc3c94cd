#pragma once
// The fetching stage of one track (video or audio): its own thread and one reused HTTP connection, downloads
// segments in order up to buffer_target_s ahead of the playhead, times every request (DownloadSample), asks
// the ABR controller for each video segment's rung and polls shouldAbandon while downloading, decrypts
// AES-128 segments, retries failures (backoff 0.5/1/2 s) and then drops a rung (Auto) or fails the session. A
// seek bumps the generation: the in-flight download aborts through curl's progress callback and the queue
// empties. A segment is fetched at the chosen rung or, when that rung does not list it yet (a growing
// presentation's rungs are written separately), at the best rung below that does; with none, the fetcher
// waits for a reload.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/playback/abr_controller.h"
#include "core/playback/player_engine.h"
#include "core/streaming/presentation.h"
#include "core/transfer/http_client.h"
#include "core/util/result.h"

namespace fc::playback {

enum class TrackKind { Invalid = 0, Video, Audio };

// The presentation shared by the engine and its fetchers; replaced as a growing presentation is reloaded.
class PresentationStore {
public:
    std::shared_ptr<const streaming::Presentation> get() const;
    void set(streaming::Presentation presentation);

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const streaming::Presentation> m_current;
};

struct FetchedSegment {
    uint64_t generation = 0;
    int index = 0;      // into the rendition's segment list
    int rung = 0;       // video rung index (audio: 0)
    std::string reason; // why this rung: "abr" | "abandon" | "manual" | "error" | "unavailable"
    std::shared_ptr<const std::string> init;
    std::string data; // clear (decrypted) media segment
    double start_s = 0;
    double end_s = 0;
    bool end_of_stream = false; // no more segments after this marker
};

struct FetcherSetup {
    TrackKind kind = TrackKind::Invalid;
    std::vector<std::string> rendition_ids; // video: rungs lowest first; audio: the one rendition
    transfer::HeaderList headers;
    double buffer_target_s = 30;
    std::unique_ptr<AbrController> abr; // video only; used on the fetch thread alone
    // Reloads a growing presentation (video fetcher only); may be empty. Errors with fetch_failure.h's codes
    // for refused answers: those end the session, other kinds do after a few in a row.
    std::function<Result<streaming::Presentation>()> reload;
    std::function<void(PlayerEvent)> emit;        // SegmentRetried etc.
    std::function<void(const std::string&)> fail; // unrecoverable: the session fails
    // A URL expired (403 url_expired); the owner will renew it (PlayerEngine::setManifestUrl). Empty: the
    // session fails.
    std::function<void()> expired;
    std::function<void()> wake; // new data for the decoder / the core
};

// Index of the segment holding media time t (the last one when t is past the end; 0 when before the start).
int segmentIndexAt(const streaming::Rendition& rendition, double t_s);
double segmentStartS(const streaming::Rendition& rendition, int index);

class SegmentFetcher {
public:
    SegmentFetcher(std::shared_ptr<PresentationStore> store, FetcherSetup setup);
    ~SegmentFetcher(); // stop()
    SegmentFetcher(const SegmentFetcher&) = delete;
    SegmentFetcher& operator=(const SegmentFetcher&) = delete;

    void start(uint64_t generation, int segment_index);
    void stop();
    // Seek / flush: cancels the download in flight, empties the queue, continues from segment_index.
    void restart(uint64_t generation, int segment_index);
    void setPlayhead(double position_s) { m_playhead_s = position_s; }
    void setPlaybackRate(double speed) { m_speed = speed; }
    void setManualRung(int rung) { m_manual_rung = rung; } // -1 = Auto
    void setStarting(bool starting) { m_starting = starting; }
    // The manifest's address was renewed (video fetcher): reload it now; what is queued stays.
    void requestReload();

    // Blocks until a segment of `generation` (or the end marker) is ready; nullopt once stopped.
    std::optional<FetchedSegment> pop(uint64_t generation);
    void cancelWaiters(); // wakes pop() callers (the decoder re-checks its own state)

    double bufferedEndS() const { return m_buffered_end_s; }
    double estimateBps() const { return m_estimate_bps; }
    int lastRung() const { return m_last_rung; } // the ABR's view: a stand-in rung is not counted

private:
    enum class Outcome { Invalid = 0, Done, Cancelled, Failed, Expired };
    struct RungPick {
        int rung = 0;       // the rung to fetch: it lists the segment
        int chosen = 0;     // what the ABR or the viewer asked for (rung differs: a stand-in)
        std::string reason; // FetchedSegment::reason
    };

    void run();
    Outcome reload(); // Done also after a failure that may pass
    // After a 403 url_expired: asks the owner for a fresh address and waits until a presentation newer than
    // `stale` is stored. False: stopped, or the session failed.
    bool awaitRenewal(const std::shared_ptr<const streaming::Presentation>& stale);
    void idleUntilStopped();
    bool wantsMore() const; // with m_mutex held
    // nullopt: no rung at or below the choice lists segment `index` yet.
    std::optional<RungPick> pickRung(const streaming::Presentation& presentation, int index);
    int listedAtOrBelow(const streaming::Presentation& presentation, int rung, int index) const; // -1: none
    Outcome fetchSegment(const streaming::Presentation& presentation, uint64_t generation, int index,
                         const RungPick& pick);
    Result<std::string> download(const std::string& url, uint64_t generation, int rung, bool video_segment,
                                 int index, std::optional<int>& abandon_to);
    Result<std::shared_ptr<const std::string>> initFor(const streaming::Rendition& rendition,
                                                       uint64_t generation);
    Result<std::string> keyFor(const std::string& key_uri, uint64_t generation);
    int chooseRung(const streaming::Presentation& presentation, int index, std::string& reason);
    AbrContext abrContext(const streaming::Presentation& presentation, int index) const;
    const streaming::Rendition* rendition(const streaming::Presentation& presentation, int rung) const;
    bool cancelled(uint64_t generation) const;
    bool sleepFor(double seconds, uint64_t generation); // false when cancelled meanwhile

    std::shared_ptr<PresentationStore> m_store;
    FetcherSetup m_setup;
    transfer::HttpClient m_http;
    // By rendition id, not URI: a renewed address is the same media, and a new init would remake the decoder.
    std::map<std::string, std::shared_ptr<const std::string>> m_inits;
    std::map<std::string, std::string> m_keys; // by key URI
    int m_reload_failures = 0;                 // in a row

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<FetchedSegment> m_queue;
    uint64_t m_generation = 0;
    int m_next_index = 0;
    bool m_end_sent = false;
    bool m_stop = false;
    std::atomic<uint64_t> m_live_generation{0}; // read by the curl progress callback
    std::atomic<bool> m_stopping{false};
    std::atomic<double> m_playhead_s{0};
    std::atomic<double> m_buffered_end_s{0};
    std::atomic<double> m_speed{1.0};
    std::atomic<double> m_estimate_bps{0};
    std::atomic<int> m_manual_rung{-1};
    std::atomic<int> m_last_rung{-1};
    std::atomic<bool> m_starting{true};
    std::atomic<bool> m_reload_asked{false}; // requestReload()
    std::thread m_thread;
};

} // namespace fc::playback
