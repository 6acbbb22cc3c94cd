#include "ui/studio/studio_controller.h"

#include <QUrl>

#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/uploads/upload_form_rules.h"

namespace fc::ui {

StudioController::StudioController(AppContext* app) : QObject(app), m_app(app) {
    m_videos = new MyVideosModel(*app->api(), *app->realtime(), this);
    m_thumbnails = new ThumbnailChoicesModel(*app->api(), this);
    connect(m_thumbnails, &ThumbnailChoicesModel::thumbnailChanged, m_videos,
            &MyVideosModel::setThumbnailPath);

    // A finished upload shows up (at the top when new) with its live status, without reloading the list.
    connect(app->uploads(), &UploadsController::videoUploaded, m_videos, &MyVideosModel::reloadVideo);
    connect(app, &AppContext::connected, this, [this] {
        if (signedIn())
            refresh();
    });
    connect(app->session(), &SessionController::signedIn, this, &StudioController::refresh);
    connect(app->session(), &SessionController::stateChanged, this, [this] {
        if (m_app->session()->state() == SessionController::State::SignedOut) {
            m_videos->clear();
            setEditError({});
            setError({});
        }
    });
}

bool StudioController::signedIn() const {
    return m_app->session()->state() == SessionController::State::SignedIn;
}

void StudioController::refresh() {
    m_videos->refresh();
}

void StudioController::saveVideo(const QString& video_id, const QString& title, const QString& description,
                                 const QString& tags_text, const QString& category,
                                 const QString& visibility) {
    // The same form and rules as a new upload's details.
    const UploadForm form{title, description, splitTags(tags_text), category, visibility};
    if (const QString problem = validateUploadForm(form); !problem.isEmpty()) {
        setEditError(tr("Could not save: %1").arg(problem));
        return;
    }
    ApiRequest request;
    request.method = "PATCH";
    request.path = videoApiPath(video_id);
    request.json = uploadFormJson(form);
    setEditError({});
    setSaving(true);
    m_app->api()->call(request, this, [this, video_id](const ApiResult& result) {
        setSaving(false);
        if (!result.ok()) {
            setEditError(tr("Could not save: %1").arg(ApiClient::describe(result.error)));
            return;
        }
        m_videos->applyVideo(result.object());
        emit videoSaved(video_id);
    });
}

void StudioController::deleteVideo(const QString& video_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = videoApiPath(video_id);
    setError({});
    m_app->api()->call(request, this, [this, video_id](const ApiResult& result) {
        // Already gone is what was asked for.
        if (result.ok() || result.error.code == QLatin1String("video_not_found")) {
            m_videos->removeVideo(video_id);
            emit videoDeleted(video_id);
            return;
        }
        setError(tr("Could not delete the video: %1").arg(ApiClient::describe(result.error)));
    });
}

void StudioController::clearEditError() {
    setEditError({});
}

void StudioController::clearError() {
    setError({});
}

void StudioController::setSaving(bool saving) {
    if (m_saving == saving)
        return;
    m_saving = saving;
    emit savingChanged();
}

void StudioController::setEditError(const QString& message) {
    if (m_editError == message)
        return;
    m_editError = message;
    emit editErrorChanged();
}

void StudioController::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
