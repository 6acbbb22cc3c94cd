#include "ui/preview/preview_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/preview/preview_job.h"
#include "ui/preview/preview_text.h"

namespace fc::ui {
namespace {

constexpr double kDefaultWindowLength_s = 4;
constexpr int kDefaultRungMaxShortSide = 480; // the rung first selected: the highest at or below 480p

QString localPath(const QUrl& url) {
    return url.isLocalFile() ? url.toLocalFile() : url.toString(QUrl::PreferLocalFile);
}

int defaultRung(const QList<PreviewRung>& rungs) {
    int chosen = rungs.isEmpty() ? -1 : 0;
    for (int row = 0; row < rungs.size(); ++row)
        if (std::min(rungs[row].width, rungs[row].height) <= kDefaultRungMaxShortSide)
            chosen = row;
    return chosen;
}

} // namespace

PreviewController::PreviewController(AppContext* app)
    : QObject(app), m_app(app), m_rungs(new PreviewRungModel(this)),
      m_workRoot(QDir::tempPath() + QStringLiteral("/framecast-preview-XXXXXX")) {
    m_pool.setMaxThreadCount(1);
}

PreviewController::~PreviewController() {
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
}

bool PreviewController::canRun() const {
    return m_active && !m_busy && m_rungs->at(m_selectedRung) && !m_sourcePath.isEmpty() &&
           !m_needsSourceFile;
}

void PreviewController::setSelectedRung(int row) {
    if (row == m_selectedRung || !m_rungs->at(row))
        return;
    m_selectedRung = row;
    emit selectionChanged();
    emit busyChanged(); // canRun
}

bool PreviewController::selectRung(const QString& name) {
    const int row = m_rungs->rowOf(name);
    if (row < 0)
        return false;
    setSelectedRung(row);
    return true;
}

void PreviewController::setWindowStartS(double seconds) {
    const double clamped = std::clamp(seconds, 0.0, std::max(0.0, m_durationS));
    if (clamped == m_windowStartS)
        return;
    m_windowStartS = clamped;
    emit selectionChanged();
}

void PreviewController::setWindowLengthS(double seconds) {
    const double clamped = std::clamp(seconds, 1.0, 10.0);
    if (clamped == m_windowLengthS)
        return;
    m_windowLengthS = clamped;
    emit selectionChanged();
}

bool PreviewController::waitForWorker(int timeout_ms) {
    return m_pool.waitForDone(timeout_ms);
}

// --- Opening -------------------------------------------------------------------------------------------

void PreviewController::openForFile(const QUrl& local_file) {
    reset(Mode::Local);
    m_sourcePath = localPath(local_file);
    emit sourceChanged();
    setBusy(true, tr("Reading the file…"));
    const int generation = m_generation;
    const std::string path = m_sourcePath.toStdString();
    m_pool.start([this, generation, path] {
        auto probed = std::make_shared<fc::Result<PreviewSource>>(probePreviewSource(path));
        QMetaObject::invokeMethod(
            this,
            [this, generation, probed] {
                if (generation != m_generation)
                    return;
                setBusy(false);
                if (!probed->ok()) {
                    setError(describePreviewError(probed->error()));
                    return;
                }
                const PreviewSource& source = probed->value();
                m_ladder = source.ladder;
                m_durationS = source.info.duration_ms / 1000.0;
                m_sourceDescription = describeSource(source.info);
                QList<PreviewRung> rungs;
                for (const media::VideoRung& rung : m_ladder.video)
                    rungs << PreviewRung{QString::fromStdString(rung.name), rung.width, rung.height,
                                         rung.bitrate_kbps};
                m_rungs->reset(rungs);
                m_selectedRung = defaultRung(rungs);
                emit sourceChanged();
                emit selectionChanged();
                emit busyChanged();
            },
            Qt::QueuedConnection);
    });
}

void PreviewController::openForVideo(const QString& video_id) {
    reset(Mode::Server);
    m_videoId = video_id;
    emit sourceChanged();
    setBusy(true, tr("Loading the video…"));
    const int generation = m_generation;
    m_app->api()->get(videoApiPath(video_id), this, [this, generation](const ApiResult& result) {
        if (generation == m_generation)
            onVideoLoaded(result);
    });
}

void PreviewController::onVideoLoaded(const ApiResult& result) {
    setBusy(false);
    if (!result.ok()) {
        setError(tr("Could not load the video: %1").arg(ApiClient::describe(result.error)));
        return;
    }
    const QJsonObject video = result.object();
    const QString status = video.value(QStringLiteral("status")).toString();
    if (status != QLatin1String("ready")) {
        setError(tr("This video is %1: its renditions can be compared once processing is done.").arg(status));
        return;
    }
    m_durationS = video.value(QStringLiteral("duration_ms")).toDouble() / 1000.0;
    m_sourceSizeBytes = static_cast<qint64>(
        video.value(QStringLiteral("source")).toObject().value(QStringLiteral("size_bytes")).toDouble());
    const QJsonValue info = video.value(QStringLiteral("media_info"));
    if (info.isObject()) {
        // One reading of media_info: the same JSON the server wrote with media::toJson.
        const QByteArray text = QJsonDocument(info.toObject()).toJson(QJsonDocument::Compact);
        m_sourceDescription = describeSource(
            media::mediaInfoFromJson(nlohmann::json::parse(text.toStdString(), nullptr, false)));
    }
    QList<PreviewRung> rungs;
    m_audioBitrateKbps = 0;
    for (const QJsonValue& value : video.value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject rendition = value.toObject();
        const int average_kbps = static_cast<int>(
            std::lround(rendition.value(QStringLiteral("average_bandwidth_bps")).toDouble() / 1000));
        if (rendition.value(QStringLiteral("kind")).toString() == QLatin1String("audio")) {
            m_audioBitrateKbps = average_kbps;
            continue;
        }
        rungs << PreviewRung{rendition.value(QStringLiteral("id")).toString(),
                             rendition.value(QStringLiteral("width")).toInt(),
                             rendition.value(QStringLiteral("height")).toInt(), average_kbps};
    }
    m_rungs->reset(rungs);
    m_selectedRung = defaultRung(rungs);
    if (rungs.isEmpty())
        setError(tr("This video has no video renditions to compare."));

    const QString known = m_app->uploads()->localPathForVideo(m_videoId);
    if (!known.isEmpty() && QFileInfo(known).isFile()) {
        m_sourcePath = known;
    } else {
        m_needsSourceFile = true;
        m_notice =
            tr("Choose the original file of this video: the comparison measures the server's rendition "
               "against it, and this computer's upload queue does not know where it is.");
    }
    emit sourceChanged();
    emit selectionChanged();
    emit busyChanged();
}

void PreviewController::chooseSourceFile(const QUrl& local_file) {
    if (m_mode != Mode::Server || m_busy)
        return;
    const QFileInfo file(localPath(local_file));
    if (!file.isFile()) {
        setError(tr("%1 is not a readable file.").arg(file.filePath()));
        return;
    }
    if (m_sourceSizeBytes > 0 && file.size() != m_sourceSizeBytes) {
        setError(tr("%1 is not this video's original: it has %2 bytes, the uploaded file had %3.")
                     .arg(file.fileName())
                     .arg(file.size())
                     .arg(m_sourceSizeBytes));
        return;
    }
    setError({});
    m_sourcePath = file.filePath();
    m_needsSourceFile = false;
    m_notice.clear();
    emit sourceChanged();
    emit busyChanged();
}

// --- Running -------------------------------------------------------------------------------------------

void PreviewController::run() {
    if (!canRun())
        return;
    stopWork();
    clearResult();
    setError({});
    setProgress(0);
    const PreviewRung rung = *m_rungs->at(m_selectedRung);
    m_runRung = rung;
    if (m_mode == Mode::Local) {
        setBusy(true, tr("Encoding %1…").arg(rung.name));
        startLocalRun();
        return;
    }
    // Read the video again first: it renews an expired access token (ApiClient) before the downloads use it,
    // and notices a video deleted since the preview opened.
    setBusy(true, tr("Downloading %1…").arg(rung.name));
    const int generation = m_generation;
    m_app->api()->get(videoApiPath(m_videoId), this, [this, generation](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setBusy(false);
            setError(tr("Could not load the video: %1").arg(ApiClient::describe(result.error)));
            return;
        }
        startServerRun(m_app->api()->tokens().access_token);
    });
}

