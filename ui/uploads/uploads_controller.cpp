#include "ui/uploads/uploads_controller.h"

#include <QDateTime>
#include <QFileInfo>
#include <QUuid>

#include "ui/app/app_context.h"
#include "ui/uploads/upload_form_rules.h"
#include "ui/uploads/upload_worker.h"

namespace fc::ui {
namespace {

constexpr int kTickMs = 1000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// An item for a local path; a failed one (with the reason) when the path cannot be uploaded.
UploadItem itemForFile(const QString& path) {
    UploadItem item;
    item.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    item.file_path = path;
    item.form.title = defaultUploadTitle(path);
    if (item.form.title.isEmpty())
        item.form.title = QStringLiteral("Untitled video");
    item.metadata_pending = true;
    item.form_revision = 1;
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists())
        item.message = QStringLiteral("\"%1\" does not exist.").arg(name);
    else if (info.isDir())
        item.message = QStringLiteral("\"%1\" is a folder; choose the video files in it.").arg(name);
    else if (!info.isFile())
        item.message = QStringLiteral("\"%1\" is not a regular file.").arg(name);
    else if (!info.isReadable())
        item.message = QStringLiteral("\"%1\" cannot be read; check its permissions.").arg(name);
    else if (info.size() == 0)
        item.message = QStringLiteral("\"%1\" is empty.").arg(name);
    if (!item.message.isEmpty()) {
        item.state = UploadState::Failed;
        item.metadata_pending = false;
        return item;
    }
    item.file_size_bytes = info.size();
    item.file_mtime_ms = info.lastModified().toMSecsSinceEpoch();
    return item;
}

// Title, description and visibility for the tus creation (docs/API.md §8); what the form cannot say yet is
// left to the PATCH that follows.
transfer::TusMetadata creationMetadata(const UploadItem& item) {
    transfer::TusMetadata metadata;
    metadata["filename"] = item.fileName().toStdString();
    UploadForm titleOnly;
    titleOnly.title = item.form.title;
    const bool titleValid = validateUploadForm(titleOnly).isEmpty();
    metadata["title"] =
        (titleValid ? item.form.title.trimmed() : defaultUploadTitle(item.file_path)).toStdString();
    if (!item.form.description.isEmpty() && item.form.description.size() <= 5000)
        metadata["description"] = item.form.description.toStdString();
    if (isVisibility(item.form.visibility))
        metadata["visibility"] = item.form.visibility.toStdString();
    return metadata;
}

} // namespace

UploadsController::UploadsController(AppContext* app)
    : QObject(app), m_app(app), m_queue(new UploadQueueModel(this)),
      m_store(app->options().data_dir + QStringLiteral("/uploads.json")) {
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &UploadsController::tick);
    m_metadataTimer.setSingleShot(true);
    m_metadataTimer.setInterval(700);
    connect(&m_metadataTimer, &QTimer::timeout, this, &UploadsController::syncMetadata);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(500);
    connect(&m_saveTimer, &QTimer::timeout, this, &UploadsController::persist);
    m_pollTimer.setInterval(5000);
    connect(&m_pollTimer, &QTimer::timeout, this, &UploadsController::pollProcessing);

    SessionController* session = m_app->session();
    connect(session, &SessionController::signedIn, this, &UploadsController::activate);
    connect(session, &SessionController::stateChanged, this, [this] {
        if (m_app->session()->state() == SessionController::State::SignedOut)
            deactivate();
    });
    connect(m_app->settings(), &AppSettings::uploadLimitKbpsChanged, this,
            &UploadsController::updateSendLimit);
    connect(m_app->realtime(), &RealtimeClient::eventReceived, this, &UploadsController::onRealtimeEvent);
    // Events are not replayed: once a status topic is (re)granted, read where processing stands.
    connect(m_app->realtime(), &RealtimeClient::subscribed, this, [this](const QString& topic) {
        const QStringList parts = topic.split(QLatin1Char(':'));
        if (parts.size() == 3 && parts[0] == QLatin1String("video") && parts[2] == QLatin1String("status") &&
            m_queue->rowOfVideo(parts[1]) >= 0)
            fetchStatus(parts[1]);
    });
    connect(m_queue, &UploadQueueModel::countChanged, this, &UploadsController::summaryChanged);
}

