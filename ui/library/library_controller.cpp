#include "ui/library/library_controller.h"

#include <QJsonObject>

#include "ui/api/api_client.h"
#include "ui/app/app_context.h"
#include "ui/library/library_text.h"

namespace fc::ui {

LibraryController::LibraryController(AppContext* app) : QObject(app), m_app(app) {
    ApiClient& api = *app->api();
    m_feed = new SubscriptionsFeedModel(api, this);
    m_channels = new SubscribedChannelsModel(api, this);
    m_history = new HistoryModel(api, this);
    m_playlists = new PlaylistsModel(api, this);
    m_watchLater = new PlaylistItemsModel(api, this);
    m_playlist = new PlaylistItemsModel(api, this);
    m_review = new CommentReviewModel(api, *app->session(), this);
    m_commentsMode = new CommentsModeSetting(api, this);

    // Unsubscribing takes the channel's videos out of the feed.
    connect(m_channels, &SubscribedChannelsModel::unsubscribed, m_feed, &JsonListModel::refresh);
    // Edits of a playlist's items change its count and thumbnail in the playlists list, and the other view
    // of the same playlist (Watch later is both a tab and a playlist).
    for (PlaylistItemsModel* items : {m_watchLater, m_playlist})
        connect(items, &PlaylistItemsModel::itemsEdited, this,
                [this, items](const QString& playlist_id) { playlistEdited(playlist_id, items); });
    connect(m_watchLater, &PlaylistItemsModel::playlistChanged, this, [this] {
        if (m_watchLater->isWatchLater())
            m_watchLaterId = m_watchLater->playlistId();
    });
    connect(m_playlists, &PlaylistsModel::playlistUpdated, m_playlist, &PlaylistItemsModel::applyPlaylist);
    connect(m_playlists, &PlaylistsModel::playlistRemoved, this, [this](const QString& playlist_id) {
        if (m_playlist->playlistId() == playlist_id)
            m_playlist->close();
    });

    connect(app, &AppContext::connected, this, [this] {
        if (signedIn())
            refresh();
    });
    connect(app->session(), &SessionController::signedIn, this, &LibraryController::refresh);
    connect(app->session(), &SessionController::stateChanged, this, [this] {
        if (m_app->session()->state() == SessionController::State::SignedOut)
            clearAll();
    });
}

bool LibraryController::signedIn() const {
    return m_app->session()->state() == SessionController::State::SignedIn;
}

void LibraryController::refresh() {
    if (!signedIn())
        return; // pages call this when shown; nothing is listed for nobody
    refreshSubscriptions();
    refreshLibrary();
    m_review->refresh();
}

void LibraryController::refreshSubscriptions() {
    if (!signedIn())
        return;
    m_feed->refresh();
    m_channels->refresh();
}

void LibraryController::refreshLibrary() {
    if (!signedIn())
        return;
    m_history->refresh();
    m_history->readSettings();
    m_playlists->refresh();
    m_watchLater->openWatchLater();
    if (!m_playlist->playlistId().isEmpty())
        m_playlist->open(m_playlist->playlistId());
}

void LibraryController::openPlaylist(const QString& playlist_id) {
    m_playlist->open(playlist_id);
}

void LibraryController::addToWatchLater(const QString& video_id) {
    withWatchLaterId([this, video_id](const QString& playlist_id) { addToPlaylist(playlist_id, video_id); });
}

void LibraryController::addToPlaylist(const QString& playlist_id, const QString& video_id) {
    const bool watch_later = playlist_id == m_watchLaterId;
    const QString name = watch_later ? tr("Watch later") : m_playlists->titleOf(playlist_id);
    ApiRequest request;
    request.method = "POST";
    request.path = apiPath(QStringLiteral("/api/v1/playlists/%1/items"), playlist_id);
    request.json = QJsonObject{{QStringLiteral("video_id"), video_id}};
    setError({});
    const int epoch = m_epoch;
    m_app->api()->call(request, this, [this, epoch, playlist_id, video_id, name](const ApiResult& result) {
        if (epoch != m_epoch)
            return;
        if (result.error.code == QLatin1String("already_in_playlist")) {
            setStatus(name.isEmpty() ? tr("Already in the playlist") : tr("Already in %1").arg(name));
            return;
        }
        if (!result.ok()) {
            setError(tr("Could not add the video to %1: %2")
                         .arg(name.isEmpty() ? tr("the playlist") : name, ApiClient::describe(result.error)));
            return;
        }
        setStatus(name.isEmpty() ? tr("Added to the playlist") : tr("Added to %1").arg(name));
        playlistEdited(playlist_id, nullptr);
        emit addedToPlaylist(playlist_id, video_id);
    });
}

void LibraryController::withWatchLaterId(std::function<void(const QString&)> done) {
    if (!m_watchLaterId.isEmpty()) {
        done(m_watchLaterId);
        return;
    }
    const int epoch = m_epoch;
    setError({});
    m_app->api()->get(
        QStringLiteral("/api/v1/playlists/watch-later"), this,
        [this, epoch, done = std::move(done)](const ApiResult& result) {
            if (epoch != m_epoch)
                return;
            const QString id = result.object().value(QStringLiteral("id")).toString();
            if (!result.ok() || id.isEmpty()) {
                setError(tr("Could not open Watch later: %1").arg(ApiClient::describe(result.error)));
                return;
            }
            m_watchLaterId = id;
            done(id);
        });
}

void LibraryController::playlistEdited(const QString& playlist_id, PlaylistItemsModel* edited_in) {
    m_playlists->refresh();
    for (PlaylistItemsModel* items : {m_watchLater, m_playlist})
        if (items->playlistId() == playlist_id && items != edited_in)
            items->refresh();
}

void LibraryController::clearAll() {
    ++m_epoch;
    m_watchLaterId.clear();
    for (JsonListModel* model :
         std::initializer_list<JsonListModel*>{m_feed, m_channels, m_history, m_playlists, m_review})
        model->clear();
    m_watchLater->close();
    m_playlist->close();
    m_commentsMode->reset();
    setStatus({});
    setError({});
}

void LibraryController::clearStatus() {
    setStatus({});
}

void LibraryController::clearError() {
    setError({});
}

void LibraryController::setStatus(const QString& message) {
    if (m_status == message)
        return;
    m_status = message;
    emit statusMessageChanged();
}

void LibraryController::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
