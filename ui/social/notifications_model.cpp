#include "ui/social/notifications_model.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

#include "ui/api/api_client.h"
#include "ui/models/relative_age.h"
#include "ui/realtime/realtime_client.h"
#include "ui/social/social_text.h"

namespace fc::ui {
namespace {
constexpr int kPageSize = 20;
const QString kListPath = QStringLiteral("/api/v1/users/me/notifications");
} // namespace

NotificationRow notificationRowFromJson(const QJsonObject& notification) {
    NotificationRow row;
    // The id is a string in the contract; accept a number too.
    row.id = notification.value(QStringLiteral("id")).toVariant().toString();
    row.kind = notification.value(QStringLiteral("kind")).toString();
    row.read = notification.value(QStringLiteral("read")).toBool();
    row.created_at =
        QDateTime::fromString(notification.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    const QJsonObject actor = notification.value(QStringLiteral("actor")).toObject();
    row.actor_name = actor.value(QStringLiteral("display_name")).toString();
    if (row.actor_name.isEmpty())
        row.actor_name = actor.value(QStringLiteral("username")).toString();
    const QJsonObject video = notification.value(QStringLiteral("video")).toObject();
    row.video_id = video.value(QStringLiteral("id")).toString();
    row.video_title = video.value(QStringLiteral("title")).toString();
    row.comment_id = notification.value(QStringLiteral("comment_id")).toString();
    row.text = notification.value(QStringLiteral("text")).toString();
    row.summary = notificationSummary(notification);
    return row;
}

NotificationsModel::NotificationsModel(ApiClient& api, RealtimeClient& realtime, QObject* parent)
    : QAbstractListModel(parent), m_api(api), m_realtime(realtime) {
    refreshAgesPeriodically(this, {AgeTextRole});
    connect(&m_realtime, &RealtimeClient::eventReceived, this, &NotificationsModel::onRealtimeEvent);
    connect(&m_realtime, &RealtimeClient::subscribed, this, [this](const QString& granted) {
        if (m_userId.isEmpty() || granted != topic())
            return;
        setLive(true);
        refresh(); // what arrived while we were not following
    });
    connect(&m_realtime, &RealtimeClient::topicLost, this, [this](const QString& lost, const QString&) {
        if (lost == topic())
            setLive(false);
    });
    connect(&m_realtime, &RealtimeClient::connectedChanged, this, [this] {
        if (!m_realtime.connected())
            setLive(false);
    });
}

int NotificationsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant NotificationsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NotificationRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SummaryRole:
        return row.summary;
    case NotificationIdRole:
        return row.id;
    case KindRole:
        return row.kind;
    case ReadRole:
        return row.read;
    case TextRole:
        return row.text;
    case ActorNameRole:
        return row.actor_name;
    case VideoIdRole:
        return row.video_id;
    case VideoTitleRole:
        return row.video_title;
    case CommentIdRole:
        return row.comment_id;
    case AgeTextRole:
        return ageText(row.created_at, QDateTime::currentDateTimeUtc());
    default:
        return {};
    }
}

QHash<int, QByteArray> NotificationsModel::roleNames() const {
    return {{NotificationIdRole, "notificationId"},
            {KindRole, "kind"},
            {ReadRole, "read"},
            {SummaryRole, "summary"},
            {TextRole, "text"},
            {ActorNameRole, "actorName"},
            {VideoIdRole, "videoId"},
            {VideoTitleRole, "videoTitle"},
            {CommentIdRole, "commentId"},
            {AgeTextRole, "ageText"}};
}

bool NotificationsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_nextCursor.isEmpty() && !m_loading;
}

void NotificationsModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(m_nextCursor);
}

QString NotificationsModel::topic() const {
    return QStringLiteral("user:%1:notifications").arg(m_userId);
}

void NotificationsModel::setUser(const QString& user_id) {
    if (user_id == m_userId)
        return;
    if (!m_userId.isEmpty())
        m_realtime.unsubscribe(topic());
    ++m_generation;
    m_userId = user_id;
    setLive(false);
    beginResetModel();
    m_rows.clear();
    m_nextCursor.clear();
    endResetModel();
    emit countChanged();
    setUnreadCount(0);
    setError({});
    setLoading(false);
    if (m_userId.isEmpty())
        return;
    m_realtime.subscribe(topic()); // the grant reads the first page (refresh)
    refresh();                     // now too, in case live updates are down
}

void NotificationsModel::refresh() {
    if (m_userId.isEmpty())
        return;
    ++m_generation;
    requestPage({});
}

