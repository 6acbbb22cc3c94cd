#include "ui/player/player_controller.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMetaObject>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "core/transfer/http_client.h"
#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/player/player_text.h"
#include "ui/player/qt_audio_sink_adapter.h"
#include "ui/player/qt_video_sink_adapter.h"

namespace fc::ui {
namespace {

constexpr int kPoll_ms = 250;
constexpr int kWatchPositionInterval_ms = 5000;
constexpr int kEventsInterval_ms = 10000;
constexpr int kStoryboardTimeout_ms = 15000;
constexpr double kMinSpeed = 0.25;
constexpr double kMaxSpeed = 2.0;
constexpr double kRenewAtLifetimeFraction = 0.9;
constexpr int kRenewRetry_ms = 5000;
constexpr int kMaxRenewFailures = 3;

// A URL in the playback answer: server-relative paths are resolved against the API's base.
QString absoluteUrl(ApiClient& api, const QJsonValue& value) {
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    return text.startsWith(QLatin1Char('/')) ? api.urlFor(text) : text;
}

} // namespace

struct PlayerController::Session {
    QtVideoSinkAdapter video;
    QtAudioSinkAdapter audio;
    std::mutex wake_mutex;
    bool alive = true; // false once the controller let go: wakeups post nothing more
    std::atomic<bool> wake_queued{false};
    // Declared last, so destroyed first: its threads stop (and stop calling the wakeup, which locks
    // wake_mutex) before the sinks and the members above go.
    std::unique_ptr<playback::PlayerEngine> engine;
};

PlayerController::PlayerController(QObject* parent) : PlayerController(nullptr, parent) {}

PlayerController::PlayerController(AppContext* app, QObject* parent) : QObject(parent), m_app(app) {
    m_workers.setMaxThreadCount(2);
    m_poll.setInterval(kPoll_ms);
    connect(&m_poll, &QTimer::timeout, this, &PlayerController::onWakeup);
    m_positionTimer.setInterval(kWatchPositionInterval_ms);
    connect(&m_positionTimer, &QTimer::timeout, this, [this] {
        if (m_state == QLatin1String("playing"))
            postWatchPosition();
    });
    m_eventsTimer.setInterval(kEventsInterval_ms);
    connect(&m_eventsTimer, &QTimer::timeout, this, [this] { flushEvents(true); });
    m_renewTimer.setSingleShot(true);
    connect(&m_renewTimer, &QTimer::timeout, this, &PlayerController::renewUrls);
}

PlayerController::~PlayerController() {
    close();
    m_workers.waitForDone(); // teardowns and fetches post back to us; they must end before we do
}

AppContext* PlayerController::app() const {
    return m_app ? m_app.data() : AppContext::instance();
}

// --- Properties ----------------------------------------------------------------------------------------

QString PlayerController::timeText() const {
    return formatPlaybackTime(m_snapshot.position_s) + QStringLiteral(" / ") +
           formatPlaybackTime(m_snapshot.duration_s);
}

QString PlayerController::qualityText() const {
    const int selected = selectedQuality();
    return qualitySummary(selected == 0, currentRung(),
                          selected > 0 && selected < m_qualities.size() ? m_qualities.at(selected)
                                                                        : QString());
}

QVariantMap PlayerController::stats() const {
    const playback::PlayerStats& stats = m_snapshot.stats;
    return {
        {QStringLiteral("rung"), QString::fromStdString(stats.rung_id)},
        {QStringLiteral("bitrateKbps"), double(stats.rung_bitrate_bps) / 1000.0},
        {QStringLiteral("throughputKbps"), stats.throughput_estimate_bps / 1000.0},
        {QStringLiteral("bufferS"), stats.buffer_s},
        {QStringLiteral("droppedFrames"), qint64(stats.dropped_frames)},
        {QStringLiteral("presentedFrames"), qint64(stats.presented_frames)},
        {QStringLiteral("videoCodec"), QString::fromStdString(stats.video_codec)},
        {QStringLiteral("audioCodec"), QString::fromStdString(stats.audio_codec)},
        {QStringLiteral("resolution"),
         stats.width > 0 ? QStringLiteral("%1×%2").arg(stats.width).arg(stats.height) : QString()},
        {QStringLiteral("startupMs"), qint64(stats.startup_ms)},
        {QStringLiteral("stalls"), stats.stall_count},
        {QStringLiteral("stallMs"), qint64(stats.stall_ms)},
        {QStringLiteral("switches"), stats.switch_count},
    };
}

void PlayerController::setVideoSink(QVideoSink* sink) {
    if (sink == m_videoSink)
        return;
    m_videoSink = sink;
    if (m_session)
        m_session->video.setVideoSink(sink);
    emit videoSinkChanged();
}

qint64 PlayerController::framesPresented() const {
    return m_session ? m_session->video.framesPresented() : 0;
}

QSize PlayerController::lastFrameSize() const {
    return m_session ? m_session->video.lastFrameSize() : QSize();
}

QString PlayerController::formatTime(double seconds) const {
    return formatPlaybackTime(seconds);
}

QVariantMap PlayerController::storyboardTileAt(double seconds) const {
    const streaming::StoryboardTile* tile = m_storyboard.tileAt(seconds);
    if (!tile)
        return {};
    return {{QStringLiteral("source"), QUrl(QString::fromStdString(tile->image_uri))},
            {QStringLiteral("x"), tile->x},
            {QStringLiteral("y"), tile->y},
            {QStringLiteral("width"), tile->width},
            {QStringLiteral("height"), tile->height}};
}

// --- Opening -------------------------------------------------------------------------------------------

void PlayerController::open(const QString& video_id, double start_s) {
    close();
    m_requestedStartS = std::isfinite(start_s) ? start_s : -1;
    AppContext* context = app();
    if (!context || video_id.isEmpty()) {
        setError(tr("Nothing to play."));
        return;
    }
    m_videoId = video_id;
    m_snapshot = playback::PlayerSnapshot();
    setState(QStringLiteral("loading"));
    emit openedChanged();
    emit positionChanged();
    emit durationChanged();
    const int generation = ++m_generation;
    context->api()->get(videoApiPath(video_id) + QStringLiteral("/playback"), this,
                        [this, generation](const ApiResult& result) { onPlaybackInfo(generation, result); });
    context->api()->get(videoApiPath(video_id), this, [this, generation](const ApiResult& result) {
        if (generation != m_generation || !result.ok())
            return;
        m_title = result.object().value(QStringLiteral("title")).toString();
        emit openedChanged();
    });
}

void PlayerController::onPlaybackInfo(int generation, const ApiResult& result) {
    if (generation != m_generation)
        return;
    if (!result.ok()) {
        setError(describePlaybackError(result.error));
        setState(QStringLiteral("failed"));
        return;
    }
    const QJsonObject info = result.object();
    ApiClient& api = *app()->api();
    const QString manifest = absoluteUrl(api, info.value(QStringLiteral("hls_url")));
    if (manifest.isEmpty()) {
        setError(tr("The server did not say where this video's stream is."));
        setState(QStringLiteral("failed"));
        return;
    }
    m_snapshot.duration_s = info.value(QStringLiteral("duration_s")).toDouble();
    std::vector<playback::RenditionInfo> rungs;
    for (const QJsonValue& value : info.value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject rendition = value.toObject();
        if (rendition.value(QStringLiteral("kind")).toString() != QLatin1String("video"))
            continue;
        rungs.push_back({rendition.value(QStringLiteral("id")).toString().toStdString(),
                         rendition.value(QStringLiteral("width")).toInt(),
                         rendition.value(QStringLiteral("height")).toInt(),
                         qint64(rendition.value(QStringLiteral("bandwidth_bps")).toDouble()),
                         rendition.value(QStringLiteral("codecs")).toString().toStdString()});
    }
    std::sort(rungs.begin(), rungs.end(),
              [](const auto& a, const auto& b) { return a.bandwidth_bps < b.bandwidth_bps; });
    m_snapshot.renditions = rungs;
    m_qualities = qualityLabels(rungs);
    emit durationChanged();
    emit qualitiesChanged();

    m_reporter.begin(info.value(QStringLiteral("playback_session_id")).toString(), m_videoId);
    double start_s = std::max(0.0, info.value(QStringLiteral("resume_position_s")).toDouble());
    if (m_requestedStartS >= 0) // a share link's time; one past the end plays from the start
        start_s =
            m_snapshot.duration_s > 0 && m_requestedStartS >= m_snapshot.duration_s ? 0 : m_requestedStartS;
    startEngine(manifest, start_s);
    const QString storyboard = absoluteUrl(api, info.value(QStringLiteral("storyboard_vtt_url")));
    if (!storyboard.isEmpty())
        fetchStoryboard(storyboard);
    scheduleRenewal(info);
}

void PlayerController::scheduleRenewal(const QJsonObject& info) {
    const double lifetime_s = info.value(QStringLiteral("expires_in_s")).toDouble();
    if (lifetime_s <= 0)
        return; // URLs that do not expire
    m_renewTimer.start(int(std::clamp(lifetime_s * kRenewAtLifetimeFraction * 1000, 1000.0, 2.0e9)));
}

void PlayerController::renewUrls() {
    AppContext* context = app();
    if (!context || !m_session || m_renewing)
        return;
    m_renewing = true;
    m_renewTimer.stop();
    const int generation = m_generation;
    // A new /playback answer also opens a server-side playback session; events keep going to the first.
    context->api()->get(videoApiPath(m_videoId) + QStringLiteral("/playback"), this,
                        [this, generation](const ApiResult& result) { onRenewedInfo(generation, result); });
}

void PlayerController::onRenewedInfo(int generation, const ApiResult& result) {
    if (generation != m_generation || !m_session)
        return;
    m_renewing = false;
    if (!result.ok()) {
        const bool may_pass = result.error.status == 0 || result.error.status >= 500;
        if (may_pass && ++m_renewFailures < kMaxRenewFailures) {
            m_renewTimer.start(kRenewRetry_ms); // the URLs in hand may still work meanwhile
            return;
        }
        failSession(describeRenewalError(result.error));
        return;
    }
    m_renewFailures = 0;
    const QJsonObject info = result.object();
    ApiClient& api = *app()->api();
    const QString manifest = absoluteUrl(api, info.value(QStringLiteral("hls_url")));
    if (manifest.isEmpty()) {
        failSession(tr("The server did not say where this video's stream is."));
        return;
    }
    m_session->engine->setManifestUrl(manifest.toStdString());
    const QString storyboard = absoluteUrl(api, info.value(QStringLiteral("storyboard_vtt_url")));
    if (!storyboard.isEmpty())
        fetchStoryboard(storyboard); // its sheets' URLs expire with the rest
    scheduleRenewal(info);
}

void PlayerController::failSession(const QString& message) {
    postWatchPosition(); // where the last snapshot left it
    flushEvents(true);
    stopSession();
    setError(message);
    setState(QStringLiteral("failed"));
}

void PlayerController::startEngine(const QString& manifest_url, double start_position_s) {
    auto session = std::make_shared<Session>();
    Session* raw = session.get();
    session->engine = std::make_unique<playback::PlayerEngine>(session->video, session->audio, [raw, this] {
        // Engine threads: only post. The lock keeps `this` valid until stopSession() has let go.
        std::lock_guard lock(raw->wake_mutex);
        if (!raw->alive || raw->wake_queued.exchange(true))
            return;
        QMetaObject::invokeMethod(this, &PlayerController::onWakeup, Qt::QueuedConnection);
    });
    session->video.setVideoSink(m_videoSink);

    playback::PlayerOptions options;
    options.manifest_url = manifest_url.toStdString();
    options.start_position_s = start_position_s;
    options.initial_estimate_bps = app()->settings()->lastThroughputEstimateBps();
    options.expired_urls = playback::ExpiredUrls::AwaitRenewal; // renewUrls() hands over fresh ones
    m_snapshot.position_s = start_position_s;
    session->engine->open(std::move(options));
    m_session = std::move(session);
    m_sinceOpen.start();
    m_lastSavedPositionS = -1;
    m_poll.start();
    m_positionTimer.start();
    m_eventsTimer.start();
    emit positionChanged();
}

void PlayerController::fetchStoryboard(const QString& vtt_url) {
    const int generation = m_generation;
    const std::string url = vtt_url.toStdString();
    m_workers.start([this, generation, url] {
        // Signed URL: no bearer. A missing storyboard only means no previews on the seek bar.
        transfer::HttpClient http;
        transfer::HttpCall call;
        call.url = url;
        call.timeout_ms = kStoryboardTimeout_ms;
        auto reply = http.perform(call);
        auto index = std::make_shared<streaming::StoryboardIndex>();
        if (reply && reply->status == 200) {
            auto parsed = streaming::parseStoryboardVtt(reply->body, url);
            if (parsed)
                *index = std::move(parsed.value());
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, index] {
                if (generation != m_generation)
                    return;
                m_storyboard = std::move(*index);
                emit storyboardChanged();
            },
            Qt::QueuedConnection);
    });
}

