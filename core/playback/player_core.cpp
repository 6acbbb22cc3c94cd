// The core thread's tick: pull decoded output, keep the audio sink fed, read the clock, show frames when due,
// and move between Buffering / Playing / Paused / Ended / Failed. The maths is in av_sync.h.
#include <algorithm>
#include <cmath>

#include "core/playback/player_engine_impl.h"

namespace fc::playback {
namespace {

constexpr size_t kVideoLocalFrames = 3;
constexpr int64_t kAudioLocalFrames = sync::kOutputRateHz / 4;      // decoded audio held by the core
constexpr int64_t kAudioAheadFrames = sync::kOutputRateHz * 3 / 10; // written to the sink but unplayed
constexpr int64_t kAudioStartFrames = sync::kOutputRateHz / 10;
constexpr int64_t kPublishEveryMs = 100;

// "avc1.64001e (h264, vaapi)": the manifest's codecs string and, once a segment was decoded, the decoder now
// in use.
std::string codecDescription(const std::string& declared, const DecodeWorker* worker) {
    const std::string name = worker ? worker->codecName() : std::string();
    if (declared.empty() || name.empty())
        return declared;
    return declared + " (" + name + ")";
}

} // namespace

double PlayerEngine::Impl::clockNow() const {
    if (!on_wall_clock) {
        const auto at = sync::mediaTimeAtPlayedFrames(spans, audio_sink.playedFrames());
        return at ? *at : clock_base_s;
    }
    if (!wall_running)
        return wall_anchor_media_s;
    const double elapsed = std::chrono::duration<double>(SteadyClock::now() - wall_anchor).count();
    return sync::wallClockMediaTime(wall_anchor_media_s, elapsed, snap.speed);
}

void PlayerEngine::Impl::pauseClock() {
    if (on_wall_clock && wall_running) {
        wall_anchor_media_s = clockNow();
        wall_running = false;
    }
}

void PlayerEngine::Impl::resumeClock() {
    if (on_wall_clock && !wall_running) {
        wall_anchor = SteadyClock::now();
        wall_running = true;
    }
}

void PlayerEngine::Impl::pullDecoded() {
    while (video_worker && !video_eos && video_local.size() < kVideoLocalFrames) {
        auto item = video_worker->take();
        if (!item)
            break;
        if (item->end_of_stream)
            video_eos = true;
        else
            video_local.push_back(std::move(*item));
    }
    int64_t held = 0;
    for (const AudioChunk& chunk : audio_pending)
        held += chunk.frames;
    while (audio_worker && !audio_eos && held < kAudioLocalFrames) {
        auto item = audio_worker->take();
        if (!item)
            break;
        if (item->end_of_stream) {
            audio_eos = true;
            break;
        }
        held += item->chunk.frames;
        audio_pending.push_back(std::move(item->chunk));
    }
}

void PlayerEngine::Impl::feedAudio() {
    if (!audio_enabled)
        return;
    const int64_t played = audio_sink.playedFrames();
    while (!audio_pending.empty() && written_frames - played < kAudioAheadFrames) {
        const AudioChunk& chunk = audio_pending.front();
        const int64_t left = chunk.frames - pending_offset_frames;
        const int64_t taken =
            audio_sink.write(chunk.samples.data() + pending_offset_frames * sync::kOutputChannels, left);
        if (taken <= 0)
            break;
        spans.push_back(sync::AudioSpan{written_frames, taken,
                                        chunk.media_start_s +
                                            double(pending_offset_frames) * chunk.speed / sync::kOutputRateHz,
                                        chunk.speed});
        written_frames += taken;
        pending_offset_frames += taken;
        if (pending_offset_frames >= chunk.frames) {
            audio_pending.pop_front();
            pending_offset_frames = 0;
        }
    }
    sync::trimPlayedSpans(spans, played);
    // Audio ran out for good: the clock carries on from its last sample on the wall clock.
    if (!on_wall_clock && audio_eos && audio_pending.empty() && played >= written_frames) {
        wall_anchor_media_s = clockNow();
        on_wall_clock = true;
        wall_running = false;
        if (snap.state == PlayerState::Playing)
            resumeClock();
    }
}

void PlayerEngine::Impl::present(DecodedItem& item) {
    video_sink.presentFrame(*item.frame);
    ++snap.stats.presented_frames;
    snap.stats.width = item.frame->width();
    snap.stats.height = item.frame->height();
    last_shown_pts_s = item.pts_s;
    shown_since_flush = true;
    if (item.rung != rung_on_screen) {
        const int from = rung_on_screen;
        rung_on_screen = item.rung;
        const std::string& id = video_ids[size_t(std::clamp(item.rung, 0, int(video_ids.size()) - 1))];
        snap.stats.rung_id = id;
        for (const RenditionInfo& info : snap.renditions)
            if (info.id == id) {
                snap.stats.rung_bitrate_bps = info.bandwidth_bps;
                video_codecs_declared = info.codecs;
            }
        if (from >= 0) {
            ++snap.stats.switch_count;
            PlayerEvent event;
            event.type = PlayerEventType::RungSwitched;
            event.position_s = item.pts_s;
            event.from_rung = video_ids[size_t(std::clamp(from, 0, int(video_ids.size()) - 1))];
            event.to_rung = id;
            event.reason = item.reason.empty() ? "abr" : item.reason;
            emit(event);
        }
    }
    if (!first_frame_done) {
        first_frame_done = true;
        snap.stats.startup_ms = nowMs();
        PlayerEvent event;
        event.type = PlayerEventType::FirstFrame;
        event.position_s = item.pts_s;
        event.value = snap.stats.startup_ms;
        emit(event);
    }
    if (seek_pending) {
        seek_pending = false;
        PlayerEvent event;
        event.type = PlayerEventType::SeekCompleted;
        event.position_s = item.pts_s;
        emit(event);
    }
}

void PlayerEngine::Impl::presentDue(double clock_s) {
    while (!video_local.empty()) {
        DecodedItem& head = video_local.front();
        const std::optional<double> next =
            video_local.size() > 1 ? std::optional<double>(video_local[1].pts_s) : std::nullopt;
        const sync::FrameAction action = sync::frameAction(head.pts_s, next, clock_s, frame_interval_s);
        if (action == sync::FrameAction::Wait)
            break;
        if (action == sync::FrameAction::Drop)
            ++snap.stats.dropped_frames;
        else
            present(head);
        video_local.pop_front();
        pullDecoded();
    }
}

void PlayerEngine::Impl::startRunning() {
    setState(PlayerState::Playing);
    if (audio_enabled && !on_wall_clock)
        audio_sink.setPaused(false);
    resumeClock();
}

void PlayerEngine::Impl::enterStall() {
    stalled = true;
    stall_started = SteadyClock::now();
    ++snap.stats.stall_count;
    if (audio_enabled)
        audio_sink.setPaused(true);
    pauseClock();
    PlayerEvent event;
    event.type = PlayerEventType::StallStarted;
    event.position_s = snap.position_s;
    emit(event);
    setState(PlayerState::Buffering);
}

void PlayerEngine::Impl::updateStats(double clock_s) {
    if (store) // a growing presentation gets longer with each reload (the fetcher swaps it in the store)
        if (auto presentation = store->get(); presentation != seen_presentation) {
            snap.duration_s = presentation->durationSeconds();
            seen_presentation = std::move(presentation);
        }
    snap.position_s = std::clamp(clock_s, 0.0, std::max(snap.duration_s, 0.0));
    position_for_events = snap.position_s;
    double buffered = video_fetcher ? video_fetcher->bufferedEndS() : snap.position_s;
    if (audio_enabled && audio_fetcher)
        buffered = std::min(buffered, audio_fetcher->bufferedEndS());
    snap.buffered_until_s = std::max(buffered, snap.position_s);
    snap.stats.buffer_s = snap.buffered_until_s - snap.position_s;
    if (video_fetcher) {
        snap.stats.throughput_estimate_bps = video_fetcher->estimateBps();
        video_fetcher->setPlayhead(snap.position_s);
        video_fetcher->setStarting(!first_frame_done);
    }
    if (audio_fetcher)
        audio_fetcher->setPlayhead(snap.position_s);
    snap.stats.video_codec = codecDescription(video_codecs_declared, video_worker.get());
    snap.stats.audio_codec = codecDescription(audio_codecs_declared, audio_worker.get());
}

void PlayerEngine::Impl::tick() {
    std::string failed;
    {
        std::lock_guard lock(out_mutex);
        failed = failure;
    }
    if (!failed.empty() && snap.state != PlayerState::Failed && snap.state != PlayerState::Idle) {
        teardownPipeline();
        snap.error_message = failed;
        setState(PlayerState::Failed);
        PlayerEvent event;
        event.type = PlayerEventType::Error;
        event.reason = failed;
        emit(event);
        publish(true);
        return;
    }
    const PlayerState state = snap.state;
    if (state != PlayerState::Buffering && state != PlayerState::Playing && state != PlayerState::Paused)
        return;
    pullDecoded();
    feedAudio();
    const double clock_s = clockNow();

    if (state == PlayerState::Buffering) {
        // After open or a seek, show the first picture at once (also when paused).
        if (!shown_since_flush && !video_local.empty()) {
            present(video_local.front());
            video_local.pop_front();
            pullDecoded();
        }
        const bool video_ready = !video_local.empty() || video_eos || shown_since_flush;
        // Audio is ready with 100 ms queued in the sink (not counting what already played before a stall).
        const bool audio_ready = !audio_enabled || on_wall_clock || audio_eos ||
                                 written_frames - audio_sink.playedFrames() >= kAudioStartFrames;
        const bool have_more = !video_local.empty() || video_eos;
        if (video_ready && audio_ready && have_more) {
            if (stalled) {
                stalled = false;
                const int64_t stall_ms =
                    std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - stall_started)
                        .count();
                snap.stats.stall_ms += stall_ms;
                PlayerEvent event;
                event.type = PlayerEventType::StallEnded;
                event.value = stall_ms;
                emit(event);
            }
            if (paused)
                setState(PlayerState::Paused);
            else
                startRunning();
        }
    } else if (state == PlayerState::Playing) {
        presentDue(clock_s);
        const bool audio_done = !audio_enabled || on_wall_clock;
        if (video_eos && video_local.empty() && audio_done) {
            if (audio_enabled)
                audio_sink.setPaused(true);
            pauseClock();
            setState(PlayerState::Ended);
            PlayerEvent event;
            event.type = PlayerEventType::Ended;
            event.position_s = clock_s;
            emit(event);
        } else {
            const bool video_starved =
                video_local.empty() && !video_eos && clock_s > last_shown_pts_s + 2 * frame_interval_s;
            const bool audio_starved = audio_enabled && !on_wall_clock && !audio_eos &&
                                       audio_pending.empty() && audio_sink.playedFrames() >= written_frames;
            if (video_starved || audio_starved)
                enterStall();
        }
    }
    updateStats(clockNow());
}

