#pragma once
// Related videos beside the player (GET /api/v1/videos/:id/related, docs/API.md §17): follows videoId (the
// player page binds it to the video on screen); each item a video card with why it is there ("Viewers also
// watched", "More from …", the reason roles of DiscoveryVideoModel). The server never lists the video itself
// nor, when signed in, one in the user's history. One page of up to 20, no cursor.
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/discovery_video_model.h"

namespace fc::ui {

class RelatedVideosModel : public fc::ui::DiscoveryVideoModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RelatedVideosModel belongs to App.search")
    Q_PROPERTY(QString videoId READ videoId WRITE setVideoId NOTIFY videoIdChanged)
public:
    explicit RelatedVideosModel(ApiClient& api, QObject* parent = nullptr);

    QString videoId() const { return m_videoId; }
    // Lists the videos related to video_id (nothing for ""); the rows of the previous video go at once.
    void setVideoId(const QString& video_id);

signals:
    void videoIdChanged();

protected:
    QString listPath() const override;
    QString loadErrorText(const QString& reason) const override;

private:
    QString m_videoId;
};

} // namespace fc::ui
