#include "core/playback/player_engine.h"

#include <algorithm>
#include <cmath>

#include "core/playback/fetch_failure.h"
#include "core/playback/player_engine_impl.h"
#include "core/streaming/dash_parser.h"
#include "core/streaming/hls_parser.h"
#include "core/transfer/http_client.h"

namespace fc::playback {
namespace {

enum class ManifestKind { Invalid = 0, Hls, Dash };

ManifestKind kindOfUrl(const std::string& url) {
    const std::string path = url.substr(0, url.find_first_of("?#"));
    auto endsWith = [&](const char* suffix) {
        const std::string s(suffix);
        return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
    };
    if (endsWith(".mpd"))
        return ManifestKind::Dash;
    if (endsWith(".m3u8"))
        return ManifestKind::Hls;
    return ManifestKind::Invalid;
}

// Manifests over HTTP with the session's headers; aborted as soon as `abort` says so.
streaming::ManifestLoader httpLoader(std::shared_ptr<transfer::HttpClient> http, transfer::HeaderList headers,
                                     std::function<bool()> abort) {
    return [http, headers, abort](const std::string& uri) -> Result<std::string> {
        transfer::HttpCall call;
        call.url = uri;
        call.headers = headers;
        call.timeout_ms = 15000;
        call.on_download_progress = [abort](int64_t, int64_t) { return !abort(); };
        auto reply = http->perform(call);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return httpFailure(reply->status, reply->body);
        return std::move(reply->body);
    };
}

Result<streaming::Presentation> loadPresentation(const std::string& url,
                                                 const streaming::ManifestLoader& load) {
    ManifestKind kind = kindOfUrl(url);
    if (kind == ManifestKind::Invalid) { // by content: an MPD is XML, a playlist starts with #EXTM3U
        auto text = load(url);
        if (!text)
            return text.error();
        kind = text->find("#EXTM3U") != std::string::npos ? ManifestKind::Hls : ManifestKind::Dash;
        if (kind == ManifestKind::Dash)
            return streaming::parseDashMpd(*text, url);
    }
    return kind == ManifestKind::Dash ? streaming::loadDashPresentation(url, load)
                                      : streaming::loadHlsPresentation(url, load);
}

} // namespace

int64_t PlayerEngine::Impl::nowMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - opened_at).count();
}

void PlayerEngine::Impl::post(std::function<void()> command) {
    {
        std::lock_guard lock(command_mutex);
        commands.push_back(std::move(command));
    }
    command_ready.notify_one();
}

void PlayerEngine::Impl::wake() {
    {
        std::lock_guard lock(command_mutex);
        woken = true;
    }
    command_ready.notify_one();
}

void PlayerEngine::Impl::fail(const std::string& message) {
    {
        std::lock_guard lock(out_mutex);
        if (failure.empty()) // shown to the viewer: never a (signed) URL
            failure = message.empty() ? std::string("playback failed") : withoutUrls(message);
    }
    wake();
}

void PlayerEngine::Impl::emit(PlayerEvent event) {
    event.at_ms = nowMs();
    if (event.position_s == 0)
        event.position_s = position_for_events;
    {
        std::lock_guard lock(out_mutex);
        events.push_back(std::move(event));
    }
    if (wakeup)
        wakeup();
}

void PlayerEngine::Impl::setState(PlayerState state) {
    if (snap.state == state)
        return;
    snap.state = state;
    PlayerEvent event;
    event.type = PlayerEventType::StateChanged;
    event.value = static_cast<int64_t>(state);
    event.position_s = snap.position_s;
    emit(event);
}

void PlayerEngine::Impl::loop() {
    while (true) {
        std::deque<std::function<void()>> batch;
        {
            std::unique_lock lock(command_mutex);
            const auto timeout = sleepBudget();
            command_ready.wait_for(lock, timeout, [&] { return !commands.empty() || woken || quitting; });
            batch.swap(commands);
            woken = false;
        }
        if (quitting)
            break;
        for (auto& command : batch)
            command();
        tick();
        publish(false);
    }
    teardownPipeline();
}

void PlayerEngine::Impl::teardownPipeline() {
    // Fetchers first (their downloads abort through curl's progress callback), then the decoders.
    if (video_fetcher)
        video_fetcher->stop();
    if (audio_fetcher)
        audio_fetcher->stop();
    video_worker.reset();
    audio_worker.reset();
    video_fetcher.reset();
    audio_fetcher.reset();
    video_local.clear();
    audio_pending.clear();
    spans.clear();
    if (audio_enabled) {
        audio_sink.setPaused(true);
        audio_sink.flush();
    }
    audio_enabled = false;
}

