#pragma once
// The signed-in user's notifications (App.social.notifications), newest first, paged by the server's cursor;
// unreadCount for the bell's badge. Live on user:<me>:notifications: a new notification goes to the top and
// the count follows the server's. Events are not replayed, so each time the topic is granted (also after a
// reconnect) the first page and the count are read again.
#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class ApiClient;
class RealtimeClient;

struct NotificationRow {
    QString id;
    QString kind; // new_video, comment_reply, video_comment, video_processed
    bool read = false;
    QDateTime created_at;
    QString actor_name;
    QString video_id;
    QString video_title;
    QString comment_id;
    QString text;
    QString summary; // the one line the bell shows
};

NotificationRow notificationRowFromJson(const QJsonObject& notification);

class NotificationsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NotificationsModel belongs to App.social")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool live READ live NOTIFY liveChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    enum Role {
        NotificationIdRole = Qt::UserRole + 1,
        KindRole,
        ReadRole,
        SummaryRole,
        TextRole,
        ActorNameRole,
        VideoIdRole,
        VideoTitleRole,
        CommentIdRole,
        AgeTextRole,
    };
    Q_ENUM(Role)

    NotificationsModel(ApiClient& api, RealtimeClient& realtime, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    int count() const { return static_cast<int>(m_rows.size()); }
    int unreadCount() const { return static_cast<int>(m_unreadCount); }
    bool loading() const { return m_loading; }
    bool live() const { return m_live; }
    QString errorMessage() const { return m_error; }

    // Whose notifications (empty: signed out, the list empties and the topic is left).
    void setUser(const QString& user_id);
    int rowOf(const QString& notification_id) const;
    NotificationRow row(int index) const { return m_rows.value(index); }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void markRead(const QString& notification_id);
    Q_INVOKABLE void markAllRead();

signals:
    void countChanged();
    void unreadCountChanged();
    void loadingChanged();
    void liveChanged();
    void errorMessageChanged();

private:
    void requestPage(const QString& cursor);
    void onPage(const QJsonObject& body, bool first_page);
    void onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data);
    void postRead(const QJsonObject& body);
    void setRead(int row);
    void setUnreadCount(qint64 count);
    void setLoading(bool loading);
    void setLive(bool live);
    void setError(const QString& message);
    QString topic() const;

    ApiClient& m_api;
    RealtimeClient& m_realtime;
    QString m_userId;
    QList<NotificationRow> m_rows;
    QString m_nextCursor;
    qint64 m_unreadCount = 0;
    bool m_loading = false;
    bool m_live = false;
    int m_generation = 0;
    QString m_error;
};

} // namespace fc::ui
