#pragma once
// The library (App.library): what the user follows and keeps — the subscriptions feed and subscribed
// channels, watch history, Watch later and playlists — and the creator's comment review queue with each
// video's comments setting. Lists load when the app is connected and signed in and empty on sign-out.
// addToWatchLater / addToPlaylist are the actions other pages (player, cards) use.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>

#include "ui/library/comment_review_model.h"
#include "ui/library/comments_mode_setting.h"
#include "ui/library/history_model.h"
#include "ui/library/playlist_items_model.h"
#include "ui/library/playlists_model.h"
#include "ui/library/subscribed_channels_model.h"
#include "ui/library/subscriptions_feed_model.h"

namespace fc::ui {

class AppContext;

class LibraryController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LibraryController belongs to App")
    Q_PROPERTY(fc::ui::SubscriptionsFeedModel* feed READ feed CONSTANT)
    Q_PROPERTY(fc::ui::SubscribedChannelsModel* channels READ channels CONSTANT)
    Q_PROPERTY(fc::ui::HistoryModel* history READ history CONSTANT)
    Q_PROPERTY(fc::ui::PlaylistsModel* playlists READ playlists CONSTANT)
    Q_PROPERTY(fc::ui::PlaylistItemsModel* watchLater READ watchLater CONSTANT)
    Q_PROPERTY(fc::ui::PlaylistItemsModel* playlist READ playlist CONSTANT)
    Q_PROPERTY(fc::ui::CommentReviewModel* review READ review CONSTANT)
    Q_PROPERTY(fc::ui::CommentsModeSetting* commentsMode READ commentsMode CONSTANT)
    Q_PROPERTY(QString statusMessage READ statusMessage NOTIFY statusMessageChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    explicit LibraryController(AppContext* app);

    SubscriptionsFeedModel* feed() { return m_feed; }
    SubscribedChannelsModel* channels() { return m_channels; }
    HistoryModel* history() { return m_history; }
    PlaylistsModel* playlists() { return m_playlists; }
    PlaylistItemsModel* watchLater() { return m_watchLater; }
    PlaylistItemsModel* playlist() { return m_playlist; } // the playlist opened in the Library page
    CommentReviewModel* review() { return m_review; }
    CommentsModeSetting* commentsMode() { return m_commentsMode; }
    QString statusMessage() const { return m_status; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void refresh(); // every list
    Q_INVOKABLE void refreshSubscriptions();
    Q_INVOKABLE void refreshLibrary(); // history, Watch later, playlists
    Q_INVOKABLE void openPlaylist(const QString& playlist_id);

    // POST /api/v1/playlists/<id>/items; statusMessage ("Added to Watch later") or errorMessage follows, and
    // the lists showing that playlist reload.
    Q_INVOKABLE void addToWatchLater(const QString& video_id);
    Q_INVOKABLE void addToPlaylist(const QString& playlist_id, const QString& video_id);
    Q_INVOKABLE void clearStatus();
    Q_INVOKABLE void clearError();

signals:
    void statusMessageChanged();
    void errorMessageChanged();
    void addedToPlaylist(const QString& playlist_id, const QString& video_id);

private:
    bool signedIn() const;
    void clearAll();
    // The Watch later playlist's id, read from the server the first time (it makes the playlist then).
    void withWatchLaterId(std::function<void(const QString&)> done);
    // A playlist's items changed on the server: reload the lists showing it, except the one the edit was made
    // in (it already shows the result).
    void playlistEdited(const QString& playlist_id, PlaylistItemsModel* edited_in);
    void setStatus(const QString& message);
    void setError(const QString& message);

    AppContext* m_app = nullptr;
    SubscriptionsFeedModel* m_feed = nullptr;
    SubscribedChannelsModel* m_channels = nullptr;
    HistoryModel* m_history = nullptr;
    PlaylistsModel* m_playlists = nullptr;
    PlaylistItemsModel* m_watchLater = nullptr;
    PlaylistItemsModel* m_playlist = nullptr;
    CommentReviewModel* m_review = nullptr;
    CommentsModeSetting* m_commentsMode = nullptr;
    QString m_watchLaterId;
    QString m_status;
    QString m_error;
    int m_epoch = 0; // answers from before the last sign-out are dropped
};

} // namespace fc::ui