template <class Work> void PreviewController::submitRun(Work work) {
    const int generation = m_generation;
    auto cancel = m_cancel;
    // Progress arrives often from the engine; post only changes of at least 0.5 %.
    auto last_posted = std::make_shared<std::atomic<int>>(-1);
    media::PreviewCallbacks callbacks;
    callbacks.cancel = cancel.get();
    callbacks.on_progress = [this, generation, last_posted](double fraction) {
        const int permille = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 200));
        if (last_posted->exchange(permille) == permille)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, generation, fraction] {
                if (generation == m_generation)
                    setProgress(fraction);
            },
            Qt::QueuedConnection);
    };
    m_pool.start([this, generation, cancel, callbacks, work] {
        auto preview = work(callbacks);
        std::shared_ptr<PreviewOutcome> outcome;
        QString error;
        if (preview.ok())
            outcome = std::make_shared<PreviewOutcome>(toOutcome(std::move(preview.value())));
        else if (preview.error().code != "cancelled")
            error = describePreviewError(preview.error());
        QMetaObject::invokeMethod(
            this, [this, generation, outcome, error] { finishRun(generation, outcome, error); },
            Qt::QueuedConnection);
    });
}

void PreviewController::startLocalRun() {
    const int row = m_rungs->rowOf(m_runRung.name);
    const media::VideoRung rung = m_ladder.video.at(static_cast<size_t>(row));
    media::RungPreviewRequest request;
    request.source_path = m_sourcePath.toStdString();
    request.rung = rung;
    request.x264_preset = m_ladder.x264_preset;
    request.segment_duration_ms = m_ladder.segment_duration_ms;
    request.window_start_s = m_windowStartS;
    request.window_length_s = m_windowLengthS;
    request.work_dir = m_workRoot.filePath(QStringLiteral("run_%1").arg(m_generation)).toStdString();
    request.frame_count = kPreviewFrameCount;
    request.max_frame_height = kPreviewMaxFrameHeight;
    request.compare_at = kPreviewCompareAt;
    submitRun([request](const media::PreviewCallbacks& callbacks) {
        auto preview = media::makeRungPreview(request, callbacks);
        // The frames are copied out; the encoded files are not needed any more.
        QDir(QString::fromStdString(request.work_dir)).removeRecursively();
        return preview;
    });
}

