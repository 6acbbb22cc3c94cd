#include "ui/social/comments_model.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

#include "ui/api/api_client.h"
#include "ui/models/relative_age.h"
#include "ui/realtime/realtime_client.h"
#include "ui/social/social_text.h"

namespace fc::ui {
namespace {
constexpr int kMaxPageSize = 100; // the server clamps to this

QString sortName(CommentsModel::Sort sort) {
    switch (sort) {
    case CommentsModel::Sort::Newest:
        return QStringLiteral("newest");
    case CommentsModel::Sort::Oldest:
        return QStringLiteral("oldest");
    case CommentsModel::Sort::Top:
        break;
    }
    return QStringLiteral("top");
}

QString withCursor(QString path, const QString& cursor) {
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
    return path;
}

} // namespace

CommentsModel::CommentsModel(ApiClient& api, RealtimeClient& realtime, QObject* parent)
    : QAbstractListModel(parent), m_api(api), m_realtime(realtime) {
    refreshAgesPeriodically(this, {AgeTextRole});
    connect(&m_realtime, &RealtimeClient::eventReceived, this, &CommentsModel::onRealtimeEvent);
    connect(&m_realtime, &RealtimeClient::subscribed, this, &CommentsModel::onSubscribed);
    connect(&m_realtime, &RealtimeClient::topicLost, this, [this](const QString& lost, const QString&) {
        if (lost == topic())
            setLive(false);
    });
    connect(&m_realtime, &RealtimeClient::connectedChanged, this, [this] {
        if (!m_realtime.connected())
            setLive(false); // granted again (and re-read) after the reconnect
    });
}

// --- The model ---------------------------------------------------------------------------------------

int CommentsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant CommentsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CommentRow& row = m_rows.at(index.row());
    const bool mine = !m_userId.isEmpty() && row.author_id == m_userId;
    const bool published = row.status == QLatin1String("published");
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return row.deleted ? tr("This comment was deleted.") : row.text;
    case CommentIdRole:
        return row.id;
    case ThreadIdRole:
        return row.threadKey();
    case IsReplyRole:
        return row.isReply();
    case AuthorNameRole:
        return row.authorName();
    case AuthorInitialRole:
        return row.authorName().left(1).toUpper();
    case ReplyToRole:
        return row.reply_to_username;
    case DeletedRole:
        return row.deleted;
    case EditedRole:
        return row.edited;
    case HeldRole:
        return row.status == QLatin1String("held");
    case PinnedRole:
        return row.pinned;
    case HeartedRole:
        return row.hearted;
    case LikeCountRole:
        return row.like_count;
    case DislikeCountRole:
        return row.dislike_count;
    case MyReactionRole:
        return row.my_reaction;
    case ReplyCountRole:
        return row.reply_count;
    case AgeTextRole:
        return ageText(row.created_at, QDateTime::currentDateTimeUtc());
    case IsMineRole:
        return mine;
    case CanEditRole:
        return mine && !row.deleted;
    case CanDeleteRole:
        return (mine || m_canModerate) && !row.deleted;
    case CanModerateRole:
        return m_canModerate && published && !row.deleted;
    case CanReportRole:
        return !mine && !row.deleted;
    case RepliesShownRole:
        return row.replies_shown;
    case RepliesLoadingRole:
        return row.replies_loading;
    case MoreRepliesRole: {
        const int next = index.row() + 1;
        if (next < count() && m_rows.at(next).isReply() && m_rows.at(next).thread_id == row.threadKey())
            return false; // not the thread's last shown row
        const int top = row.isReply() ? rowOf(row.thread_id) : index.row();
        const CommentRow& thread = m_rows.at(top < 0 ? index.row() : top);
        return thread.replies_shown && !thread.replies_loading && !thread.replies_cursor.isEmpty();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CommentsModel::roleNames() const {
    return {{CommentIdRole, "commentId"},
            {ThreadIdRole, "threadId"},
            {IsReplyRole, "isReply"},
            {AuthorNameRole, "authorName"},
            {AuthorInitialRole, "authorInitial"},
            {ReplyToRole, "replyTo"},
            {TextRole, "text"},
            {DeletedRole, "deleted"},
            {EditedRole, "edited"},
            {HeldRole, "held"},
            {PinnedRole, "pinned"},
            {HeartedRole, "hearted"},
            {LikeCountRole, "likeCount"},
            {DislikeCountRole, "dislikeCount"},
            {MyReactionRole, "myReaction"},
            {ReplyCountRole, "replyCount"},
            {AgeTextRole, "ageText"},
            {IsMineRole, "isMine"},
            {CanEditRole, "canEdit"},
            {CanDeleteRole, "canDelete"},
            {CanModerateRole, "canModerate"},
            {CanReportRole, "canReport"},
            {RepliesShownRole, "repliesShown"},
            {RepliesLoadingRole, "repliesLoading"},
            {MoreRepliesRole, "moreReplies"}};
}

bool CommentsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && hasMore() && !m_loading;
}

void CommentsModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(m_nextCursor);
}