UploadsController::~UploadsController() {
    m_saveTimer.stop();
    persist();
    // Stop every transfer first, then wait for the threads: closing takes as long as the slowest abort.
    for (UploadWorker* worker : std::as_const(m_workers))
        worker->stop(UploadWorker::StopMode::KeepOnServer);
    for (auto it = m_retired.cbegin(); it != m_retired.cend(); ++it)
        it.key()->stop(UploadWorker::StopMode::KeepOnServer);
    qDeleteAll(m_workers);
    qDeleteAll(m_retired.keys());
    m_workers.clear();
    m_retired.clear();
    m_store.flush();
}

// --- accounts ---

void UploadsController::activate() {
    const UploadQueueKey key{m_app->serverIdentity(), m_app->session()->userId()};
    if (!key.valid())
        return;
    if (key == m_key) { // signed in again (after expiry): the waiting uploads continue
        for (int row = 0; row < m_queue->count(); ++row) {
            if (m_queue->at(row)->state == UploadState::NeedsSignIn) {
                m_queue->at(row)->state = UploadState::Waiting;
                m_queue->at(row)->message.clear();
                changed(row);
            }
        }
        persist();
        syncMetadata();
        schedule();
        return;
    }
    deactivate();
    m_key = key;
    QList<UploadItem> items = m_store.load(key);
    for (UploadItem& item : items) {
        item.sent_bytes = item.acknowledged_bytes;
        switch (item.state) {
        case UploadState::Uploading:
        case UploadState::Retrying:
        case UploadState::NeedsSignIn:
            item.state = UploadState::Waiting; // resumes from the server's offset
            item.message.clear();
            break;
        default:
            break;
        }
    }
    m_queue->reset(std::move(items));
    for (int row = 0; row < m_queue->count(); ++row) {
        if (m_queue->at(row)->state == UploadState::Processing)
            track(row);
        if (m_queue->at(row)->cleanup_pending)
            startCleanup(row);
    }
    updateSendLimit();
    syncMetadata();
    schedule();
    emit summaryChanged();
}

void UploadsController::deactivate() {
    if (!m_key.valid())
        return;
    m_saveTimer.stop();
    persist();
    for (const QString& id : m_workers.keys())
        retireWorker(id);
    for (const UploadItem& item : m_queue->items())
        untrack(item);
    m_key = {};
    m_queue->reset({});
    m_tick.stop();
    m_pollTimer.stop();
    emit summaryChanged();
}

bool UploadsController::canUpload() const {
    return m_key.valid() && m_app->session()->state() == SessionController::State::SignedIn &&
           m_app->api()->hasSession();
}

// --- the public actions ---

namespace {

// Containers FFmpeg ingests that cameras, phones, editors and screen recorders write.
const QStringList& videoExtensions() {
    static const QStringList extensions = {
        QStringLiteral("mp4"),  QStringLiteral("m4v"),  QStringLiteral("mov"), QStringLiteral("mkv"),
        QStringLiteral("webm"), QStringLiteral("avi"),  QStringLiteral("wmv"), QStringLiteral("flv"),
        QStringLiteral("mpg"),  QStringLiteral("mpeg"), QStringLiteral("ts"),  QStringLiteral("3gp")};
    return extensions;
}

} // namespace

QString UploadsController::videoNameFilter() const {
    QStringList patterns;
    for (const QString& extension : videoExtensions())
        patterns.append(QStringLiteral("*.") + extension);
    return tr("Videos (%1)").arg(patterns.join(QLatin1Char(' ')));
}

QList<QUrl> UploadsController::videoFiles(const QList<QUrl>& urls) const {
    QList<QUrl> videos;
    for (const QUrl& url : urls)
        if (url.isLocalFile() &&
            videoExtensions().contains(QFileInfo(url.toLocalFile()).suffix(), Qt::CaseInsensitive))
            videos.append(url);
    return videos;
}

void UploadsController::addFiles(const QList<QUrl>& urls) {
    if (!m_key.valid()) {
        qWarning("uploads: files added while nobody is signed in are ignored");
        return;
    }
    QList<UploadItem> items;
    for (const QUrl& url : urls) {
        const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
        items.append(itemForFile(QFileInfo(path).absoluteFilePath()));
    }
    m_queue->append(std::move(items));
    persist();
    schedule();
    emit summaryChanged();
}

void UploadsController::pause(int row) {
    UploadItem* item = m_queue->at(row);
    if (!item || !(item->state == UploadState::Waiting || item->state == UploadState::Uploading ||
                   item->state == UploadState::Retrying))
        return;
    retireWorker(item->id);
    item->state = UploadState::Paused;
    item->message.clear();
    item->sent_bytes = item->acknowledged_bytes;
    changed(row);
    persist();
    updateSendLimit();
    schedule();
}