void PreviewController::startServerRun(const QString& access_token) {
    const PreviewRung& rung = m_runRung;
    ServerCompareRequest request;
    request.playlist_url =
        m_app->api()
            ->urlFor(videoApiPath(m_videoId) + QStringLiteral("/cmaf/") +
                     QString::fromUtf8(QUrl::toPercentEncoding(rung.name)) + QStringLiteral("/playlist.m3u8"))
            .toStdString();
    request.access_token = access_token.toStdString();
    request.source_path = m_sourcePath.toStdString();
    request.window = media::clampPreviewWindow(m_windowStartS, m_windowLengthS, m_durationS);
    request.frame_count = kPreviewFrameCount;
    request.work_dir = m_workRoot.filePath(QStringLiteral("run_%1").arg(m_generation)).toStdString();
    submitRun([request](const media::PreviewCallbacks& callbacks) {
        auto preview = compareServerRendition(request, callbacks);
        QDir(QString::fromStdString(request.work_dir)).removeRecursively();
        return preview;
    });
}

void PreviewController::finishRun(int generation, std::shared_ptr<PreviewOutcome> outcome,
                                  const QString& error) {
    if (generation != m_generation)
        return;
    setBusy(false);
    if (!outcome) {
        setProgress(0);
        setError(error);
        return;
    }
    const media::RungPreview& preview = outcome->preview;
    m_result = {};
    m_result.rung = m_runRung.name;
    m_result.width = preview.width;
    m_result.height = preview.height;
    m_result.window_start_s = preview.window_start_s;
    m_result.window_length_s = preview.window_length_s;
    m_result.psnr_db = preview.psnr_db;
    m_result.ssim = preview.ssim;
    m_result.window_bytes = preview.window_bytes;
    m_result.bitrate_kbps = preview.bitrate_kbps;
    if (m_mode == Mode::Local) {
        m_result.estimated_total_bytes = preview.estimated_total_bytes;
    } else {
        // The server's own averages over the whole video (video rung + audio), not a window's extrapolation.
        m_result.estimated_total_bytes =
            std::llround((m_runRung.bitrate_kbps + m_audioBitrateKbps) * 125.0 * m_durationS);
    }
    m_result.frame_times_s = outcome->frame_times_s;
    m_result.stats_text = describeStats({m_result.rung, m_result.bitrate_kbps, m_result.psnr_db,
                                         m_result.ssim, m_result.estimated_total_bytes});
    m_images->publish(outcome->original, outcome->encoded);
    ++m_imageGeneration;
    m_hasResult = true;
    setProgress(1);
    emit resultChanged();
}