// --- Settings ----------------------------------------------------------------------------------------

void CommentsModel::setSort(Sort sort) {
    if (sort == m_sort)
        return;
    m_sort = sort;
    emit sortChanged();
    reload();
}

void CommentsModel::setPageSize(int page_size) {
    page_size = std::clamp(page_size, 1, kMaxPageSize);
    if (page_size == m_pageSize)
        return;
    m_pageSize = page_size;
    emit pageSizeChanged();
}

void CommentsModel::setVideo(const QString& video_id, const QString& my_user_id) {
    m_userId = my_user_id;
    if (video_id == m_videoId)
        return;
    if (!m_videoId.isEmpty())
        m_realtime.unsubscribe(topic());
    m_videoId = video_id;
    m_grantedBefore = false;
    setLive(false);
    setCanModerate(false);
    m_totalCount = 0;
    m_commentsMode = QStringLiteral("on");
    emit totalCountChanged();
    emit commentsModeChanged();
    emit videoChanged();
    setError({});
    setNotice({});
    if (m_videoId.isEmpty()) {
        ++m_generation;
        resetRows({});
        m_loaded = false;
        setLoading(false);
        return;
    }
    m_realtime.subscribe(topic());
    reload();
}

void CommentsModel::setCanModerate(bool can_moderate) {
    if (can_moderate == m_canModerate)
        return;
    m_canModerate = can_moderate;
    emit canModerateChanged();
    if (count() > 0)
        emit dataChanged(index(0), index(count() - 1));
}

void CommentsModel::setTotalCount(qint64 total) {
    if (total == m_totalCount)
        return;
    m_totalCount = total;
    emit totalCountChanged();
}

QString CommentsModel::topic() const {
    return QStringLiteral("video:%1:comments").arg(m_videoId);
}

// --- Loading -----------------------------------------------------------------------------------------

void CommentsModel::reload() {
    if (m_videoId.isEmpty())
        return;
    ++m_generation;
    requestPage({});
}

void CommentsModel::requestPage(const QString& cursor) {
    const QString path =
        withCursor(videoApiPath(m_videoId) +
                       QStringLiteral("/comments?sort=%1&limit=%2").arg(sortName(m_sort)).arg(m_pageSize),
                   cursor);
    const bool first_page = cursor.isEmpty();
    const int generation = m_generation;
    setLoading(true);
    m_api.get(path, this, [this, generation, first_page](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setLoading(false);
            setError(tr("Could not load the comments: %1").arg(describeSocialError(result.error)));
            return;
        }
        setError({});
        onPage(result.object(), first_page);
        setLoading(false);
    });
}

bool CommentsModel::shown(const CommentRow& row) const {
    // A deleted comment stays only to hold its thread together; removed ones are never listed.
    if (row.status == QLatin1String("removed"))
        return false;
    return !row.deleted || (!row.isReply() && row.reply_count > 0);
}

void CommentsModel::onPage(const QJsonObject& body, bool first_page) {
    QList<CommentRow> page;
    for (const QJsonValue& item : body.value(QStringLiteral("items")).toArray()) {
        const CommentRow row = commentRowFromJson(item.toObject());
        if (shown(row) && (first_page || rowOf(row.id) < 0))
            page.append(row);
    }
    m_nextCursor = body.value(QStringLiteral("next_cursor")).toString();
    setTotalCount(body.value(QStringLiteral("comment_count")).toInteger(m_totalCount));
    const QString mode = body.value(QStringLiteral("comments_mode")).toString(m_commentsMode);
    if (mode != m_commentsMode) {
        m_commentsMode = mode;
        emit commentsModeChanged();
    }
    const int pending_before = newCount();
    if (first_page) {
        m_pending.clear();
        m_countedReplies.clear();
        resetRows(page);
    } else {
        for (const CommentRow& row : std::as_const(page))
            m_pending.removeIf([&row](const CommentRow& pending) { return pending.id == row.id; });
        insertRows(count(), page);
    }
    if (newCount() != pending_before)
        emit newCountChanged();
    m_loaded = true;
}

void CommentsModel::toggleReplies(const QString& comment_id) {
    const int top = rowOf(comment_id);
    if (top < 0 || m_rows.at(top).isReply())
        return;
    CommentRow& thread = m_rows[top];
    if (thread.replies_shown) {
        thread.replies_shown = false;
        thread.replies_loading = false;
        thread.replies_cursor.clear();
        const int end = threadEnd(top);
        if (end > top + 1)
            removeRows(top + 1, end - 1);
        rowChanged(top);
        return;
    }
    thread.replies_shown = true;
    thread.replies_loading = true;
    rowChanged(top);
    requestReplies(comment_id, {});
}