// --- Engine state --------------------------------------------------------------------------------------

void PlayerController::onWakeup() {
    if (!m_session)
        return;
    m_session->wake_queued = false;
    const std::vector<playback::PlayerEvent> events = m_session->engine->takeEvents();
    m_reporter.addEngineEvents(events);
    applySnapshot(m_session->engine->snapshot());
    for (const playback::PlayerEvent& event : events) {
        if (event.type == playback::PlayerEventType::SeekCompleted ||
            event.type == playback::PlayerEventType::Ended)
            postWatchPosition();
        if (event.type == playback::PlayerEventType::UrlExpired) // early renewal missed (e.g. a suspend)
            renewUrls();
    }
}

void PlayerController::applySnapshot(const playback::PlayerSnapshot& snapshot) {
    const playback::PlayerSnapshot old = std::exchange(m_snapshot, snapshot);
    if (m_snapshot.renditions.empty())
        m_snapshot.renditions = old.renditions; // the playback answer's, until the engine has its own
    if (m_snapshot.duration_s <= 0)
        m_snapshot.duration_s = old.duration_s;
    m_reporter.observe(m_snapshot);

    if (m_snapshot.position_s != old.position_s || m_snapshot.buffered_until_s != old.buffered_until_s)
        emit positionChanged();
    if (m_snapshot.duration_s != old.duration_s)
        emit durationChanged();
    if (m_snapshot.speed != old.speed)
        emit speedChanged();
    if (m_snapshot.volume != old.volume || m_snapshot.muted != old.muted)
        emit volumeChanged();
    const QStringList labels = qualityLabels(m_snapshot.renditions);
    if (labels != m_qualities || m_snapshot.selected_rung != old.selected_rung ||
        m_snapshot.stats.rung_id != old.stats.rung_id) {
        m_qualities = labels;
        emit qualitiesChanged();
    }
    emit statsChanged();

    if (m_snapshot.state == playback::PlayerState::Failed && !m_snapshot.error_message.empty())
        setError(tr("Playback failed: %1").arg(QString::fromStdString(m_snapshot.error_message)));
    const bool was_playing = old.state == playback::PlayerState::Playing;
    setState(playerStateName(m_snapshot.state));
    if (was_playing && m_snapshot.state == playback::PlayerState::Paused)
        postWatchPosition();
    if (m_snapshot.paused != old.paused)
        emit stateChanged();
}