std::chrono::milliseconds PlayerEngine::Impl::sleepBudget() const {
    using std::chrono::milliseconds;
    if (snap.state == PlayerState::Buffering)
        return milliseconds(5);
    if (snap.state != PlayerState::Playing)
        return milliseconds(50);
    // Until the next frame is due, at most 10 ms so the audio sink never runs low.
    if (video_local.empty())
        return milliseconds(5);
    const double wait_s = sync::wallSecondsUntilDue(video_local.front().pts_s, clockNow(), snap.speed);
    return milliseconds(std::clamp<int64_t>(int64_t(wait_s * 1000), 1, 10));
}

void PlayerEngine::Impl::publish(bool force) {
    const auto now = SteadyClock::now();
    const bool due =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - last_publish).count() >= kPublishEveryMs;
    {
        std::lock_guard lock(out_mutex);
        // Commands that change the snapshot while paused or ended show at once, not at the next play.
        const bool changed = published.state != snap.state || published.paused != snap.paused ||
                             published.selected_rung != snap.selected_rung || published.speed != snap.speed ||
                             published.volume != snap.volume || published.muted != snap.muted ||
                             published.duration_s != snap.duration_s;
        const bool moving = snap.state == PlayerState::Playing || snap.state == PlayerState::Buffering;
        if (!force && !(due && moving) && !changed)
            return;
        published = snap;
    }
    last_publish = now;
    if (wakeup)
        wakeup();
}

} // namespace fc::playback
