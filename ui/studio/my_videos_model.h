#pragma once
// The signed-in user's videos in every state (GET /api/v1/users/me/videos), newest first, paged with the
// server's cursor through fetchMore(). Videos still uploading or processing follow their realtime topic
// video:<id>:status; progress comes only from those events (the model never polls). When a subscription is
// granted (also after a reconnect) the video's status is read once, since events are not replayed.
#include <QAbstractListModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "ui/studio/video_row.h"

namespace fc::ui {

class ApiClient;
class RealtimeClient;

class MyVideosModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MyVideosModel belongs to App.studio")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
public:
    enum Role {
        VideoIdRole = Qt::UserRole + 1,
        TitleRole,
        DescriptionRole,
        TagsRole,
        CategoryRole,
        VisibilityRole,
        StatusRole,
        ProgressRole,
        FailureMessageRole,
        PlayableRole,
        ViewsRole,
        DurationMsRole,
        CreatedAtRole,
        ThumbnailUrlRole, // image://framecast/api/v1/... (see api_image_provider.h), empty when none
        StatusTextRole,   // "Processing 63 %"
        DurationTextRole, // "1:23"
    };
    Q_ENUM(Role)

    MyVideosModel(ApiClient& api, RealtimeClient& realtime, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    int count() const { return static_cast<int>(m_rows.size()); }
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    QString errorMessage() const { return m_error; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int page_size); // 1..100; applies from the next request

    // Reloads from the first page (new uploads appear; rows loaded beyond it are dropped until fetched
    // again).
    Q_INVOKABLE void refresh();
    // Forgets everything (signed out).
    void clear();
    Q_INVOKABLE void clearError();

    int rowOf(const QString& video_id) const; // -1 when not listed
    VideoRow row(int index) const { return m_rows.value(index); }
    // A fresh video object from the server (an edit's answer, a re-read): updates its row.
    void applyVideo(const QJsonObject& video);
    void setThumbnailPath(const QString& video_id, const QString& path);
    void removeVideo(const QString& video_id);
    // Re-reads one video (GET /api/v1/videos/<id>): a new one is added at the top, one that is gone leaves.
    void reloadVideo(const QString& video_id);

signals:
    void countChanged();
    void loadingChanged();
    void errorMessageChanged();
    void pageSizeChanged();

private:
    void requestPage(const QString& cursor);
    void onPage(const QJsonObject& body, bool first_page);
    void onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data);
    void onSubscribed(const QString& topic);
    void onStatusRead(const QString& video_id, const QJsonObject& status);
    void updateRow(int index, const VideoRow& row);
    void follow(const VideoRow& row);
    void unfollow(const QString& video_id);
    void unfollowAll();
    void setLoading(bool loading);
    void setError(const QString& message);

    ApiClient& m_api;
    RealtimeClient& m_realtime;
    QList<VideoRow> m_rows;
    QSet<QString> m_followed; // video ids whose status topic this model subscribed
    QString m_nextCursor;
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_loaded = false;
    int m_pageSize = 20;
    int m_generation = 0; // answers to requests from before the last refresh()/clear() are dropped
    QString m_error;
};

} // namespace fc::ui