void PlayerController::setState(const QString& state) {
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged();
}

void PlayerController::setError(const QString& message) {
    if (message == m_errorMessage)
        return;
    m_errorMessage = message;
    emit errorMessageChanged();
}

void PlayerController::dismissError() {
    setError({});
}

// --- Commands ------------------------------------------------------------------------------------------

void PlayerController::togglePlay() {
    if (m_state == QLatin1String("ended")) {
        seek(0);
        play();
    } else if (m_snapshot.paused || m_state == QLatin1String("paused")) {
        play();
    } else {
        pause();
    }
}

void PlayerController::play() {
    if (m_session)
        m_session->engine->play();
}

void PlayerController::pause() {
    if (m_session)
        m_session->engine->pause();
}

void PlayerController::seek(double seconds) {
    if (!m_session || !std::isfinite(seconds))
        return;
    const double duration = m_snapshot.duration_s;
    const double target = std::clamp(seconds, 0.0, duration > 0 ? duration : seconds);
    m_reporter.seekRequested(m_snapshot.position_s);
    m_session->engine->seek(target);
    m_snapshot.position_s = target; // shown at once; the engine's snapshots follow
    emit positionChanged();
    if (m_state == QLatin1String("ended"))
        setState(QStringLiteral("buffering")); // a seek from the end plays again
    postWatchPosition();
}

