// UploadsController, the parts that talk to the server's REST API and realtime topics: the form saved to the
// video (PATCH) and the processing that follows the last byte.
#include <QJsonObject>

#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/uploads/upload_form_rules.h"
#include "ui/uploads/uploads_controller.h"

namespace fc::ui {
namespace {

constexpr int kMetadataRetryMs = 5000;

QString statusTopic(const QString& video_id) {
    return QStringLiteral("video:%1:status").arg(video_id);
}

} // namespace

// --- the form ---

template <class Change> void UploadsController::editForm(int row, Change change) {
    UploadItem* item = m_queue->at(row);
    if (!item || item->state == UploadState::Cancelled)
        return;
    UploadForm form = item->form;
    change(form);
    if (form == item->form)
        return;
    item->form = std::move(form);
    item->form_error = validateUploadForm(item->form);
    ++item->form_revision;
    item->metadata_pending = true;
    changed(row);
    m_saveTimer.start();
    if (!item->video_id.isEmpty())
        m_metadataTimer.start();
}

void UploadsController::setTitle(int row, const QString& title) {
    editForm(row, [&](UploadForm& form) { form.title = title; });
}

void UploadsController::setDescription(int row, const QString& description) {
    editForm(row, [&](UploadForm& form) { form.description = description; });
}

void UploadsController::setTags(int row, const QString& comma_separated) {
    editForm(row, [&](UploadForm& form) { form.tags = splitTags(comma_separated); });
}

void UploadsController::setCategory(int row, const QString& category) {
    editForm(row, [&](UploadForm& form) { form.category = category; }); // trimmed when sent
}

void UploadsController::setVisibility(int row, const QString& visibility) {
    editForm(row, [&](UploadForm& form) { form.visibility = visibility; });
}

void UploadsController::syncMetadata() {
    if (!canUpload())
        return;
    for (int row = 0; row < m_queue->count(); ++row) {
        UploadItem* item = m_queue->at(row);
        // One PATCH at a time per video, only for a form the server will accept, never for a cancelled
        // upload.
        if (!item->metadata_pending || item->video_id.isEmpty() || item->form_revision_sent >= 0 ||
            !item->form_error.isEmpty() || item->state == UploadState::Cancelled)
            continue;
        const QString id = item->id;
        const int revision = item->form_revision;
        item->form_revision_sent = revision;
        ApiRequest request;
        request.method = "PATCH";
        request.path = videoApiPath(item->video_id);
        request.json = uploadFormJson(item->form);
        m_app->api()->call(request, this, [this, id, revision](const ApiResult& result) {
            const int row = m_queue->rowOf(id);
            if (row < 0)
                return;
            UploadItem* item = m_queue->at(row);
            item->form_revision_sent = -1;
            if (result.ok() || result.status == 404) { // saved, or the video is gone: nothing left to save
                item->metadata_pending = item->form_revision != revision;
                if (item->metadata_pending)
                    m_metadataTimer.start();
            } else if (result.status == 0 || result.status >= 500 || result.status == 401) {
                m_metadataTimer.start(
                    kMetadataRetryMs); // sent again when the server (or the session) is back
            } else {
                item->form_error =
                    ApiClient::describe(result.error); // shown beside the form until the next edit
            }
            changed(row);
            persist();
        });
    }
}

// --- processing ---

void UploadsController::track(int row) {
    const UploadItem* item = m_queue->at(row);
    if (!item || item->video_id.isEmpty())
        return;
    // Events are not replayed: subscribe, then read the current state (and poll now and then as a fallback).
    m_app->realtime()->subscribe(statusTopic(item->video_id));
    fetchStatus(item->video_id);
    if (!m_pollTimer.isActive())
        m_pollTimer.start();
}

void UploadsController::untrack(const UploadItem& item) {
    if (!item.video_id.isEmpty())
        m_app->realtime()->unsubscribe(statusTopic(item.video_id));
}

void UploadsController::pollProcessing() {
    bool any = false;
    for (const UploadItem& item : m_queue->items()) {
        if (item.state == UploadState::Processing) {
            fetchStatus(item.video_id);
            any = true;
        }
    }
    if (!any)
        m_pollTimer.stop();
}

void UploadsController::fetchStatus(const QString& video_id) {
    m_app->api()->get(QStringLiteral("/api/v1/videos/%1/status").arg(video_id), this,
                      [this, video_id](const ApiResult& result) {
                          if (result.ok()) {
                              applyServerStatus(video_id, result.object());
                          } else if (result.status == 404) {
                              applyServerStatus(
                                  video_id,
                                  {{QStringLiteral("status"), QStringLiteral("failed")},
                                   {QStringLiteral("failure"),
                                    QJsonObject{{QStringLiteral("message"),
                                                 QStringLiteral("The video was deleted on the server.")}}}});
                          }
                      });
}

void UploadsController::onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data) {
    const QString videoId = data.value(QStringLiteral("video_id")).toString();
    if (topic != statusTopic(videoId))
        return;
    if (type == QLatin1String("status_changed")) {
        applyServerStatus(videoId, data);
    } else if (type == QLatin1String("processing_progress")) {
        QJsonObject status = data;
        status.insert(QStringLiteral("status"), QStringLiteral("processing"));
        applyServerStatus(videoId, status);
    }
}

void UploadsController::applyServerStatus(const QString& video_id, const QJsonObject& status) {
    const int row = m_queue->rowOfVideo(video_id);
    if (row < 0 || m_queue->at(row)->state != UploadState::Processing)
        return;
    UploadItem* item = m_queue->at(row);
    const QString previous = item->server_status;
    item->server_status = status.value(QStringLiteral("status")).toString(item->server_status);
    if (status.contains(QStringLiteral("progress")))
        item->processing_progress = status.value(QStringLiteral("progress")).toDouble();
    if (status.contains(QStringLiteral("eta_ms")))
        item->processing_eta_ms = status.value(QStringLiteral("eta_ms")).toInteger(-1);
    if (item->server_status == QLatin1String("ready")) {
        item->state = UploadState::Ready;
        item->processing_progress = 1;
        untrack(*item);
    } else if (item->server_status == QLatin1String("failed")) {
        const QString reason =
            status.value(QStringLiteral("failure")).toObject().value(QStringLiteral("message")).toString();
        item->state = UploadState::Failed;
        item->message = reason.isEmpty()
                            ? QStringLiteral("The server could not process this video.")
                            : QStringLiteral("The server could not process this video: %1").arg(reason);
        untrack(*item);
    }
    changed(row);
    if (previous != item->server_status)
        persist();
    if (item->finished())
        emit summaryChanged();
}

} // namespace fc::ui
