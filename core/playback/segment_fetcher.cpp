#include "core/playback/segment_fetcher.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "core/playback/fetch_failure.h"
#include "core/playback/segment_crypto.h"

namespace fc::playback {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kRetryBackoffS[] = {0.5, 1.0, 2.0}; // then drop a rung (Auto) or fail
constexpr int64_t kAbandonPollMs = 100;
constexpr int64_t kSegmentTimeoutMs = 30000;
constexpr int kMaxReloadFailures = 5;     // in a row, of kinds that may pass (network, server errors)
constexpr int64_t kRenewalWaitMs = 60000; // for the owner to hand over a fresh address
constexpr size_t kMaxQueuedSegments = 64;
constexpr const char* kStandInReason = "unavailable"; // a lower rung played a segment the choice lacks

int64_t msSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

} // namespace

std::shared_ptr<const streaming::Presentation> PresentationStore::get() const {
    std::lock_guard lock(m_mutex);
    return m_current;
}

void PresentationStore::set(streaming::Presentation presentation) {
    auto next = std::make_shared<const streaming::Presentation>(std::move(presentation));
    std::lock_guard lock(m_mutex);
    m_current = std::move(next);
}

double segmentStartS(const streaming::Rendition& rendition, int index) {
    if (rendition.segments.empty() || rendition.timescale <= 0)
        return 0;
    index = std::clamp(index, 0, int(rendition.segments.size()) - 1);
    return double(rendition.segments[size_t(index)].start) / rendition.timescale;
}

int segmentIndexAt(const streaming::Rendition& rendition, double t_s) {
    if (rendition.segments.empty() || rendition.timescale <= 0)
        return 0;
    const auto at = static_cast<int64_t>(t_s * rendition.timescale);
    for (size_t i = 0; i < rendition.segments.size(); ++i) {
        const streaming::Segment& segment = rendition.segments[i];
        if (at < segment.start + segment.duration)
            return int(i);
    }
    return int(rendition.segments.size()) - 1;
}

SegmentFetcher::SegmentFetcher(std::shared_ptr<PresentationStore> store, FetcherSetup setup)
    : m_store(std::move(store)), m_setup(std::move(setup)) {}

SegmentFetcher::~SegmentFetcher() {
    stop();
}

void SegmentFetcher::start(uint64_t generation, int segment_index) {
    {
        std::lock_guard lock(m_mutex);
        m_generation = generation;
        m_live_generation = generation;
        m_next_index = segment_index;
    }
    if (auto presentation = m_store->get())
        if (const streaming::Rendition* first = rendition(*presentation, 0))
            m_buffered_end_s = segmentStartS(*first, segment_index);
    m_thread = std::thread([this] { run(); });
}

void SegmentFetcher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_stopping = true;
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SegmentFetcher::restart(uint64_t generation, int segment_index) {
    double start_s = 0;
    if (auto presentation = m_store->get())
        if (const streaming::Rendition* first = rendition(*presentation, 0))
            start_s = segmentStartS(*first, segment_index);
    {
        std::lock_guard lock(m_mutex);
        m_generation = generation;
        m_live_generation = generation;
        m_next_index = segment_index;
        m_queue.clear();
        m_end_sent = false;
        m_buffered_end_s = start_s;
    }
    m_starting = true;
    m_changed.notify_all();
}

void SegmentFetcher::cancelWaiters() {
    m_changed.notify_all();
}

std::optional<FetchedSegment> SegmentFetcher::pop(uint64_t generation) {
    std::unique_lock lock(m_mutex);
    while (true) {
        if (m_stop)
            return std::nullopt;
        while (!m_queue.empty() && m_queue.front().generation != generation)
            m_queue.pop_front();
        if (!m_queue.empty()) {
            FetchedSegment segment = std::move(m_queue.front());
            m_queue.pop_front();
            lock.unlock();
            m_changed.notify_all();
            return segment;
        }
        if (m_generation != generation)
            return std::nullopt; // the caller is behind a seek: let it pick up the new generation
        m_changed.wait_for(lock, std::chrono::milliseconds(100));
    }
}

bool SegmentFetcher::cancelled(uint64_t generation) const {
    return m_stopping || m_live_generation != generation;
}

bool SegmentFetcher::sleepFor(double seconds, uint64_t generation) {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, std::chrono::duration<double>(seconds),
                       [&] { return m_stop || m_generation != generation; });
    return !m_stop && m_generation == generation;
}

bool SegmentFetcher::wantsMore() const {
    if (m_stop || m_end_sent || m_queue.size() >= kMaxQueuedSegments)
        return false;
    return m_buffered_end_s - m_playhead_s < m_setup.buffer_target_s;
}

