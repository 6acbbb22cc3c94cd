#pragma once
// App.browse (docs/API.md §17): browsing the server — the home feed of recommendations, trending videos by
// time range and category (with the category chips), and channel pages (the channel, its videos by sort,
// and its subscription through App.social). The home feed loads at sign-in, again (anonymously) at sign-out,
// and after a video was watched (the server leaves watched videos out); pages refresh when shown.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/categories_model.h"
#include "ui/discovery/channel_details.h"
#include "ui/discovery/channel_videos_model.h"
#include "ui/discovery/recommendations_model.h"
#include "ui/discovery/trending_model.h"

namespace fc::ui {

class AppContext;

class BrowseController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("BrowseController belongs to App")
    Q_PROPERTY(fc::ui::RecommendationsModel* home READ home CONSTANT)
    Q_PROPERTY(fc::ui::TrendingModel* trending READ trending CONSTANT)
    Q_PROPERTY(fc::ui::CategoriesModel* categories READ categories CONSTANT)
    Q_PROPERTY(fc::ui::ChannelDetails* channel READ channel CONSTANT)
    Q_PROPERTY(fc::ui::ChannelVideosModel* channelVideos READ channelVideos CONSTANT)
public:
    explicit BrowseController(AppContext* app);

    RecommendationsModel* home() { return m_home; }
    TrendingModel* trending() { return m_trending; }
    CategoriesModel* categories() { return m_categories; }
    ChannelDetails* channel() { return m_channel; }
    ChannelVideosModel* channelVideos() { return m_channelVideos; }

    Q_INVOKABLE void refreshHome();
    Q_INVOKABLE void refreshTrending(); // the list and the category chips
    // Shows a channel: its details, its newest videos, and its subscription in App.social.
    Q_INVOKABLE void openChannel(const QString& channel_id);
    Q_INVOKABLE void refreshChannel();

private:
    void onSessionChanged();
    void onSocialVideoChanged();

    AppContext* m_app = nullptr;
    RecommendationsModel* m_home = nullptr;
    TrendingModel* m_trending = nullptr;
    CategoriesModel* m_categories = nullptr;
    ChannelDetails* m_channel = nullptr;
    ChannelVideosModel* m_channelVideos = nullptr;
    bool m_watching = false; // App.social has a video open (the player is up)
};

} // namespace fc::ui