void UploadsController::resume(int row) {
    UploadItem* item = m_queue->at(row);
    if (!item || item->state != UploadState::Paused)
        return;
    item->state = UploadState::Waiting;
    item->failures = 0;
    changed(row);
    persist();
    schedule();
}

void UploadsController::retry(int row) {
    UploadItem* item = m_queue->at(row);
    if (!item || item->state != UploadState::Failed || !item->server_status.isEmpty())
        return;
    if (item->file_size_bytes == 0) { // refused when added: look at the file again
        const QString id = item->id;
        const UploadForm form = item->form;
        *item = itemForFile(item->file_path);
        item->id = id;
        item->form = form;
    }
    if (item->state == UploadState::Failed) {
        changed(row);
        return;
    }
    item->state = UploadState::Waiting;
    item->message.clear();
    item->failures = 0;
    item->recreations = 0;
    changed(row);
    persist();
    schedule();
}

void UploadsController::cancel(int row) {
    UploadItem* item = m_queue->at(row);
    if (!item || item->finished() || item->state == UploadState::Processing)
        return;
    const QString id = item->id;
    item->state = UploadState::Cancelled;
    item->message.clear();
    item->sent_bytes = item->acknowledged_bytes;
    if (UploadWorker* worker = m_workers.value(id)) {
        // The worker stops sending, then deletes the upload on the server (it may be creating it right now).
        item->cleanup_pending = true;
        worker->stop(UploadWorker::StopMode::TerminateOnServer);
    } else if (!item->upload_path.isEmpty() || !item->video_id.isEmpty()) {
        item->cleanup_pending = true;
        startCleanup(row);
    }
    changed(row);
    persist();
    updateSendLimit();
    schedule();
}

void UploadsController::remove(int row) {
    const UploadItem* item = m_queue->at(row);
    if (!item || !m_queue->data(m_queue->index(row), UploadQueueModel::CanRemoveRole).toBool())
        return;
    untrack(*item);
    m_queue->remove(row);
    persist();
}

void UploadsController::clearFinished() {
    for (int row = m_queue->count() - 1; row >= 0; --row)
        if (m_queue->at(row)->finished() && !m_queue->at(row)->cleanup_pending)
            m_queue->remove(row);
    persist();
}

QString UploadsController::localPathForVideo(const QString& video_id) const {
    const int row = video_id.isEmpty() ? -1 : m_queue->rowOfVideo(video_id);
    return row < 0 ? QString() : m_queue->at(row)->file_path;
}

// --- scheduling and workers ---

int UploadsController::activeCount() const {
    int active = 0;
    for (const UploadItem& item : m_queue->items())
        active += item.state == UploadState::Uploading ? 1 : 0;
    return active;
}

int UploadsController::unfinishedCount() const {
    int unfinished = 0;
    for (const UploadItem& item : m_queue->items())
        unfinished += item.finished() ? 0 : 1;
    return unfinished;
}

QString UploadsController::summary() const {
    int counts[UploadState::Cancelled + 1] = {};
    for (const UploadItem& item : m_queue->items())
        ++counts[item.state];
    QStringList parts;
    const auto add = [&](int count, const char* what) {
        if (count > 0)
            parts.append(QStringLiteral("%1 %2").arg(count).arg(QLatin1String(what)));
    };
    add(counts[UploadState::Uploading], "uploading");
    add(counts[UploadState::Waiting] + counts[UploadState::Retrying], "waiting");
    add(counts[UploadState::Paused], "paused");
    add(counts[UploadState::NeedsSignIn], "waiting for sign-in");
    add(counts[UploadState::Processing], "processing");
    add(counts[UploadState::Ready], "ready");
    add(counts[UploadState::Failed], "failed");
    return parts.join(QStringLiteral(" · "));
}

QStringList UploadsController::categories() const {
    return {QString(), // no category
            QStringLiteral("Film & Animation"),
            QStringLiteral("Autos & Vehicles"),
            QStringLiteral("Music"),
            QStringLiteral("Pets & Animals"),
            QStringLiteral("Sports"),
            QStringLiteral("Travel & Events"),
            QStringLiteral("Gaming"),
            QStringLiteral("People & Blogs"),
            QStringLiteral("Comedy"),
            QStringLiteral("Entertainment"),
            QStringLiteral("News & Politics"),
            QStringLiteral("Howto & Style"),
            QStringLiteral("Education"),
            QStringLiteral("Science & Technology"),
            QStringLiteral("Nonprofits & Activism")};
}