void PreviewController::cancel() {
    if (!m_busy)
        return;
    stopWork();
    setProgress(0);
    setBusy(false, tr("Cancelled."));
}

void PreviewController::close() {
    reset(Mode::None);
    if (m_active) {
        m_active = false;
        emit activeChanged();
    }
}

// --- State ---------------------------------------------------------------------------------------------

void PreviewController::stopWork() {
    if (m_cancel)
        m_cancel->store(true); // the worker stops at its next check; its late answers are dropped
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    ++m_generation;
}

void PreviewController::reset(Mode mode) {
    stopWork();
    clearResult();
    m_mode = mode;
    m_videoId.clear();
    m_sourcePath.clear();
    m_sourceDescription.clear();
    m_needsSourceFile = false;
    m_notice.clear();
    m_durationS = 0;
    m_sourceSizeBytes = 0;
    m_audioBitrateKbps = 0;
    m_ladder = {};
    m_rungs->reset({});
    m_selectedRung = -1;
    m_windowStartS = 0;
    m_windowLengthS = kDefaultWindowLength_s;
    m_progress = 0;
    setError({});
    setBusy(false);
    emit sourceChanged();
    emit selectionChanged();
    emit progressChanged();
    if (mode != Mode::None && !m_active) {
        m_active = true;
        emit activeChanged();
    }
}

void PreviewController::setBusy(bool busy, const QString& status) {
    m_busy = busy;
    m_statusText = status;
    emit busyChanged();
}

void PreviewController::setProgress(double progress) {
    if (progress == m_progress)
        return;
    m_progress = progress;
    emit progressChanged();
}

void PreviewController::setError(const QString& message) {
    if (message == m_errorMessage)
        return;
    m_errorMessage = message;
    emit errorMessageChanged();
}

void PreviewController::clearResult() {
    m_images->clear();
    const bool had = m_hasResult;
    m_hasResult = false;
    m_result = {};
    if (had)
        emit resultChanged();
}

QList<QUrl> PreviewController::frameUrls(PreviewFrameKind kind) const {
    QList<QUrl> urls;
    for (int i = 0; i < frameCount(); ++i)
        urls << previewFrameUrl(kind, i, m_imageGeneration);
    return urls;
}

} // namespace fc::ui