const streaming::Rendition* SegmentFetcher::rendition(const streaming::Presentation& presentation,
                                                      int rung) const {
    if (rung < 0 || rung >= int(m_setup.rendition_ids.size()))
        return nullptr;
    return presentation.find(m_setup.rendition_ids[size_t(rung)]);
}

AbrContext SegmentFetcher::abrContext(const streaming::Presentation& presentation, int index) const {
    AbrContext context;
    for (size_t rung = 0; rung < m_setup.rendition_ids.size(); ++rung)
        if (const streaming::Rendition* r = rendition(presentation, int(rung)))
            context.bitrates_bps.push_back(r->bandwidth_bps);
    context.segment_duration_s = presentation.target_segment_ms / 1000.0;
    context.buffer_s = std::max(0.0, m_buffered_end_s - m_playhead_s);
    context.buffer_capacity_s = m_setup.buffer_target_s;
    context.last_rung = m_last_rung;
    context.segment_index = index;
    if (presentation.state == streaming::PresentationState::Complete)
        if (const streaming::Rendition* first = rendition(presentation, 0))
            context.segments_total = int(first->segments.size());
    context.playback_rate = m_speed;
    context.starting = m_starting;
    return context;
}

int SegmentFetcher::chooseRung(const streaming::Presentation& presentation, int index, std::string& reason) {
    const int rungs = int(m_setup.rendition_ids.size());
    const int manual = m_manual_rung;
    if (manual >= 0) {
        reason = "manual";
        return std::min(manual, rungs - 1);
    }
    reason = "abr";
    if (!m_setup.abr)
        return 0;
    return std::clamp(m_setup.abr->chooseRung(abrContext(presentation, index)), 0, rungs - 1);
}

int SegmentFetcher::listedAtOrBelow(const streaming::Presentation& presentation, int rung, int index) const {
    for (; rung >= 0; --rung)
        if (const streaming::Rendition* r = rendition(presentation, rung);
            r && index < int(r->segments.size()))
            return rung;
    return -1;
}

std::optional<SegmentFetcher::RungPick> SegmentFetcher::pickRung(const streaming::Presentation& presentation,
                                                                 int index) {
    const int top = int(m_setup.rendition_ids.size()) - 1;
    if (m_setup.kind != TrackKind::Video)
        return listedAtOrBelow(presentation, 0, index) == 0 ? std::optional(RungPick{0, 0, ""})
                                                            : std::nullopt;
    if (listedAtOrBelow(presentation, top, index) < 0)
        return std::nullopt; // listed nowhere yet: no ABR decision to make
    RungPick pick;
    pick.chosen = chooseRung(presentation, index, pick.reason);
    // Each rung's playlist grows on its own and low rungs encode faster, so the chosen one may be a segment
    // behind: the best rung below it that has the segment stands in, for this segment only.
    pick.rung = listedAtOrBelow(presentation, pick.chosen, index);
    if (pick.rung < 0)
        return std::nullopt;
    if (pick.rung != pick.chosen)
        pick.reason = kStandInReason;
    return pick;
}

Result<std::string> SegmentFetcher::download(const std::string& url, uint64_t generation, int rung,
                                             bool video_segment, int index, std::optional<int>& abandon_to) {
    transfer::HttpCall call;
    call.url = url;
    call.headers = m_setup.headers;
    call.timeout_ms = kSegmentTimeoutMs;
    const auto started = Clock::now();
    int64_t last_poll_ms = 0;
    int64_t loaded = 0;
    const bool may_abandon = video_segment && m_setup.abr && m_manual_rung < 0 && rung > 0;
    auto presentation = m_store->get();
    call.on_download_progress = [&](int64_t received, int64_t total) {
        if (cancelled(generation))
            return false;
        loaded = received;
        const int64_t elapsed = msSince(started);
        if (!may_abandon || elapsed - last_poll_ms < kAbandonPollMs)
            return true;
        last_poll_ms = elapsed;
        const DownloadProgress progress{rung, received, total, elapsed};
        const std::optional<int> lower =
            m_setup.abr->shouldAbandon(progress, abrContext(*presentation, index));
        const int listed = lower ? listedAtOrBelow(*presentation, *lower, index) : -1;
        if (listed >= 0 && listed < rung) {
            abandon_to = listed;
            return false;
        }
        return true;
    };
    auto reply = m_http.perform(call);
    if (abandon_to) {
        m_setup.abr->onDownloadComplete(DownloadSample{rung, loaded, msSince(started), 0});
        m_estimate_bps = m_setup.abr->estimateBps();
        return makeError("abandoned", "download abandoned");
    }
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return httpFailure(reply->status, reply->body);
    if (video_segment && m_setup.abr) {
        m_setup.abr->onDownloadComplete(
            DownloadSample{rung, int64_t(reply->body.size()), reply->elapsed_ms, reply->ttfb_ms});
        m_estimate_bps = m_setup.abr->estimateBps();
    }
    return std::move(reply->body);
}