void CommentsModel::loadMoreReplies(const QString& comment_id) {
    const int top = rowOf(comment_id);
    if (top < 0 || !m_rows.at(top).replies_shown || m_rows.at(top).replies_loading ||
        m_rows.at(top).replies_cursor.isEmpty())
        return;
    m_rows[top].replies_loading = true;
    threadChanged(top);
    requestReplies(comment_id, m_rows.at(top).replies_cursor);
}

void CommentsModel::requestReplies(const QString& thread_id, const QString& cursor) {
    const QString path = withCursor(QStringLiteral("/api/v1/comments/%1/replies?limit=%2")
                                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(thread_id)))
                                        .arg(m_pageSize),
                                    cursor);
    const int generation = m_generation;
    m_api.get(path, this, [this, generation, thread_id](const ApiResult& result) {
        if (generation != m_generation)
            return;
        const int top = rowOf(thread_id);
        if (top < 0 || !m_rows.at(top).replies_shown)
            return; // closed meanwhile
        if (!result.ok()) {
            m_rows[top].replies_loading = false;
            threadChanged(top);
            setError(tr("Could not load the replies: %1").arg(describeSocialError(result.error)));
            return;
        }
        onReplies(thread_id, result.object());
    });
}

void CommentsModel::onReplies(const QString& thread_id, const QJsonObject& body) {
    QList<CommentRow> replies;
    for (const QJsonValue& item : body.value(QStringLiteral("items")).toArray()) {
        const CommentRow row = commentRowFromJson(item.toObject());
        if (shown(row) && rowOf(row.id) < 0)
            replies.append(row);
    }
    const int top = rowOf(thread_id);
    CommentRow& thread = m_rows[top];
    thread.replies_loading = false;
    thread.replies_cursor = body.value(QStringLiteral("next_cursor")).toString();
    for (const CommentRow& reply : std::as_const(replies))
        m_countedReplies.insert(reply.id);
    insertRows(threadEnd(top), replies);
    threadChanged(top);
}

// --- Rows --------------------------------------------------------------------------------------------

int CommentsModel::rowOf(const QString& comment_id) const {
    for (int i = 0; i < count(); ++i)
        if (m_rows.at(i).id == comment_id)
            return i;
    return -1;
}

int CommentsModel::threadEnd(int top_row) const {
    const QString thread = m_rows.at(top_row).id;
    int end = top_row + 1;
    while (end < count() && m_rows.at(end).thread_id == thread)
        ++end;
    return end;
}

int CommentsModel::topInsertPosition() const {
    return !m_rows.isEmpty() && m_rows.constFirst().pinned ? threadEnd(0) : 0;
}

void CommentsModel::resetRows(const QList<CommentRow>& rows) {
    const int before = count();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (count() != before)
        emit countChanged();
}

void CommentsModel::moveThreadToTop(int top_row) {
    if (top_row <= 0 || top_row >= count())
        return;
    const int end = threadEnd(top_row);
    beginMoveRows({}, top_row, end - 1, {}, 0);
    const QList<CommentRow> block = m_rows.mid(top_row, end - top_row);
    m_rows.remove(top_row, end - top_row);
    for (qsizetype i = 0; i < block.size(); ++i)
        m_rows.insert(i, block.at(i));
    endMoveRows();
}

void CommentsModel::insertRows(int at, const QList<CommentRow>& rows) {
    if (rows.isEmpty())
        return;
    beginInsertRows({}, at, at + static_cast<int>(rows.size()) - 1);
    for (int i = 0; i < rows.size(); ++i)
        m_rows.insert(at + i, rows.at(i));
    endInsertRows();
    emit countChanged();
}

void CommentsModel::removeRows(int first, int last) {
    beginRemoveRows({}, first, last);
    m_rows.remove(first, last - first + 1);
    endRemoveRows();
    emit countChanged();
}

void CommentsModel::rowChanged(int row) {
    emit dataChanged(index(row), index(row));
}

void CommentsModel::threadChanged(int top_row) {
    emit dataChanged(index(top_row), index(threadEnd(top_row) - 1));
}

void CommentsModel::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void CommentsModel::setError(const QString& message) {
    if (message == m_error)
        return;
    m_error = message;
    emit errorMessageChanged();
}

void CommentsModel::setNotice(const QString& message) {
    if (message == m_notice)
        return;
    m_notice = message;
    emit noticeChanged();
}

void CommentsModel::clearError() {
    setError({});
}

void CommentsModel::clearNotice() {
    setNotice({});
}

} // namespace fc::ui
