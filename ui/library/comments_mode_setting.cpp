#include "ui/library/comments_mode_setting.h"

#include <QJsonObject>

#include "ui/api/api_client.h"

namespace fc::ui {
namespace {
const QString kCommentsMode = QStringLiteral("comments_mode");
} // namespace

CommentsModeSetting::CommentsModeSetting(ApiClient& api, QObject* parent) : QObject(parent), m_api(api) {}

void CommentsModeSetting::load(const QString& video_id) {
    ++m_serial;
    m_videoId = video_id;
    m_mode.clear();
    m_error.clear();
    m_busy = true;
    emit changed();
    const int serial = m_serial;
    m_api.get(videoApiPath(video_id), this, [this, serial](const ApiResult& result) {
        if (serial == m_serial)
            finish(result, tr("Could not read the comments setting"));
    });
}

void CommentsModeSetting::save(const QString& mode) {
    if (m_videoId.isEmpty() || mode == m_mode)
        return;
    ++m_serial;
    m_busy = true;
    m_error.clear();
    emit changed();
    ApiRequest request;
    request.method = "PATCH";
    request.path = videoApiPath(m_videoId);
    request.json = QJsonObject{{kCommentsMode, mode}};
    const int serial = m_serial;
    const QString video_id = m_videoId;
    m_api.call(request, this, [this, serial, video_id](const ApiResult& result) {
        if (serial != m_serial)
            return;
        finish(result, tr("Could not change the comments setting"));
        if (result.ok())
            emit saved(video_id, m_mode);
    });
}

void CommentsModeSetting::clearError() {
    if (m_error.isEmpty())
        return;
    m_error.clear();
    emit changed();
}

void CommentsModeSetting::reset() {
    ++m_serial;
    m_videoId.clear();
    m_mode.clear();
    m_error.clear();
    m_busy = false;
    emit changed();
}

void CommentsModeSetting::finish(const ApiResult& result, const QString& failure) {
    m_busy = false;
    if (result.ok()) {
        // A server without comments (or an old one) has no comments_mode: comments are on.
        const QString mode = result.object().value(kCommentsMode).toString();
        m_mode = mode.isEmpty() ? QStringLiteral("on") : mode;
        m_error.clear();
    } else {
        m_error = QStringLiteral("%1: %2").arg(failure, ApiClient::describe(result.error));
    }
    emit changed();
}

} // namespace fc::ui