void NotificationsModel::requestPage(const QString& cursor) {
    QString path = kListPath + QStringLiteral("?limit=%1").arg(kPageSize);
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
    const bool first_page = cursor.isEmpty();
    const int generation = m_generation;
    setLoading(true);
    m_api.get(path, this, [this, generation, first_page](const ApiResult& result) {
        if (generation != m_generation)
            return;
        setLoading(false);
        if (!result.ok()) {
            setError(tr("Could not load your notifications: %1").arg(describeSocialError(result.error)));
            return;
        }
        setError({});
        onPage(result.object(), first_page);
    });
}

void NotificationsModel::onPage(const QJsonObject& body, bool first_page) {
    QList<NotificationRow> page;
    for (const QJsonValue& item : body.value(QStringLiteral("items")).toArray()) {
        NotificationRow row = notificationRowFromJson(item.toObject());
        if (first_page || rowOf(row.id) < 0)
            page.append(std::move(row));
    }
    m_nextCursor = body.value(QStringLiteral("next_cursor")).toString();
    setUnreadCount(body.value(QStringLiteral("unread_count")).toInteger(m_unreadCount));
    const int before = count();
    if (first_page) {
        beginResetModel();
        m_rows = page;
        endResetModel();
    } else if (!page.isEmpty()) {
        beginInsertRows({}, before, before + static_cast<int>(page.size()) - 1);
        m_rows.append(page);
        endInsertRows();
    }
    if (count() != before)
        emit countChanged();
}

void NotificationsModel::onRealtimeEvent(const QString& event_topic, const QString& type,
                                         const QJsonObject& data) {
    if (m_userId.isEmpty() || event_topic != topic())
        return;
    if (type == QLatin1String("notification")) {
        const NotificationRow row =
            notificationRowFromJson(data.value(QStringLiteral("notification")).toObject());
        if (!row.id.isEmpty() && rowOf(row.id) < 0) {
            beginInsertRows({}, 0, 0);
            m_rows.prepend(row);
            endInsertRows();
            emit countChanged();
        }
        setUnreadCount(data.value(QStringLiteral("unread_count")).toInteger(m_unreadCount));
    } else if (type == QLatin1String("notifications_read")) {
        const qint64 unread = data.value(QStringLiteral("unread_count")).toInteger(m_unreadCount);
        setUnreadCount(unread);
        if (unread == 0) {
            for (int i = 0; i < count(); ++i)
                setRead(i);
        } else {
            refresh(); // read elsewhere: which ones, only the list knows
        }
    }
}

int NotificationsModel::rowOf(const QString& notification_id) const {
    for (int i = 0; i < count(); ++i)
        if (m_rows.at(i).id == notification_id)
            return i;
    return -1;
}

void NotificationsModel::markRead(const QString& notification_id) {
    const int at = rowOf(notification_id);
    if (at < 0 || m_rows.at(at).read)
        return;
    setRead(at); // at once; the server's answer brings the exact count
    setUnreadCount(std::max<qint64>(0, m_unreadCount - 1));
    postRead({{QStringLiteral("ids"), QJsonArray{notification_id}}});
}

void NotificationsModel::markAllRead() {
    for (int i = 0; i < count(); ++i)
        setRead(i);
    setUnreadCount(0);
    postRead({{QStringLiteral("all"), true}});
}

void NotificationsModel::postRead(const QJsonObject& body) {
    ApiRequest request;
    request.method = "POST";
    request.path = kListPath + QStringLiteral("/read");
    request.json = body;
    const int generation = m_generation;
    m_api.call(request, this, [this, generation](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setError(tr("Could not mark notifications read: %1").arg(describeSocialError(result.error)));
            return;
        }
        setUnreadCount(result.object().value(QStringLiteral("unread_count")).toInteger(m_unreadCount));
    });
}

void NotificationsModel::setRead(int row) {
    if (m_rows.at(row).read)
        return;
    m_rows[row].read = true;
    emit dataChanged(index(row), index(row), {ReadRole});
}

void NotificationsModel::setUnreadCount(qint64 unread) {
    if (unread == m_unreadCount)
        return;
    m_unreadCount = unread;
    emit unreadCountChanged();
}

void NotificationsModel::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void NotificationsModel::setLive(bool live) {
    if (live == m_live)
        return;
    m_live = live;
    emit liveChanged();
}

void NotificationsModel::setError(const QString& message) {
    if (message == m_error)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