void PlayerEngine::Impl::doOpen(PlayerOptions opts) {
    teardownPipeline();
    {
        std::lock_guard lock(out_mutex);
        failure.clear();
    }
    options = std::move(opts);
    {
        std::lock_guard lock(out_mutex);
        address = options.manifest_url;
    }
    opened_at = SteadyClock::now();
    const double speed = snap.speed;
    const double volume = snap.volume;
    const bool muted = snap.muted;
    snap = PlayerSnapshot{};
    snap.speed = speed;
    snap.volume = volume;
    snap.muted = muted;
    paused = options.start_paused;
    snap.paused = paused;
    first_frame_done = false;
    rung_on_screen = -1;
    stalled = false;
    setState(PlayerState::Loading);
    publish(true);

    auto http = std::make_shared<transfer::HttpClient>();
    auto load = httpLoader(http, options.headers, [this] { return quitting.load(); });
    auto presentation = loadPresentation(options.manifest_url, load);
    if (!presentation) {
        fail("cannot load the video: " + describeFailure(presentation.error()));
        return;
    }
    video_ids.clear();
    audio_id.clear();
    video_codecs_declared.clear();
    audio_codecs_declared.clear();
    for (const streaming::Rendition& rendition : presentation->renditions) {
        if (rendition.kind == streaming::MediaKind::Video && !rendition.segments.empty()) {
            video_ids.push_back(rendition.id);
            snap.renditions.push_back(RenditionInfo{rendition.id, rendition.width, rendition.height,
                                                    rendition.bandwidth_bps, rendition.codecs});
            if (rendition.frame_rate > 0)
                frame_interval_s = 1.0 / rendition.frame_rate;
        } else if (rendition.kind == streaming::MediaKind::Audio && audio_id.empty() &&
                   !rendition.segments.empty()) {
            audio_id = rendition.id;
            audio_codecs_declared = rendition.codecs;
        }
    }
    if (video_ids.empty()) {
        fail("the presentation has no video rendition");
        return;
    }
    snap.duration_s = presentation->durationSeconds();
    store = std::make_shared<PresentationStore>();
    store->set(std::move(*presentation));
    startPipeline(std::clamp(options.start_position_s, 0.0, std::max(0.0, snap.duration_s - 0.05)));
    if (!options.start_paused)
        snap.paused = false;
}

