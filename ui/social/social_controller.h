#pragma once
// The social side of the app (App.social): the notifications of the signed-in user (the bell), and for the
// video open in the player its rating (like / dislike, toggled as on YouTube: pressing like again clears it),
// its channel's subscription (not on your own channel), its comments, and share links. Opening links: a share
// link pasted into the search field, or a notification clicked, asks the shell to play a video
// (watchRequested) at a time.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>

#include "ui/api/api_client.h"
#include "ui/social/comments_model.h"
#include "ui/social/notifications_model.h"

namespace fc::ui {

class AppContext;
struct ApiResult;

class SocialController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SocialController belongs to App")
    Q_PROPERTY(fc::ui::NotificationsModel* notifications READ notifications CONSTANT)
    Q_PROPERTY(fc::ui::CommentsModel* comments READ comments CONSTANT)
    Q_PROPERTY(QString videoId READ videoId WRITE setVideoId NOTIFY videoChanged)
    Q_PROPERTY(bool videoLoaded READ videoLoaded NOTIFY videoChanged)
    Q_PROPERTY(QString channelId READ channelId NOTIFY videoChanged)
    Q_PROPERTY(bool ownVideo READ ownVideo NOTIFY videoChanged)
    Q_PROPERTY(QString channelName READ channelName NOTIFY channelChanged)
    Q_PROPERTY(int likeCount READ likeCount NOTIFY ratingChanged)
    Q_PROPERTY(int dislikeCount READ dislikeCount NOTIFY ratingChanged)
    Q_PROPERTY(QString likeText READ likeText NOTIFY ratingChanged)
    Q_PROPERTY(QString myRating READ myRating NOTIFY ratingChanged) // "like", "dislike" or "none"
    Q_PROPERTY(bool subscribed READ subscribed NOTIFY channelChanged)
    Q_PROPERTY(int subscriberCount READ subscriberCount NOTIFY channelChanged)
    Q_PROPERTY(QString subscriberText READ subscriberText NOTIFY channelChanged)
    Q_PROPERTY(bool canSubscribe READ canSubscribe NOTIFY channelChanged) // not on your own channel
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged) // a rating or subscription change is on its way
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString shareMessage READ shareMessage NOTIFY shareMessageChanged)
    Q_PROPERTY(QString sharedUrl READ sharedUrl NOTIFY shareMessageChanged)
public:
    explicit SocialController(AppContext* app);

    NotificationsModel* notifications() { return m_notifications; }
    CommentsModel* comments() { return m_comments; }
    QString videoId() const { return m_videoId; }
    // The video on screen (empty: none): reads its rating, its channel and subscription, and its comments.
    void setVideoId(const QString& video_id);
    // A channel on screen without a video (its channel page, App.browse): reads its subscription, and
    // Subscribe acts on it. Ignored while a video is open (its channel is the one on screen); "" clears it.
    void openChannel(const QString& channel_id);
    bool videoLoaded() const { return !m_videoId.isEmpty() && !m_channelId.isEmpty(); }
    QString channelId() const { return m_channelId; }
    bool ownVideo() const { return m_ownVideo; }
    QString channelName() const { return m_channelName; }
    int likeCount() const { return static_cast<int>(m_likeCount); }
    int dislikeCount() const { return static_cast<int>(m_dislikeCount); }
    QString likeText() const;
    QString myRating() const { return m_myRating; }
    bool subscribed() const { return m_subscribed; }
    int subscriberCount() const { return static_cast<int>(m_subscriberCount); }
    QString subscriberText() const;
    bool canSubscribe() const { return !m_channelId.isEmpty() && !m_ownChannel; }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString shareMessage() const { return m_shareMessage; }
    QString sharedUrl() const { return m_sharedUrl; }

    Q_INVOKABLE void like();
    Q_INVOKABLE void dislike();
    Q_INVOKABLE void subscribe();
    Q_INVOKABLE void unsubscribe();
    Q_INVOKABLE void toggleSubscription();
    // Asks the server for a link to the video at position_s (whole seconds) and puts it on the clipboard.
    Q_INVOKABLE void share(double position_s);
    // A share link (see share_link.h): watchRequested and true; anything else: false.
    Q_INVOKABLE bool openLink(const QString& text);
    // Marks the notification read and, when it is about a video, asks to watch it.
    Q_INVOKABLE void openNotification(const QString& notification_id);
    Q_INVOKABLE void clearError();
    Q_INVOKABLE void clearShareMessage();

signals:
    void videoChanged();
    void channelChanged();
    void ratingChanged();
    void busyChanged();
    void errorMessageChanged();
    void shareMessageChanged();
    void watchRequested(const QString& video_id, double start_s); // start_s < 0: where the user left off
    void linkCopied(const QString& url);
    // comments' commentPosted, forwarded: QML's Connections can follow a QObject (qmllint cannot type
    // models).
    void commentPosted(const QString& comment_id, const QString& parent_id);

private:
    void onSessionChanged();
    void onVideo(const QJsonObject& video);
    void readChannel();
    void applyRating(const QJsonObject& rating);
    void applySubscription(const QJsonObject& subscription);
    void rate(const QString& rating);
    void changeSubscription(const QByteArray& method);
    // A call for the open video: done runs only while that video is still open.
    void callForVideo(const ApiRequest& request, std::function<void(const ApiResult&)> done);
    void startBusy();
    void endBusy();
    void setError(const QString& message);
    void resetVideoState();

    AppContext* m_app = nullptr;
    NotificationsModel* m_notifications = nullptr;
    CommentsModel* m_comments = nullptr;
    QString m_videoId;
    int m_generation = 0; // bumped when the video changes: late answers are dropped
    QString m_channelId;
    QString m_channelName;
    bool m_ownVideo = false;
    bool m_ownChannel = false;
    qint64 m_likeCount = 0;
    qint64 m_dislikeCount = 0;
    QString m_myRating = QStringLiteral("none");
    bool m_ratingRead = false; // the rating (with mine) was read: the video object's counts are older
    bool m_subscribed = false;
    qint64 m_subscriberCount = 0;
    int m_busy = 0;
    QString m_error;
    QString m_shareMessage;
    QString m_sharedUrl;
};

} // namespace fc::ui