void PlayerController::seekBy(double delta_s) {
    seek(m_snapshot.position_s + delta_s);
}

void PlayerController::setSpeed(double speed) {
    if (m_session && std::isfinite(speed))
        m_session->engine->setSpeed(std::clamp(speed, kMinSpeed, kMaxSpeed));
}

void PlayerController::setVolume(double linear_0_to_1) {
    if (!m_session || !std::isfinite(linear_0_to_1))
        return;
    m_session->engine->setVolume(std::clamp(linear_0_to_1, 0.0, 1.0));
    if (m_snapshot.muted && linear_0_to_1 > 0)
        m_session->engine->setMuted(false);
}

void PlayerController::toggleMute() {
    if (m_session)
        m_session->engine->setMuted(!m_snapshot.muted);
}

void PlayerController::selectQuality(int index) {
    if (!m_session || index < 0 || index >= m_qualities.size())
        return;
    m_session->engine->selectRung(index - 1);
}

// --- Reporting -----------------------------------------------------------------------------------------

void PlayerController::postWatchPosition() {
    AppContext* context = app();
    if (!context || m_videoId.isEmpty() || !context->api()->hasSession() || m_reporter.sessionId().isEmpty())
        return;
    const double position = std::max(0.0, m_snapshot.position_s);
    if (position == m_lastSavedPositionS)
        return;
    m_lastSavedPositionS = position;
    ApiRequest request;
    request.method = "POST";
    request.path = videoApiPath(m_videoId) + QStringLiteral("/watch-position");
    request.json = QJsonObject{{QStringLiteral("position_s"), position}};
    // The API client is the context: the call completes even after this page closed.
    context->api()->call(request, context->api(), [](const ApiResult&) {});
}

