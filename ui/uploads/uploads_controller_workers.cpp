// UploadsController, what happens when a worker reports: the upload created, progress (smoothed speed), and
// the end of an attempt: done, or a failure that is retried, renews the session, starts the upload again or
// needs the creator; and the clean-up of a cancelled upload on the server.
#include <QDateTime>
#include <QUrl>

#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/uploads/upload_form_rules.h"
#include "ui/uploads/upload_worker.h"
#include "ui/uploads/uploads_controller.h"

namespace fc::ui {
namespace {

constexpr int kMaxRecreations = 3;
constexpr double kSpeedSmoothing = 0.3; // weight of the newest sample
constexpr qint64 kSpeedSampleMs = 500;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

void UploadsController::onCreated(UploadWorker* worker, const QString& upload_url, const QString& video_id) {
    // Also from a worker stopped meanwhile (paused or cancelled while creating): the upload exists now.
    const QString id = m_retired.contains(worker) ? m_retired.value(worker) : m_workers.key(worker);
    const int row = m_queue->rowOf(id);
    if (id.isEmpty() || row < 0 || !m_queue->at(row)->upload_path.isEmpty())
        return;
    UploadItem* item = m_queue->at(row);
    item->upload_path = QUrl(upload_url).path(); // the port of the bundled server changes between runs
    item->video_id = video_id;
    // Tags and category (and edits made since the creation started) go by PATCH.
    item->metadata_pending =
        !(formFitsCreationMetadata(item->form) && item->form_revision == item->creation_form_revision);
    if (item->state == UploadState::Cancelled && !m_workers.contains(id)) {
        item->cleanup_pending = true; // cancelled before its creation was known
        startCleanup(row);
    }
    changed(row);
    persist();
    syncMetadata();
}

void UploadsController::onProgressed(UploadWorker* worker, qint64 acknowledged_bytes, qint64 sent_bytes) {
    const int row = m_queue->rowOf(m_workers.key(worker));
    if (row < 0 || m_queue->at(row)->state != UploadState::Uploading)
        return;
    UploadItem* item = m_queue->at(row);
    const bool acknowledged = acknowledged_bytes > item->acknowledged_bytes;
    item->acknowledged_bytes = std::max(item->acknowledged_bytes, acknowledged_bytes);
    const qint64 now = nowMs();
    if (item->speed_sample_ms == 0 || sent_bytes < item->speed_sample_bytes) {
        item->speed_sample_ms = now; // first sample, or a chunk is being sent again
        item->speed_sample_bytes = sent_bytes;
    } else if (now - item->speed_sample_ms >= kSpeedSampleMs) {
        const double current = static_cast<double>(sent_bytes - item->speed_sample_bytes) * 1000.0 /
                               static_cast<double>(now - item->speed_sample_ms);
        item->speed_bytes_per_s =
            item->speed_bytes_per_s <= 0
                ? current
                : kSpeedSmoothing * current + (1 - kSpeedSmoothing) * item->speed_bytes_per_s;
        item->speed_sample_ms = now;
        item->speed_sample_bytes = sent_bytes;
    }
    item->sent_bytes = sent_bytes;
    changed(row);
    if (acknowledged)
        persist(); // once per chunk: the saved queue shows how far it got
}

void UploadsController::onFinished(UploadWorker* worker, const UploadOutcome& outcome) {
    if (m_retired.remove(worker) > 0) {
        worker->deleteLater();
        return;
    }
    const QString id = m_workers.key(worker);
    m_workers.remove(id);
    const bool cleanup = worker->job().mode == UploadJob::Mode::Terminate || worker->stopping();
    worker->deleteLater();
    const int row = m_queue->rowOf(id);
    if (id.isEmpty() || row < 0)
        return;
    UploadItem* item = m_queue->at(row);
    if (item->state == UploadState::Cancelled || cleanup) {
        onCleanupFinished(row, outcome);
    } else if (outcome.kind == UploadOutcome::Kind::Completed) {
        item->acknowledged_bytes = item->sent_bytes = item->file_size_bytes;
        item->state = UploadState::Processing;
        item->server_status.clear();
        item->failures = 0;
        item->message.clear();
        changed(row);
        persist();
        track(row);
        emit videoUploaded(item->video_id);
    } else if (outcome.kind == UploadOutcome::Kind::Failed) {
        handleFailure(row, outcome, worker->job().access_token);
    } else if (item->state == UploadState::Uploading) {
        item->state = UploadState::Waiting; // stopped without being asked to: try again
        changed(row);
    }
    updateSendLimit();
    schedule();
    emit summaryChanged();
}

void UploadsController::handleFailure(int row, const UploadOutcome& outcome, const QString& used_token) {
    UploadItem* item = m_queue->at(row);
    item->acknowledged_bytes = std::max(item->acknowledged_bytes, outcome.offset_bytes);
    item->sent_bytes = item->acknowledged_bytes;
    const UploadDecision decision = decideAfterFailure(outcome, m_app->api()->baseUrl().toString());
    switch (decision.action) {
    case UploadAction::RetryLater:
        ++item->failures;
        item->state = UploadState::Retrying;
        item->message = decision.reason;
        item->next_attempt_ms = nowMs() + retryDelayMs(item->failures);
        ensureTicking();
        break;
    case UploadAction::RefreshSession:
        if (used_token != m_app->api()->tokens().access_token) {
            // The tokens were renewed meanwhile (which ends the old pair): go again with the new ones.
            // Refreshing here would end the tokens the other uploads just got.
            item->state = UploadState::Waiting;
            break;
        }
        // Still "uploading" (an access token simply expires every hour) until the refresh says otherwise.
        refreshSessionFor(item->id);
        break;
    case UploadAction::Recreate:
        if (++item->recreations > kMaxRecreations) {
            item->state = UploadState::Failed;
            item->message = decision.reason + QStringLiteral(" Starting it again did not help; try later.");
            break;
        }
        // The old video needs no deleting: the server removes an unfinished upload's video with it.
        item->notice = decision.reason + QStringLiteral(" The upload was started again from the beginning.");
        item->upload_path.clear();
        item->video_id.clear();
        item->acknowledged_bytes = item->sent_bytes = 0;
        item->metadata_pending = true;
        item->state = UploadState::Waiting;
        item->message.clear();
        break;
    case UploadAction::Fail:
    case UploadAction::Invalid:
        item->state = UploadState::Failed;
        item->message = decision.reason;
        break;
    }
    changed(row);
    persist();
}

void UploadsController::refreshSessionFor(const QString& id) {
    m_app->api()->refreshTokens(this, [this, id](bool ok) {
        const int row = m_queue->rowOf(id);
        if (row < 0 || m_queue->at(row)->state != UploadState::Uploading || m_workers.contains(id))
            return; // paused or cancelled meanwhile
        UploadItem* item = m_queue->at(row);
        if (ok) {
            item->state = UploadState::Waiting;
            item->message.clear();
        } else if (m_app->api()->hasSession()) { // the refresh itself did not get through: offline
            item->state = UploadState::Retrying;
            item->message = QStringLiteral("Cannot reach the server at %1 to renew your session.")
                                .arg(m_app->api()->baseUrl().toString());
            item->next_attempt_ms = nowMs() + retryDelayMs(++item->failures);
            ensureTicking();
        } else {
            item->state = UploadState::NeedsSignIn;
            item->message =
                QStringLiteral("Your session has expired. Sign in again to continue this upload.");
        }
        changed(row);
        persist();
        schedule();
    });
}

void UploadsController::onCleanupFinished(int row, const UploadOutcome& outcome) {
    UploadItem* item = m_queue->at(row);
    const bool transient =
        outcome.kind == UploadOutcome::Kind::Failed &&
        (outcome.http_status == 0 || outcome.http_status >= 500 || outcome.http_status == 401);
    if (transient) { // try again later; the item stays in the list until the server has forgotten it
        item->next_attempt_ms = nowMs() + retryDelayMs(++item->failures);
        ensureTicking();
        return;
    }
    item->upload_path.clear();
    persist();
    deleteVideo(item->id);
}

void UploadsController::deleteVideo(const QString& id) {
    const int row = m_queue->rowOf(id);
    if (row < 0)
        return;
    UploadItem* item = m_queue->at(row);
    if (item->video_id.isEmpty()) {
        item->cleanup_pending = false;
        changed(row);
        persist();
        return;
    }
    item->next_attempt_ms = nowMs() + 60000; // not again from tick() while this call is out
    ApiRequest request;
    request.method = "DELETE";
    request.path = videoApiPath(item->video_id);
    m_app->api()->call(request, this, [this, id](const ApiResult& result) {
        const int row = m_queue->rowOf(id);
        if (row < 0)
            return;
        UploadItem* item = m_queue->at(row);
        if (result.ok() || result.status == 404 || result.status == 403) {
            item->cleanup_pending = false;
            item->video_id.clear();
        } else {
            item->next_attempt_ms = nowMs() + retryDelayMs(++item->failures);
            ensureTicking();
        }
        changed(row);
        persist();
    });
}

} // namespace fc::ui
