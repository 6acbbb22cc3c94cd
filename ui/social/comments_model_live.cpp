// CommentsModel: the user's writes and the video's live events (see comments_model.h).
#include <QJsonArray>
#include <QUrl>

#include "ui/api/api_client.h"
#include "ui/realtime/realtime_client.h"
#include "ui/social/comments_model.h"
#include "ui/social/social_text.h"

namespace fc::ui {
namespace {

QString commentPath(const QString& comment_id, const QString& suffix = {}) {
    return QStringLiteral("/api/v1/comments/") + QString::fromLatin1(QUrl::toPercentEncoding(comment_id)) +
           suffix;
}

} // namespace

// --- Live ---------------------------------------------------------------------------------------------

void CommentsModel::onSubscribed(const QString& granted) {
    if (m_videoId.isEmpty() || granted != topic())
        return;
    // Events are not replayed: a grant after a reconnect means some may have been missed.
    if (m_grantedBefore)
        reload();
    m_grantedBefore = true;
    setLive(true);
}

void CommentsModel::setLive(bool live) {
    if (live == m_live)
        return;
    m_live = live;
    emit liveChanged();
}

void CommentsModel::onRealtimeEvent(const QString& event_topic, const QString& type,
                                    const QJsonObject& data) {
    if (m_videoId.isEmpty() || event_topic != topic())
        return;
    if (data.contains(QStringLiteral("comment_count")))
        setTotalCount(data.value(QStringLiteral("comment_count")).toInteger());
    if (type == QLatin1String("comment_created") || type == QLatin1String("comment_updated")) {
        integrate(commentRowFromJson(data.value(QStringLiteral("comment")).toObject()),
                  type == QLatin1String("comment_created") ? Origin::CreatedEvent : Origin::UpdatedEvent,
                  false);
    } else if (type == QLatin1String("comment_deleted")) {
        applyDeleted(data.value(QStringLiteral("id")).toString());
    } else if (type == QLatin1String("comment_reactions")) {
        applyReactionCounts(data.value(QStringLiteral("id")).toString(),
                            data.value(QStringLiteral("like_count")).toInteger(),
                            data.value(QStringLiteral("dislike_count")).toInteger());
    }
}

// A comment from an event or from the answer to the user's own write: updates the row that has it, or puts
// it where it belongs.
void CommentsModel::integrate(const CommentRow& fresh, Origin origin, bool has_my_reaction) {
    if (fresh.id.isEmpty())
        return;
    const bool mine = !m_userId.isEmpty() && fresh.author_id == m_userId;
    const bool visible = shown(fresh) && (fresh.status != QLatin1String("held") || mine);
    if (const int at = rowOf(fresh.id); at >= 0) {
        if (!visible) {
            applyDeleted(fresh.id);
            return;
        }
        const bool newly_pinned = fresh.pinned && !m_rows.at(at).pinned;
        mergeCommentRow(m_rows[at], fresh, has_my_reaction);
        if (fresh.pinned) // one pinned comment per video
            for (int i = 0; i < count(); ++i)
                if (i != at && m_rows.at(i).pinned) {
                    m_rows[i].pinned = false;
                    rowChanged(i);
                }
        rowChanged(at);
        if (newly_pinned && !fresh.isReply())
            moveThreadToTop(at); // where the server lists a pinned thread
        return;
    }
    for (CommentRow& pending : m_pending)
        if (pending.id == fresh.id) {
            mergeCommentRow(pending, fresh, has_my_reaction);
            return;
        }
    if (!visible || fresh.deleted || origin == Origin::UpdatedEvent || origin == Origin::MyUpdate)
        return; // an update of a comment that is not in the list
    const bool published = fresh.status == QLatin1String("published");
    if (origin == Origin::MyPost && published)
        setTotalCount(m_totalCount + 1); // until the event's exact comment_count
    if (fresh.isReply()) {
        const int top = rowOf(fresh.thread_id);
        if (top < 0) {
            // Its thread may be waiting behind the pill: it shows the right count when it comes in.
            for (CommentRow& pending : m_pending)
                if (pending.id == fresh.thread_id && published && !m_countedReplies.contains(fresh.id)) {
                    m_countedReplies.insert(fresh.id);
                    ++pending.reply_count;
                }
            return;
        }
        if (published && !m_countedReplies.contains(fresh.id)) {
            m_countedReplies.insert(fresh.id);
            ++m_rows[top].reply_count;
            rowChanged(top);
        }
        const CommentRow& thread = m_rows.at(top);
        if (mine && !thread.replies_shown) {
            toggleReplies(thread.id); // the thread opens with the new reply in it
        } else if (thread.replies_shown &&
                   (mine || (!thread.replies_loading && thread.replies_cursor.isEmpty()))) {
            insertRows(threadEnd(top), {fresh});
            threadChanged(top);
        }
        return;
    }
    if (mine) {
        insertRows(topInsertPosition(), {fresh});
        return;
    }
    m_pending.prepend(fresh);
    emit newCountChanged();
}

void CommentsModel::showNew() {
    if (m_pending.isEmpty())
        return;
    QList<CommentRow> rows;
    for (const CommentRow& row : std::as_const(m_pending))
        if (rowOf(row.id) < 0)
            rows.append(row);
    m_pending.clear();
    insertRows(topInsertPosition(), rows);
    emit newCountChanged();
}

void CommentsModel::applyDeleted(const QString& comment_id) {
    const qsizetype pending = m_pending.removeIf([&](const CommentRow& row) { return row.id == comment_id; });
    if (pending > 0)
        emit newCountChanged();
    const int at = rowOf(comment_id);
    if (at < 0)
        return;
    CommentRow& row = m_rows[at];
    if (!row.isReply() && row.reply_count > 0) {
        row.deleted = true; // the thread stays, the text goes
        row.text.clear();
        row.my_reaction.clear();
        rowChanged(at);
        return;
    }
    removeRows(at, row.isReply() ? at : threadEnd(at) - 1);
}

void CommentsModel::applyReactionCounts(const QString& comment_id, qint64 likes, qint64 dislikes) {
    for (CommentRow& pending : m_pending)
        if (pending.id == comment_id) {
            pending.like_count = likes;
            pending.dislike_count = dislikes;
        }
    const int at = rowOf(comment_id);
    if (at < 0)
        return;
    m_rows[at].like_count = likes;
    m_rows[at].dislike_count = dislikes;
    rowChanged(at);
}

// --- Writes -------------------------------------------------------------------------------------------

void CommentsModel::post(const QString& text) {
    sendComment(text, {});
}

void CommentsModel::reply(const QString& comment_id, const QString& text) {
    sendComment(text, comment_id);
}

void CommentsModel::sendComment(const QString& text, const QString& parent_id) {
    if (m_videoId.isEmpty() || m_posting)
        return;
    if (text.trimmed().isEmpty()) {
        setError(tr("Write something first."));
        return;
    }
    QJsonObject body{{QStringLiteral("text"), text.trimmed()}};
    if (!parent_id.isEmpty())
        body.insert(QStringLiteral("parent_id"), parent_id);
    ApiRequest request;
    request.method = "POST";
    request.path = videoApiPath(m_videoId) + QStringLiteral("/comments");
    request.json = body;
    setError({});
    setPosting(true);
    const int generation = m_generation;
    m_api.call(request, this, [this, generation, parent_id](const ApiResult& result) {
        setPosting(false);
        if (!result.ok()) {
            failed(parent_id.isEmpty() ? tr("Could not post your comment") : tr("Could not post your reply"),
                   result);
            return;
        }
        const CommentRow row = commentRowFromJson(result.object());
        if (generation == m_generation)
            integrate(row, Origin::MyPost, true);
        if (row.status == QLatin1String("held"))
            setNotice(tr("Your comment is held for review by the creator."));
        emit commentPosted(row.id, parent_id);
    });
}

void CommentsModel::edit(const QString& comment_id, const QString& text) {
    if (text.trimmed().isEmpty()) {
        setError(tr("A comment cannot be empty; delete it instead."));
        return;
    }
    writeComment("PATCH", commentPath(comment_id), {{QStringLiteral("text"), text.trimmed()}},
                 tr("Could not save your edit"));
}

void CommentsModel::setPinned(const QString& comment_id, bool pinned) {
    writeComment(pinned ? "PUT" : "DELETE", commentPath(comment_id, QStringLiteral("/pin")), {},
                 pinned ? tr("Could not pin the comment") : tr("Could not unpin the comment"));
}

void CommentsModel::setHearted(const QString& comment_id, bool hearted) {
    writeComment(hearted ? "PUT" : "DELETE", commentPath(comment_id, QStringLiteral("/heart")), {},
                 tr("Could not change the heart"));
}

// A write answered with the comment object (edit, pin, heart).
void CommentsModel::writeComment(const QByteArray& method, const QString& path, const QJsonObject& body,
                                 const QString& failure_prefix) {
    ApiRequest request;
    request.method = method;
    request.path = path;
    if (!body.isEmpty())
        request.json = body;
    setError({});
    const int generation = m_generation;
    m_api.call(request, this, [this, generation, failure_prefix](const ApiResult& result) {
        if (!result.ok()) {
            failed(failure_prefix, result);
            return;
        }
        if (generation == m_generation)
            integrate(commentRowFromJson(result.object()), Origin::MyUpdate, true);
    });
}

void CommentsModel::remove(const QString& comment_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = commentPath(comment_id);
    setError({});
    const int generation = m_generation;
    m_api.call(request, this, [this, generation, comment_id](const ApiResult& result) {
        if (!result.ok()) {
            failed(tr("Could not delete the comment"), result);
            return;
        }
        if (generation != m_generation)
            return;
        const int at = rowOf(comment_id);
        if (at >= 0 && !m_rows.at(at).deleted && m_rows.at(at).status == QLatin1String("published"))
            setTotalCount(std::max<qint64>(0, m_totalCount - 1)); // until the event's exact count
        applyDeleted(comment_id);
    });
}

void CommentsModel::like(const QString& comment_id) {
    react(comment_id, QStringLiteral("like"));
}

void CommentsModel::dislike(const QString& comment_id) {
    react(comment_id, QStringLiteral("dislike"));
}

void CommentsModel::react(const QString& comment_id, const QString& reaction) {
    const int at = rowOf(comment_id);
    if (at < 0)
        return;
    const bool clear = m_rows.at(at).my_reaction == reaction; // pressing it again takes it back
    ApiRequest request;
    request.method = clear ? "DELETE" : "PUT";
    request.path = commentPath(comment_id, QStringLiteral("/reaction"));
    if (!clear)
        request.json = QJsonObject{{QStringLiteral("reaction"), reaction}};
    setError({});
    m_api.call(request, this, [this, comment_id](const ApiResult& result) {
        if (!result.ok()) {
            failed(tr("Could not save your reaction"), result);
            return;
        }
        const QJsonObject answer = result.object();
        const int row = rowOf(comment_id);
        if (row < 0)
            return;
        m_rows[row].my_reaction = answer.value(QStringLiteral("my_reaction")).toString();
        applyReactionCounts(comment_id, answer.value(QStringLiteral("like_count")).toInteger(),
                            answer.value(QStringLiteral("dislike_count")).toInteger());
    });
}

void CommentsModel::report(const QString& comment_id, const QString& reason) {
    ApiRequest request;
    request.method = "POST";
    request.path = commentPath(comment_id, QStringLiteral("/report"));
    request.json =
        QJsonObject{{QStringLiteral("reason"), reason.isEmpty() ? QStringLiteral("other") : reason}};
    setError({});
    m_api.call(request, this, [this](const ApiResult& result) {
        if (!result.ok()) {
            failed(tr("Could not report the comment"), result);
            return;
        }
        setNotice(tr("Thanks — the comment was reported."));
    });
}

void CommentsModel::failed(const QString& prefix, const ApiResult& result) {
    setError(QStringLiteral("%1: %2").arg(prefix, describeSocialError(result.error)));
}

void CommentsModel::setPosting(bool posting) {
    if (posting == m_posting)
        return;
    m_posting = posting;
    emit postingChanged();
}

} // namespace fc::ui