Result<std::shared_ptr<const std::string>> SegmentFetcher::initFor(const streaming::Rendition& rendition,
                                                                   uint64_t generation) {
    if (rendition.init_uri.empty())
        return std::make_shared<const std::string>();
    if (auto known = m_inits.find(rendition.id); known != m_inits.end())
        return known->second;
    std::optional<int> none;
    auto body = download(rendition.init_uri, generation, 0, false, 0, none);
    if (!body)
        return body.error();
    auto init = std::make_shared<const std::string>(std::move(*body));
    m_inits[rendition.id] = init;
    return init;
}

Result<std::string> SegmentFetcher::keyFor(const std::string& key_uri, uint64_t generation) {
    if (auto known = m_keys.find(key_uri); known != m_keys.end())
        return known->second;
    std::optional<int> none;
    auto key = download(key_uri, generation, 0, false, 0, none);
    if (!key)
        return key.error();
    if (key->size() != 16)
        return makeError("bad_key", "the AES-128 key is not 16 bytes");
    m_keys[key_uri] = *key;
    return std::move(*key);
}

SegmentFetcher::Outcome SegmentFetcher::fetchSegment(const streaming::Presentation& presentation,
                                                     uint64_t generation, int index, const RungPick& pick) {
    const bool video = m_setup.kind == TrackKind::Video;
    std::string reason = pick.reason;
    int rung = pick.rung;
    while (true) {
        const streaming::Rendition* current = rendition(presentation, rung); // lists segment `index`
        const streaming::Segment& segment = current->segments[size_t(index)];
        std::string last_error;
        bool restarted = false;
        for (size_t attempt = 0; attempt <= std::size(kRetryBackoffS); ++attempt) {
            if (attempt > 0) {
                PlayerEvent event;
                event.type = PlayerEventType::SegmentRetried;
                event.reason = last_error;
                event.value = int64_t(attempt);
                m_setup.emit(event);
                if (!sleepFor(kRetryBackoffS[attempt - 1], generation))
                    return Outcome::Cancelled;
            }
            std::optional<int> abandon_to;
            auto init = initFor(*current, generation);
            Result<std::string> body = init
                                           ? download(segment.uri, generation, rung, video, index, abandon_to)
                                           : Result<std::string>(init.error());
            if (cancelled(generation))
                return Outcome::Cancelled;
            if (abandon_to) { // restart this segment at the lower rung the controller asked for
                rung = *abandon_to;
                reason = "abandon";
                restarted = true;
                break;
            }
            if (body && !segment.key_uri.empty()) {
                auto key = keyFor(segment.key_uri, generation);
                body = key ? decryptAes128Cbc(*body, *key, segment.key_iv) : Result<std::string>(key.error());
            }
            if (!body && isExpiredUrl(body.error()))
                return Outcome::Expired; // retries and lower rungs would be refused alike
            if (!body) {
                last_error =
                    current->id + " segment " + std::to_string(segment.number) + ": " + body.error().message;
                continue;
            }
            FetchedSegment fetched;
            fetched.generation = generation;
            fetched.index = index;
            fetched.rung = rung;
            fetched.reason = reason;
            fetched.init = *init;
            fetched.data = std::move(*body);
            fetched.start_s = double(segment.start) / current->timescale;
            fetched.end_s = double(segment.start + segment.duration) / current->timescale;
            {
                std::lock_guard lock(m_mutex);
                if (m_generation != generation)
                    return Outcome::Cancelled;
                m_buffered_end_s = fetched.end_s;
                m_queue.push_back(std::move(fetched));
                if (m_next_index == index)
                    m_next_index = index + 1;
            }
            // A stand-in leaves the ABR's view alone: its choice is tried again for the next segment.
            m_last_rung = reason == kStandInReason ? pick.chosen : rung;
            m_starting = false;
            m_changed.notify_all();
            m_setup.wake();
            return Outcome::Done;
        }
        if (restarted)
            continue;
        // Every try failed: a lower rung in Auto, else the session cannot go on.
        if (const int lower = listedAtOrBelow(presentation, rung - 1, index);
            video && m_manual_rung < 0 && lower >= 0) {
            rung = lower;
            reason = "error";
            continue;
        }
        m_setup.fail("cannot load " + last_error);
        return Outcome::Failed;
    }
}