void PlayerEngine::Impl::startPipeline(double start_s) {
    audio_enabled = !audio_id.empty() && audio_sink.open(sync::kOutputRateHz, sync::kOutputChannels);
    if (audio_enabled) {
        audio_sink.setPaused(true);
        audio_sink.flush();
        audio_sink.setVolume(snap.muted ? 0.0 : snap.volume);
    }
    ++generation;
    auto shared = store->get();
    auto wake_fn = [this] { wake(); };
    auto fail_fn = [this](const std::string& message) { fail(message); };
    auto emit_fn = [this](PlayerEvent event) { emit(std::move(event)); };

    FetcherSetup video;
    video.kind = TrackKind::Video;
    video.rendition_ids = video_ids;
    video.headers = options.headers;
    video.buffer_target_s = options.buffer_target_s;
    video.abr = makeAbrController(options.abr_controller);
    if (video.abr && options.initial_estimate_bps > 0)
        video.abr->seedEstimate(options.initial_estimate_bps);
    // Growing presentations reload as they grow; any presentation reloads when its address is renewed.
    video.reload = [headers = options.headers, this]() {
        std::string url;
        {
            std::lock_guard lock(out_mutex);
            url = address;
        }
        auto http = std::make_shared<transfer::HttpClient>();
        return loadPresentation(url, httpLoader(http, headers, [this] { return quitting.load(); }));
    };
    std::function<void()> expired_fn;
    if (options.expired_urls == ExpiredUrls::AwaitRenewal)
        expired_fn = [this] {
            PlayerEvent event;
            event.type = PlayerEventType::UrlExpired;
            emit(event);
        };
    video.expired = expired_fn;
    video.emit = emit_fn;
    video.fail = fail_fn;
    video.wake = wake_fn;
    video_fetcher = std::make_unique<SegmentFetcher>(store, std::move(video));
    video_fetcher->setManualRung(snap.selected_rung);
    video_fetcher->setPlaybackRate(snap.speed);
    video_worker =
        std::make_unique<DecodeWorker>(TrackKind::Video, *video_fetcher, frame_interval_s, wake_fn, fail_fn);
    if (audio_enabled) {
        FetcherSetup audio;
        audio.kind = TrackKind::Audio;
        audio.rendition_ids = {audio_id};
        audio.headers = options.headers;
        audio.buffer_target_s = options.buffer_target_s;
        audio.emit = emit_fn;
        audio.fail = fail_fn;
        audio.expired = expired_fn;
        audio.wake = wake_fn;
        audio_fetcher = std::make_unique<SegmentFetcher>(store, std::move(audio));
        audio_worker = std::make_unique<DecodeWorker>(TrackKind::Audio, *audio_fetcher, frame_interval_s,
                                                      wake_fn, fail_fn);
        audio_worker->setSpeed(snap.speed);
    }
    clock_base_s = start_s;
    wall_anchor_media_s = start_s;
    wall_running = false;
    on_wall_clock = !audio_enabled;
    written_frames = 0;
    pending_offset_frames = 0;
    video_eos = audio_eos = false;
    shown_since_flush = false;
    seek_pending = false;
    snap.position_s = start_s;
    // Frames before a non-zero start are decoded and dropped, as after a seek.
    const double discard_before = start_s > 0 ? start_s : -1e9;
    video_fetcher->setPlayhead(start_s);
    video_fetcher->start(generation, segmentIndexAt(*shared->find(video_ids.front()), start_s));
    video_worker->start(generation, discard_before);
    if (audio_enabled) {
        audio_fetcher->setPlayhead(start_s);
        audio_fetcher->start(generation, segmentIndexAt(*shared->find(audio_id), start_s));
        // Audio before media time 0 is the encoder's priming (AAC: 1024 samples), never meant to be heard.
        audio_worker->start(generation, std::max(start_s, 0.0));
    }
    setState(PlayerState::Buffering);
}

void PlayerEngine::Impl::flushTo(double position_s) {
    ++generation;
    auto shared = store->get();
    video_fetcher->setPlayhead(position_s);
    video_fetcher->restart(generation, segmentIndexAt(*shared->find(video_ids.front()), position_s));
    video_worker->restart(generation, position_s);
    if (audio_enabled) {
        audio_fetcher->setPlayhead(position_s);
        audio_fetcher->restart(generation, segmentIndexAt(*shared->find(audio_id), position_s));
        audio_worker->restart(generation, position_s);
        audio_sink.setPaused(true);
        audio_sink.flush();
    }
    video_local.clear();
    audio_pending.clear();
    pending_offset_frames = 0;
    spans.clear();
    written_frames = 0;
    clock_base_s = position_s;
    wall_anchor_media_s = position_s;
    wall_running = false;
    on_wall_clock = !audio_enabled;
    video_eos = audio_eos = false;
    shown_since_flush = false;
    snap.position_s = position_s;
    position_for_events = position_s;
}

// ---- the public face: every command is queued for the core thread ----

PlayerEngine::PlayerEngine(VideoSink& video_sink, AudioSink& audio_sink, std::function<void()> wakeup)
    : m_impl(std::make_unique<Impl>(video_sink, audio_sink, std::move(wakeup))) {
    installLibavLogFilter(); // before any decode thread runs, so it never races libav's logging
    m_impl->published.state = PlayerState::Idle;
    m_impl->snap.state = PlayerState::Idle;
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->loop(); });
}

PlayerEngine::~PlayerEngine() {
    m_impl->quitting = true;
    m_impl->command_ready.notify_all();
    if (m_impl->thread.joinable())
        m_impl->thread.join();
}

void PlayerEngine::open(PlayerOptions options) {
    m_impl->post(
        [impl = m_impl.get(), options = std::move(options)]() mutable { impl->doOpen(std::move(options)); });
}

void PlayerEngine::play() {
    m_impl->post([impl = m_impl.get()] {
        Impl& s = *impl;
        if (s.snap.state == PlayerState::Ended) { // play again from the start
            s.paused = false;
            s.snap.paused = false;
            s.flushTo(0);
            s.setState(PlayerState::Buffering);
            return;
        }
        s.paused = false;
        s.snap.paused = false;
        if (s.snap.state == PlayerState::Paused)
            s.startRunning();
    });
}

