#include "ui/social/social_controller.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QUrl>

#include <cmath>

#include "ui/app/app_context.h"
#include "ui/social/share_link.h"
#include "ui/social/social_text.h"

namespace fc::ui {
namespace {

QString channelPath(const QString& channel_id, const QString& suffix = {}) {
    return QStringLiteral("/api/v1/channels/") + QString::fromLatin1(QUrl::toPercentEncoding(channel_id)) +
           suffix;
}

ApiRequest makeRequest(const QByteArray& method, const QString& path) {
    ApiRequest request;
    request.method = method;
    request.path = path;
    return request;
}

} // namespace

SocialController::SocialController(AppContext* app) : QObject(app), m_app(app) {
    m_notifications = new NotificationsModel(*app->api(), *app->realtime(), this);
    m_comments = new CommentsModel(*app->api(), *app->realtime(), this);
    connect(m_comments, &CommentsModel::commentPosted, this, &SocialController::commentPosted);
    connect(app->session(), &SessionController::signedIn, this, &SocialController::onSessionChanged);
    connect(app->session(), &SessionController::stateChanged, this, &SocialController::onSessionChanged);
    onSessionChanged();
}

void SocialController::onSessionChanged() {
    SessionController* session = m_app->session();
    if (session->state() == SessionController::State::SignedOut) {
        m_notifications->setUser({});
        setVideoId({});
    } else if (!session->userId().isEmpty()) {
        m_notifications->setUser(session->userId()); // the same user again: nothing to do
    }
}

// --- The video on screen -----------------------------------------------------------------------------

void SocialController::resetVideoState() {
    m_channelId.clear();
    m_channelName.clear();
    m_ownVideo = false;
    m_ownChannel = false;
    m_likeCount = 0;
    m_dislikeCount = 0;
    m_myRating = QStringLiteral("none");
    m_subscribed = false;
    m_subscriberCount = 0;
    m_ratingRead = false;
    m_busy = 0;
}

void SocialController::setVideoId(const QString& video_id) {
    if (video_id == m_videoId)
        return;
    ++m_generation;
    m_videoId = video_id;
    resetVideoState();
    setError({});
    clearShareMessage();
    m_comments->setVideo(video_id, m_app->session()->userId());
    emit videoChanged();
    emit channelChanged();
    emit ratingChanged();
    emit busyChanged();
    if (video_id.isEmpty())
        return;
    callForVideo(makeRequest("GET", videoApiPath(video_id)), [this](const ApiResult& result) {
        if (!result.ok()) {
            setError(describeSocialError(result.error));
            return;
        }
        onVideo(result.object());
    });
    callForVideo(makeRequest("GET", videoApiPath(video_id) + QStringLiteral("/rating")),
                 [this](const ApiResult& result) {
                     if (result.ok())
                         applyRating(result.object());
                 });
}

void SocialController::openChannel(const QString& channel_id) {
    if (!m_videoId.isEmpty() || channel_id == m_channelId)
        return;
    ++m_generation;
    resetVideoState();
    setError({});
    m_channelId = channel_id;
    m_ownChannel = !channel_id.isEmpty() && channel_id == m_app->session()->channelId();
    emit videoChanged();
    emit channelChanged();
    emit ratingChanged();
    emit busyChanged();
    if (!channel_id.isEmpty())
        readChannel();
}

void SocialController::callForVideo(const ApiRequest& request, std::function<void(const ApiResult&)> done) {
    const int generation = m_generation;
    m_app->api()->call(request, this, [this, generation, done = std::move(done)](const ApiResult& result) {
        if (generation == m_generation)
            done(result);
    });
}

void SocialController::onVideo(const QJsonObject& video) {
    SessionController* session = m_app->session();
    m_channelId = video.value(QStringLiteral("channel_id")).toString();
    m_ownVideo = video.value(QStringLiteral("owner_id")).toString() == session->userId();
    m_ownChannel = m_channelId == session->channelId();
    if (!m_ratingRead) {
        // The video's counts, until the rating read (which also has mine) answers.
        m_likeCount = video.value(QStringLiteral("like_count")).toInteger();
        m_dislikeCount = video.value(QStringLiteral("dislike_count")).toInteger();
        emit ratingChanged();
    }
    m_comments->setCanModerate(m_ownVideo);
    if (!m_comments->loaded())
        m_comments->setTotalCount(video.value(QStringLiteral("comment_count")).toInteger());
    emit videoChanged();
    emit channelChanged();
    readChannel();
}

void SocialController::readChannel() {
    callForVideo(makeRequest("GET", channelPath(m_channelId)), [this](const ApiResult& result) {
        if (!result.ok())
            return;
        m_channelName = result.object().value(QStringLiteral("name")).toString();
        m_subscriberCount = result.object().value(QStringLiteral("subscriber_count")).toInteger();
        emit channelChanged();
    });
    if (m_ownChannel)
        return;
    callForVideo(makeRequest("GET", channelPath(m_channelId, QStringLiteral("/subscription"))),
                 [this](const ApiResult& result) {
                     if (result.ok())
                         applySubscription(result.object());
                 });
}

// --- Rating ------------------------------------------------------------------------------------------

QString SocialController::likeText() const {
    return compactCount(m_likeCount);
}

void SocialController::like() {
    rate(m_myRating == QLatin1String("like") ? QStringLiteral("none") : QStringLiteral("like"));
}

void SocialController::dislike() {
    rate(m_myRating == QLatin1String("dislike") ? QStringLiteral("none") : QStringLiteral("dislike"));
}

void SocialController::rate(const QString& rating) {
    if (m_videoId.isEmpty() || busy())
        return;
    ApiRequest request;
    request.method = "PUT";
    request.path = videoApiPath(m_videoId) + QStringLiteral("/rating");
    request.json = QJsonObject{{QStringLiteral("rating"), rating}};
    setError({});
    startBusy();
    callForVideo(request, [this](const ApiResult& result) {
        endBusy();
        if (!result.ok()) {
            setError(tr("Could not save your rating: %1").arg(describeSocialError(result.error)));
            return;
        }
        applyRating(result.object());
    });
}

void SocialController::applyRating(const QJsonObject& rating) {
    m_likeCount = rating.value(QStringLiteral("like_count")).toInteger();
    m_dislikeCount = rating.value(QStringLiteral("dislike_count")).toInteger();
    m_myRating = rating.value(QStringLiteral("my_rating")).toString(QStringLiteral("none"));
    m_ratingRead = true;
    emit ratingChanged();
}

// --- Subscription ------------------------------------------------------------------------------------

QString SocialController::subscriberText() const {
    return m_subscriberCount == 1 ? tr("1 subscriber")
                                  : tr("%1 subscribers").arg(compactCount(m_subscriberCount));
}

void SocialController::subscribe() {
    changeSubscription("PUT");
}

void SocialController::unsubscribe() {
    changeSubscription("DELETE");
}

void SocialController::toggleSubscription() {
    changeSubscription(m_subscribed ? "DELETE" : "PUT");
}

void SocialController::changeSubscription(const QByteArray& method) {
    if (!canSubscribe() || busy())
        return;
    setError({});
    startBusy();
    callForVideo(
        makeRequest(method, channelPath(m_channelId, QStringLiteral("/subscription"))),
        [this](const ApiResult& result) {
            endBusy();
            if (!result.ok()) {
                setError(tr("Could not change your subscription: %1").arg(describeSocialError(result.error)));
                return;
            }
            applySubscription(result.object());
        });
}

void SocialController::applySubscription(const QJsonObject& subscription) {
    m_subscribed = subscription.value(QStringLiteral("subscribed")).toBool();
    m_subscriberCount = subscription.value(QStringLiteral("subscriber_count")).toInteger(m_subscriberCount);
    emit channelChanged();
}

// --- Links -------------------------------------------------------------------------------------------

void SocialController::share(double position_s) {
    if (m_videoId.isEmpty())
        return;
    const qint64 seconds = std::isfinite(position_s) && position_s > 0 ? qint64(std::floor(position_s)) : 0;
    clearShareMessage();
    callForVideo(makeRequest("GET", videoApiPath(m_videoId) + QStringLiteral("/share?t=%1").arg(seconds)),
                 [this](const ApiResult& result) {
                     if (!result.ok()) {
                         setError(tr("Could not make a link: %1").arg(describeSocialError(result.error)));
                         return;
                     }
                     m_sharedUrl = result.object().value(QStringLiteral("url")).toString();
                     if (QClipboard* clipboard = QGuiApplication::clipboard())
                         clipboard->setText(m_sharedUrl);
                     m_shareMessage = tr("Link copied to the clipboard: %1").arg(m_sharedUrl);
                     emit shareMessageChanged();
                     emit linkCopied(m_sharedUrl);
                 });
}

bool SocialController::openLink(const QString& text) {
    const std::optional<ShareLink> link = parseShareLink(text);
    if (!link)
        return false;
    emit watchRequested(link->video_id, link->start_s);
    return true;
}

void SocialController::openNotification(const QString& notification_id) {
    const int row = m_notifications->rowOf(notification_id);
    if (row < 0)
        return;
    m_notifications->markRead(notification_id);
    const QString video_id = m_notifications->row(row).video_id;
    if (!video_id.isEmpty())
        emit watchRequested(video_id, -1); // where the user left off, as from the Studio
}

void SocialController::clearShareMessage() {
    if (m_shareMessage.isEmpty() && m_sharedUrl.isEmpty())
        return;
    m_shareMessage.clear();
    m_sharedUrl.clear();
    emit shareMessageChanged();
}

// --- State -------------------------------------------------------------------------------------------

void SocialController::startBusy() {
    if (m_busy++ == 0)
        emit busyChanged();
}

void SocialController::endBusy() {
    if (m_busy > 0 && --m_busy == 0)
        emit busyChanged();
}

void SocialController::setError(const QString& message) {
    if (message == m_error)
        return;
    m_error = message;
    emit errorMessageChanged();
}

void SocialController::clearError() {
    setError({});
}

} // namespace fc::ui
