#include "ui/uploads/upload_worker.h"

#include <QDateTime>
#include <QFileInfo>

#include <chrono>

namespace fc::ui {
namespace {

constexpr qint64 kProgressIntervalMs = 100;
constexpr int kTerminateAttempts = 6; // the server answers 409 while an aborted PATCH winds down (up to 3 s)

UploadOutcome failure(const Error& error, const transfer::TusRefusal& refusal, qint64 offset) {
    UploadOutcome outcome;
    outcome.kind = UploadOutcome::Kind::Failed;
    outcome.offset_bytes = offset;
    outcome.code = QString::fromStdString(error.code);
    outcome.message = QString::fromStdString(error.message);
    outcome.http_status = refusal.http_status;
    outcome.server_message = QString::fromStdString(refusal.server_message);
    return outcome;
}

UploadOutcome stopped(qint64 offset) {
    UploadOutcome outcome;
    outcome.kind = UploadOutcome::Kind::Stopped;
    outcome.offset_bytes = offset;
    return outcome;
}

} // namespace

UploadOutcome checkSourceFile(const QString& path, qint64 size_bytes, qint64 mtime_ms) {
    UploadOutcome outcome;
    outcome.kind = UploadOutcome::Kind::Failed;
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists()) {
        outcome.code = QStringLiteral("file_missing");
        outcome.message = QStringLiteral("\"%1\" is no longer at %2; put it back or add it again.")
                              .arg(name, info.absolutePath());
    } else if (!info.isFile() || !info.isReadable()) {
        outcome.code = QStringLiteral("file_unreadable");
        outcome.message = QStringLiteral("\"%1\" cannot be read.").arg(name);
    } else if (info.size() != size_bytes || info.lastModified().toMSecsSinceEpoch() != mtime_ms) {
        outcome.code = QStringLiteral("file_changed");
        outcome.message = QStringLiteral("\"%1\" changed after it was added, so the upload cannot continue "
                                         "with the same bytes. Add the file again to upload the new version.")
                              .arg(name);
    } else {
        outcome.kind = UploadOutcome::Kind::Completed;
    }
    return outcome;
}

UploadWorker::UploadWorker(UploadJob job, const std::atomic<int64_t>* send_limit, QObject* parent)
    : QObject(parent), m_job(std::move(job)), m_sendLimit(send_limit),
      m_terminate(m_job.mode == UploadJob::Mode::Terminate) {}

UploadWorker::~UploadWorker() {
    stop(StopMode::KeepOnServer); // a termination not done yet is left for next time (cleanup_pending)
    if (m_thread.joinable())
        m_thread.join();
}

void UploadWorker::start() {
    m_thread = std::thread([this] { run(); });
}

void UploadWorker::stop(StopMode mode) {
    m_terminate = mode == StopMode::TerminateOnServer;
    m_stop = true;
}

void UploadWorker::post(std::function<void()> on_gui_thread) {
    // Queued to this object: dropped if the worker is destroyed before the GUI thread gets to it.
    QMetaObject::invokeMethod(this, std::move(on_gui_thread), Qt::QueuedConnection);
}

void UploadWorker::run() {
    transfer::TusClient tus(m_job.access_token.toStdString());
    QString uploadUrl = m_job.upload_url;
    UploadOutcome outcome;
    if (m_job.mode == UploadJob::Mode::Upload)
        outcome = upload(tus, uploadUrl);
    if (m_terminate)
        outcome = terminate(tus, uploadUrl);
    post([this, outcome] { emit finished(outcome); });
}

UploadOutcome UploadWorker::upload(transfer::TusClient& tus, QString& upload_url) {
    if (auto check = checkSourceFile(m_job.file_path, m_job.file_size_bytes, m_job.file_mtime_ms);
        check.kind != UploadOutcome::Kind::Completed)
        return check;
    if (upload_url.isEmpty()) {
        auto creation =
            tus.create(m_job.endpoint_url.toStdString(), m_job.file_size_bytes, m_job.metadata, &m_stop);
        if (!creation)
            return creation.error().code == "cancelled" ? stopped(0)
                                                        : failure(creation.error(), tus.lastRefusal(), 0);
        upload_url = QString::fromStdString(creation->upload_url);
        const QString videoId = QString::fromStdString(creation->video_id);
        post([this, upload_url, videoId] { emit created(upload_url, videoId); });
    }
    if (m_stop)
        return stopped(0);

    qint64 lastPostMs = 0;
    int64_t lastAcknowledged = -1;
    transfer::TusUploadOptions options;
    options.chunk_size_bytes = m_job.chunk_size_bytes;
    options.checksum = transfer::TusChecksum::Sha256;
    options.cancel = &m_stop;
    options.max_send_bytes_per_s = m_sendLimit;
    options.on_progress = [&](const transfer::TusProgress& progress) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Every acknowledgement, and sending progress a few times a second.
        if (progress.acknowledged_bytes == lastAcknowledged && now - lastPostMs < kProgressIntervalMs)
            return;
        lastPostMs = now;
        lastAcknowledged = progress.acknowledged_bytes;
        const qint64 acknowledged = progress.acknowledged_bytes;
        const qint64 sent = progress.sent_bytes;
        post([this, acknowledged, sent] { emit progressed(acknowledged, sent); });
    };
    auto result = tus.resume(upload_url.toStdString(), m_job.file_path.toStdString(), options);
    if (!result) {
        if (result.error().code == "cancelled" || m_stop)
            return stopped(std::max<int64_t>(0, lastAcknowledged));
        return failure(result.error(), tus.lastRefusal(), std::max<int64_t>(0, lastAcknowledged));
    }
    UploadOutcome outcome;
    outcome.kind = UploadOutcome::Kind::Completed;
    outcome.offset_bytes = *result;
    return outcome;
}

UploadOutcome UploadWorker::terminate(transfer::TusClient& tus, const QString& upload_url) {
    UploadOutcome outcome = stopped(0);
    if (upload_url.isEmpty())
        return outcome; // nothing was created on the server
    for (int attempt = 1; attempt <= kTerminateAttempts && m_terminate; ++attempt) {
        auto done = tus.terminate(upload_url.toStdString());
        const int status = tus.lastRefusal().http_status;
        if (done || status == 404 || status == 410)
            return outcome; // gone
        if (status != 409 && status < 500 && status != 0)
            return failure(done.error(), tus.lastRefusal(), 0);
        if (attempt == kTerminateAttempts)
            return failure(done.error(), tus.lastRefusal(), 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(750));
    }
    return outcome;
}

} // namespace fc::ui