void PlayerController::flushEvents(bool with_heartbeat) {
    AppContext* context = app();
    if (!context)
        return;
    for (const QJsonObject& batch :
         m_reporter.takeBatches(m_sinceOpen.isValid() ? m_sinceOpen.elapsed() : 0, with_heartbeat)) {
        ApiRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/api/v1/events");
        request.json = batch;
        request.auth = context->api()->hasSession() ? ApiAuth::Bearer : ApiAuth::Anonymous;
        context->api()->call(request, context->api(), [](const ApiResult&) {});
    }
}

// --- Closing -------------------------------------------------------------------------------------------

void PlayerController::close() {
    if (m_videoId.isEmpty() && !m_session)
        return;
    if (m_session) {
        onWakeup(); // the last state and events
        postWatchPosition();
        flushEvents(true);
        if (AppContext* context = app())
            context->settings()->setLastThroughputEstimateBps(m_snapshot.stats.throughput_estimate_bps);
    }
    stopSession();
    ++m_generation;
    m_videoId.clear();
    m_title.clear();
    m_qualities.clear();
    m_storyboard = {};
    m_snapshot = playback::PlayerSnapshot();
    m_reporter = PlaybackReporter();
    setState(QStringLiteral("idle"));
    setError({});
    emit openedChanged();
    emit positionChanged();
    emit durationChanged();
    emit qualitiesChanged();
    emit statsChanged();
    emit storyboardChanged();
}

void PlayerController::stopSession() {
    m_poll.stop();
    m_positionTimer.stop();
    m_eventsTimer.stop();
    m_renewTimer.stop();
    m_renewing = false;
    m_renewFailures = 0;
    if (!m_session)
        return;
    {
        std::lock_guard lock(m_session->wake_mutex);
        m_session->alive = false;
    }
    m_session->video.setVideoSink(nullptr);
    m_session->engine->stop();
    // Joining the engine's threads may wait on a transfer in flight: not on the GUI thread.
    m_workers.start([session = std::move(m_session)]() mutable { session.reset(); });
}

} // namespace fc::ui