void PlayerEngine::pause() {
    m_impl->post([impl = m_impl.get()] {
        Impl& s = *impl;
        s.paused = true;
        s.snap.paused = true;
        if (s.snap.state == PlayerState::Playing) {
            if (s.audio_enabled)
                s.audio_sink.setPaused(true);
            s.pauseClock();
            s.setState(PlayerState::Paused);
        }
    });
}

void PlayerEngine::seek(double position_s) {
    m_impl->post([impl = m_impl.get(), position_s] {
        Impl& s = *impl;
        const PlayerState state = s.snap.state;
        if (!s.video_fetcher || state == PlayerState::Failed || state == PlayerState::Idle ||
            state == PlayerState::Loading)
            return;
        const double target = std::clamp(position_s, 0.0, std::max(0.0, s.snap.duration_s - 0.05));
        s.flushTo(target);
        s.seek_pending = true;
        if (s.stalled)
            s.stalled = false; // a seek ends a stall without counting it as rebuffering
        s.setState(PlayerState::Buffering);
    });
}

void PlayerEngine::setSpeed(double speed) {
    m_impl->post([impl = m_impl.get(), speed] {
        Impl& s = *impl;
        const double clamped = std::clamp(speed, 0.25, 2.0);
        const bool running = s.wall_running;
        if (running)
            s.pauseClock();
        s.snap.speed = clamped;
        if (running)
            s.resumeClock();
        if (s.audio_worker)
            s.audio_worker->setSpeed(clamped);
        if (s.video_fetcher)
            s.video_fetcher->setPlaybackRate(clamped);
    });
}

void PlayerEngine::setVolume(double linear_0_to_1) {
    m_impl->post([impl = m_impl.get(), linear_0_to_1] {
        impl->snap.volume = std::clamp(linear_0_to_1, 0.0, 1.0);
        impl->audio_sink.setVolume(impl->snap.muted ? 0.0 : impl->snap.volume);
    });
}

void PlayerEngine::setMuted(bool muted) {
    m_impl->post([impl = m_impl.get(), muted] {
        impl->snap.muted = muted;
        impl->audio_sink.setVolume(muted ? 0.0 : impl->snap.volume);
    });
}

void PlayerEngine::selectRung(int rung_index) {
    m_impl->post([impl = m_impl.get(), rung_index] {
        Impl& s = *impl;
        const int rungs = int(s.video_ids.size());
        const int rung = rung_index < 0 || rungs == 0 ? -1 : std::min(rung_index, rungs - 1);
        s.snap.selected_rung = rung;
        s.snap.auto_rung = rung < 0;
        if (!s.video_fetcher)
            return;
        s.video_fetcher->setManualRung(rung);
        // A manual choice shows at once: refetch from the playhead at the new rung (as a seek would).
        const PlayerState state = s.snap.state;
        if (rung >= 0 && rung != s.rung_on_screen &&
            (state == PlayerState::Playing || state == PlayerState::Paused ||
             state == PlayerState::Buffering)) {
            const double at = s.snap.position_s;
            s.flushTo(at);
            if (state != PlayerState::Buffering)
                s.setState(PlayerState::Buffering);
        }
    });
}

void PlayerEngine::setManifestUrl(std::string manifest_url) {
    m_impl->post([impl = m_impl.get(), url = std::move(manifest_url)]() mutable {
        {
            std::lock_guard lock(impl->out_mutex);
            impl->address = url;
        }
        impl->options.manifest_url = std::move(url);
        if (impl->video_fetcher)
            impl->video_fetcher->requestReload();
    });
}

void PlayerEngine::stop() {
    m_impl->post([impl = m_impl.get()] {
        impl->teardownPipeline();
        impl->setState(PlayerState::Idle);
        impl->publish(true);
    });
}

PlayerSnapshot PlayerEngine::snapshot() const {
    std::lock_guard lock(m_impl->out_mutex);
    return m_impl->published;
}

std::vector<PlayerEvent> PlayerEngine::takeEvents() {
    std::lock_guard lock(m_impl->out_mutex);
    std::vector<PlayerEvent> events;
    events.swap(m_impl->events);
    return events;
}

} // namespace fc::playback