void UploadsController::schedule() {
    if (!canUpload())
        return;
    int active = activeCount();
    for (int row = 0; row < m_queue->count() && active < kMaxActiveUploads; ++row) {
        const UploadItem* item = m_queue->at(row);
        if (item->state == UploadState::Waiting && !m_workers.contains(item->id)) {
            startUpload(row);
            ++active;
        }
    }
}

void UploadsController::startUpload(int row) {
    UploadItem* item = m_queue->at(row);
    UploadJob job;
    job.mode = UploadJob::Mode::Upload;
    job.endpoint_url = m_app->api()->urlFor(QStringLiteral("/api/v1/uploads"));
    job.upload_url = item->upload_path.isEmpty() ? QString() : m_app->api()->urlFor(item->upload_path);
    job.metadata = creationMetadata(*item);
    job.file_path = item->file_path;
    job.file_size_bytes = item->file_size_bytes;
    job.file_mtime_ms = item->file_mtime_ms;
    job.access_token = m_app->api()->tokens().access_token;
    if (item->upload_path.isEmpty())
        item->creation_form_revision = item->form_revision;

    auto* worker = new UploadWorker(std::move(job), &m_sendLimitPerUpload, this);
    connect(worker, &UploadWorker::created, this,
            [this, worker](const QString& url, const QString& video) { onCreated(worker, url, video); });
    connect(worker, &UploadWorker::progressed, this,
            [this, worker](qint64 acknowledged, qint64 sent) { onProgressed(worker, acknowledged, sent); });
    connect(worker, &UploadWorker::finished, this,
            [this, worker](const UploadOutcome& outcome) { onFinished(worker, outcome); });
    m_workers.insert(item->id, worker);
    item->state = UploadState::Uploading;
    item->sent_bytes = item->acknowledged_bytes;
    item->speed_bytes_per_s = 0;
    item->speed_sample_ms = 0;
    changed(row);
    persist();
    updateSendLimit();
    worker->start();
}

void UploadsController::startCleanup(int row) {
    UploadItem* item = m_queue->at(row);
    if (!item || m_workers.contains(item->id))
        return;
    if (item->upload_path.isEmpty()) { // nothing left but (maybe) the video
        deleteVideo(item->id);
        return;
    }
    UploadJob job;
    job.mode = UploadJob::Mode::Terminate;
    job.upload_url = m_app->api()->urlFor(item->upload_path);
    job.access_token = m_app->api()->tokens().access_token;
    auto* worker = new UploadWorker(std::move(job), &m_sendLimitPerUpload, this);
    connect(worker, &UploadWorker::finished, this,
            [this, worker](const UploadOutcome& outcome) { onFinished(worker, outcome); });
    m_workers.insert(item->id, worker);
    worker->start();
}

void UploadsController::retireWorker(const QString& id) {
    UploadWorker* worker = m_workers.take(id);
    if (!worker)
        return;
    worker->stop(UploadWorker::StopMode::KeepOnServer);
    m_retired.insert(worker, id);
}

void UploadsController::updateSendLimit() {
    const int64_t total = static_cast<int64_t>(m_app->settings()->uploadLimitKbps()) * 1000;
    m_sendLimitPerUpload = total / std::max(1, activeCount()); // the limit is shared by the active uploads
    emit summaryChanged();
}

void UploadsController::ensureTicking() {
    if (!m_tick.isActive())
        m_tick.start();
}

void UploadsController::tick() {
    const qint64 now = nowMs();
    bool waiting = false;
    for (int row = 0; row < m_queue->count(); ++row) {
        UploadItem* item = m_queue->at(row);
        if (item->state == UploadState::Retrying) {
            if (item->next_attempt_ms <= now && canUpload()) {
                item->state = UploadState::Waiting;
                item->message.clear();
            } else {
                waiting = true;
            }
            changed(row); // the countdown
        } else if (item->cleanup_pending && !m_workers.contains(item->id)) {
            if (item->next_attempt_ms <= now)
                startCleanup(row);
            else
                waiting = true;
        }
    }
    if (!waiting)
        m_tick.stop();
    schedule();
}

void UploadsController::persist() {
    m_store.save(m_key, m_queue->items());
}

void UploadsController::changed(int row) {
    m_queue->changed(row);
}

} // namespace fc::ui
