#include "ui/discovery/related_videos_model.h"

#include "ui/library/library_text.h"

namespace fc::ui {

RelatedVideosModel::RelatedVideosModel(ApiClient& api, QObject* parent)
    : DiscoveryVideoModel(api, ItemShape::Wrapped, parent) {}

void RelatedVideosModel::setVideoId(const QString& video_id) {
    if (video_id == m_videoId)
        return;
    m_videoId = video_id;
    emit videoIdChanged();
    removeAll(); // another video's neighbours must not show beside this one, even for a moment
    refresh();
}

QString RelatedVideosModel::listPath() const {
    return m_videoId.isEmpty() ? QString() : apiPath(QStringLiteral("/api/v1/videos/%1/related"), m_videoId);
}

QString RelatedVideosModel::loadErrorText(const QString& reason) const {
    return tr("Could not load related videos: %1").arg(reason);
}

} // namespace fc::ui