void SegmentFetcher::requestReload() {
    m_reload_asked = true;
    m_changed.notify_all();
}

void SegmentFetcher::run() {
    auto last_reload = Clock::now();
    while (true) {
        uint64_t generation = 0;
        int index = 0;
        bool wants = false;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait_for(lock, std::chrono::milliseconds(100),
                               [&] { return wantsMore() || m_reload_asked; });
            if (m_stop)
                return;
            wants = wantsMore();
            generation = m_generation;
            index = m_next_index;
        }
        auto presentation = m_store->get();
        const streaming::Rendition* first = presentation ? rendition(*presentation, 0) : nullptr;
        if (!first)
            return;
        if (m_reload_asked.exchange(false)) { // a renewed address: later requests use the new URIs
            if (const Outcome reloaded = reload(); reloaded != Outcome::Done) {
                if (reloaded == Outcome::Failed || !awaitRenewal(presentation))
                    return idleUntilStopped();
            }
            continue;
        }
        if (!wants)
            continue;
        const bool complete = presentation->state == streaming::PresentationState::Complete;
        if (complete && index >= int(first->segments.size())) {
            std::lock_guard lock(m_mutex);
            if (m_generation == generation) {
                FetchedSegment end;
                end.generation = generation;
                end.end_of_stream = true;
                m_queue.push_back(std::move(end));
                m_end_sent = true;
            }
            m_setup.wake();
            continue;
        }
        const std::optional<RungPick> pick = pickRung(*presentation, index);
        if (!pick && complete) {
            m_setup.fail("the presentation has no segment " + std::to_string(index + 1) + " for rendition " +
                         first->id);
            return idleUntilStopped();
        }
        if (!pick) {
            // Growing: the video fetcher reloads every target duration; the audio one waits for it.
            const double target_s = presentation->target_segment_ms / 1000.0;
            if (m_setup.reload && msSince(last_reload) >= int64_t(target_s * 1000)) {
                last_reload = Clock::now();
                if (const Outcome reloaded = reload(); reloaded != Outcome::Done) {
                    if (reloaded == Outcome::Failed || !awaitRenewal(presentation))
                        return idleUntilStopped();
                }
            }
            sleepFor(0.25, generation);
            continue;
        }
        const Outcome fetched = fetchSegment(*presentation, generation, index, *pick);
        if (fetched == Outcome::Failed || (fetched == Outcome::Expired && !awaitRenewal(presentation)))
            return idleUntilStopped();
    }
}

SegmentFetcher::Outcome SegmentFetcher::reload() {
    auto reloaded = m_setup.reload();
    if (reloaded) {
        m_store->set(std::move(*reloaded));
        m_reload_failures = 0;
        return Outcome::Done;
    }
    const Error& error = reloaded.error();
    if (isExpiredUrl(error))
        return Outcome::Expired;
    // Processing failed (its outputs are removed), the video was deleted or made private: it is not coming
    // back, so say so rather than buffer forever. Other failures may pass, a few times.
    if (isPermanent(error)) {
        m_setup.fail(describeFailure(error));
        return Outcome::Failed;
    }
    if (++m_reload_failures >= kMaxReloadFailures) {
        m_setup.fail("the video's playlist cannot be reloaded: " + describeFailure(error));
        return Outcome::Failed;
    }
    return Outcome::Done;
}

bool SegmentFetcher::awaitRenewal(const std::shared_ptr<const streaming::Presentation>& stale) {
    const std::string expired = describeFailure(makeError(std::string(kUrlExpired), ""));
    if (!m_setup.expired) {
        m_setup.fail(expired);
        return false;
    }
    if (m_store->get() != stale)
        return true; // renewed while this request was refused
    m_setup.expired();
    const auto since = Clock::now();
    while (m_store->get() == stale) {
        if (m_stopping)
            return false;
        // The video fetcher loads the renewed address itself (the audio one waits for it).
        if (m_setup.reload && m_reload_asked.exchange(false) && reload() == Outcome::Failed)
            return false;
        if (msSince(since) >= kRenewalWaitMs) {
            m_setup.fail(expired);
            return false;
        }
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(100), [&] { return m_stop || m_reload_asked; });
    }
    return true;
}

void SegmentFetcher::idleUntilStopped() {
    std::unique_lock lock(m_mutex); // failed sessions idle until stopped
    m_changed.wait(lock, [&] { return m_stop; });
}

} // namespace fc::playback
