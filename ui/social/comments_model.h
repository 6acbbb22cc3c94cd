#pragma once
// The comments of the video on screen (App.social.comments), as one flat list: top-level comments in the
// chosen order (top / newest / oldest, paged by the server's cursor through fetchMore), each followed by its
// replies when the user opened them (toggleReplies, loadMoreReplies; oldest first). Writes: post, reply,
// edit, delete, like/dislike, and for the video's owner pin and heart; report for anyone else's comment.
//
// Live, on video:<id>:comments: someone else's new top-level comment does not jump into the list under the
// reader; it counts up newCount ("N new comments") until showNew() puts those at the top. The user's own
// comments and replies appear at once. Edits, deletions, reactions and reply counts update rows in place.
// Events are not replayed: when the subscription is granted again after a reconnect the first page is read
// again.
#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "ui/social/comment_row.h"

namespace fc::ui {

class ApiClient;
struct ApiResult;
class RealtimeClient;

class CommentsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CommentsModel belongs to App.social")
    Q_PROPERTY(QString videoId READ videoId NOTIFY videoChanged)
    Q_PROPERTY(Sort sort READ sort WRITE setSort NOTIFY sortChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY totalCountChanged)
    Q_PROPERTY(QString commentsMode READ commentsMode NOTIFY commentsModeChanged)
    Q_PROPERTY(bool commentsOff READ commentsOff NOTIFY commentsModeChanged)
    Q_PROPERTY(int newCount READ newCount NOTIFY newCountChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY loadingChanged)
    Q_PROPERTY(bool posting READ posting NOTIFY postingChanged)
    Q_PROPERTY(bool live READ live NOTIFY liveChanged)
    Q_PROPERTY(bool canModerate READ canModerate NOTIFY canModerateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
public:
    enum class Sort { Top = 0, Newest, Oldest };
    Q_ENUM(Sort)

    enum Role {
        CommentIdRole = Qt::UserRole + 1,
        ThreadIdRole, // the top-level comment's id (its own for a top-level comment)
        IsReplyRole,
        AuthorNameRole,
        AuthorInitialRole,
        ReplyToRole, // the username a reply to a reply mentions, or ""
        TextRole,
        DeletedRole,
        EditedRole,
        HeldRole, // the user's own comment, waiting for the creator's review
        PinnedRole,
        HeartedRole,
        LikeCountRole,
        DislikeCountRole,
        MyReactionRole, // "like", "dislike" or ""
        ReplyCountRole,
        AgeTextRole,
        IsMineRole,
        CanEditRole,
        CanDeleteRole,
        CanModerateRole, // pin / heart
        CanReportRole,
        RepliesShownRole,
        RepliesLoadingRole,
        MoreRepliesRole, // the last shown row of a thread whose replies have another page
    };
    Q_ENUM(Role)

    CommentsModel(ApiClient& api, RealtimeClient& realtime, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    QString videoId() const { return m_videoId; }
    Sort sort() const { return m_sort; }
    void setSort(Sort sort);
    int count() const { return static_cast<int>(m_rows.size()); }
    int totalCount() const { return static_cast<int>(m_totalCount); }
    QString commentsMode() const { return m_commentsMode; }
    bool commentsOff() const { return m_commentsMode == QLatin1String("off"); }
    int newCount() const { return static_cast<int>(m_pending.size()); }
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    bool posting() const { return m_posting; }
    bool live() const { return m_live; }
    bool canModerate() const { return m_canModerate; }
    QString errorMessage() const { return m_error; }
    QString notice() const { return m_notice; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int page_size); // 1..100, from the next request

    // The video whose comments to list (empty: none) and who is reading: loads the first page and follows
    // the video's comment topic.
    void setVideo(const QString& video_id, const QString& my_user_id);
    void setCanModerate(bool can_moderate); // the reader owns the video
    void setTotalCount(qint64 count);       // the video object's comment_count, until the first page says

    int rowOf(const QString& comment_id) const; // -1 when not in the list
    CommentRow row(int index) const { return m_rows.value(index); }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void loadMore() { fetchMore({}); } // the next page of top-level comments, if any
    Q_INVOKABLE void showNew();
    Q_INVOKABLE void post(const QString& text);
    Q_INVOKABLE void reply(const QString& comment_id, const QString& text);
    Q_INVOKABLE void edit(const QString& comment_id, const QString& text);
    Q_INVOKABLE void remove(const QString& comment_id);
    Q_INVOKABLE void like(const QString& comment_id);    // pressing like again clears it
    Q_INVOKABLE void dislike(const QString& comment_id); // likewise
    Q_INVOKABLE void setPinned(const QString& comment_id, bool pinned);
    Q_INVOKABLE void setHearted(const QString& comment_id, bool hearted);
    Q_INVOKABLE void report(const QString& comment_id, const QString& reason);
    Q_INVOKABLE void toggleReplies(const QString& comment_id);
    Q_INVOKABLE void loadMoreReplies(const QString& comment_id);
    Q_INVOKABLE void clearError();
    Q_INVOKABLE void clearNotice();

signals:
    void videoChanged();
    void sortChanged();
    void countChanged();
    void totalCountChanged();
    void commentsModeChanged();
    void newCountChanged();
    void loadingChanged();
    void postingChanged();
    void liveChanged();
    void canModerateChanged();
    void errorMessageChanged();
    void noticeChanged();
    void pageSizeChanged();
    void commentPosted(const QString& comment_id, const QString& parent_id); // the composer may clear

private:
    // Where a comment object comes from: only new ones (created events, the answer to my post) are added;
    // updates (events, the answers to my edits, pins, hearts) change the rows that have them.
    enum class Origin { Invalid = 0, CreatedEvent, UpdatedEvent, MyPost, MyUpdate };

    // Loading (comments_model.cpp)
    void requestPage(const QString& cursor);
    void onPage(const QJsonObject& body, bool first_page);
    void requestReplies(const QString& thread_id, const QString& cursor);
    void onReplies(const QString& thread_id, const QJsonObject& body);
    void resetRows(const QList<CommentRow>& rows);
    void insertRows(int at, const QList<CommentRow>& rows);
    void removeRows(int first, int last);
    void moveThreadToTop(int top_row); // the thread and its shown replies, as one block
    void rowChanged(int index);
    void threadChanged(int top_row);  // the thread's rows (MoreRepliesRole moves with its last row)
    int threadEnd(int top_row) const; // the index after the thread's last shown reply
    int topInsertPosition() const;    // the top, below a pinned comment
    bool shown(const CommentRow& row) const;
    void setLoading(bool loading);
    void setError(const QString& message);
    void setNotice(const QString& message);

    // Writes and events (comments_model_live.cpp)
    void onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data);
    void onSubscribed(const QString& topic);
    void integrate(const CommentRow& row, Origin origin, bool has_my_reaction);
    void applyDeleted(const QString& comment_id);
    void applyReactionCounts(const QString& comment_id, qint64 likes, qint64 dislikes);
    void react(const QString& comment_id, const QString& reaction);
    void sendComment(const QString& text, const QString& parent_id);
    void writeComment(const QByteArray& method, const QString& path, const QJsonObject& body,
                      const QString& failure_prefix);
    void failed(const QString& prefix, const ApiResult& result);
    void setPosting(bool posting);
    void setLive(bool live);
    QString topic() const;

    ApiClient& m_api;
    RealtimeClient& m_realtime;
    QString m_videoId;
    QString m_userId;
    Sort m_sort = Sort::Top;
    QList<CommentRow> m_rows;
    QList<CommentRow> m_pending;    // others' new top-level comments, newest first, until showNew()
    QSet<QString> m_countedReplies; // replies already counted into their thread's reply_count
    QString m_nextCursor;
    qint64 m_totalCount = 0;
    QString m_commentsMode = QStringLiteral("on");
    bool m_loading = false;
    bool m_loaded = false;
    bool m_posting = false;
    bool m_live = false;
    bool m_grantedBefore = false; // the topic was granted once for this video: a new grant is a reconnect
    bool m_canModerate = false;
    int m_pageSize = 20;
    int m_generation = 0; // answers for another video or sort, or from before a reload, are dropped
    QString m_error;
    QString m_notice;
};

} // namespace fc::ui
