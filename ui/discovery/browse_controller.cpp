#include "ui/discovery/browse_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

BrowseController::BrowseController(AppContext* app) : QObject(app), m_app(app) {
    ApiClient& api = *app->api();
    m_home = new RecommendationsModel(api, this);
    m_trending = new TrendingModel(api, this);
    m_categories = new CategoriesModel(api, this);
    m_channel = new ChannelDetails(api, this);
    m_channelVideos = new ChannelVideosModel(api, this);

    connect(app, &AppContext::connected, this, [this] {
        if (m_app->session()->state() == SessionController::State::SignedIn) {
            refreshHome();
            refreshTrending();
        }
    });
    connect(app->session(), &SessionController::signedIn, this, [this] {
        refreshHome();
        refreshTrending();
    });
    connect(app->session(), &SessionController::stateChanged, this, &BrowseController::onSessionChanged);
    connect(app->social(), &SocialController::videoChanged, this, &BrowseController::onSocialVideoChanged);
}

void BrowseController::refreshHome() {
    m_home->refresh();
}

void BrowseController::refreshTrending() {
    m_trending->refresh();
    m_categories->refresh();
}

void BrowseController::openChannel(const QString& channel_id) {
    m_channel->open(channel_id);
    m_channelVideos->setChannel(channel_id);
    m_app->social()->openChannel(channel_id);
}

void BrowseController::refreshChannel() {
    m_channel->refresh();
    m_channelVideos->refresh();
}

void BrowseController::onSessionChanged() {
    if (m_app->session()->state() != SessionController::State::SignedOut)
        return;
    // What was recommended or subscribed belonged to the user who left: the anonymous feed replaces it.
    m_home->clear();
    refreshHome();
    m_app->social()->openChannel({});
}

void BrowseController::onSocialVideoChanged() {
    SocialController* social = m_app->social();
    const bool watching = !social->videoId().isEmpty();
    if (watching == m_watching)
        return;
    m_watching = watching;
    if (watching)
        return;
    // The player closed: what was watched leaves the feed, and the channel page (if one is open) gets its
    // subscription state back in App.social.
    refreshHome();
    if (!m_channel->channelId().isEmpty())
        social->openChannel(m_channel->channelId());
}

} // namespace fc::ui
