#include "ui/library/comment_review_model.h"

#include <QDateTime>

#include "ui/library/library_text.h"
#include "ui/models/relative_age.h"
#include "ui/session/session_controller.h"

namespace fc::ui {
namespace {

QJsonObject authorOf(const QJsonObject& comment) {
    return comment.value(QStringLiteral("author")).toObject();
}

QString authorIdOf(const QJsonObject& comment) {
    return authorOf(comment).value(QStringLiteral("id")).toString();
}

QDateTime createdAt(const QJsonObject& comment) {
    return QDateTime::fromString(comment.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
}

} // namespace

CommentReviewModel::CommentReviewModel(ApiClient& api, SessionController& session, QObject* parent)
    : JsonListModel(api, parent), m_session(session) {
    refreshAgesPeriodically(this, {AgeTextRole});
}

QVariant CommentReviewModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject comment = item(index.row());
    const QJsonObject author = authorOf(comment);
    const QJsonObject video = comment.value(QStringLiteral("video")).toObject();
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return comment.value(QStringLiteral("text")).toString();
    case CommentIdRole:
        return comment.value(QStringLiteral("id")).toString();
    case AuthorIdRole:
        return author.value(QStringLiteral("id")).toString();
    case AuthorNameRole: {
        const QString display = author.value(QStringLiteral("display_name")).toString();
        return display.isEmpty() ? author.value(QStringLiteral("username")).toString() : display;
    }
    case AuthorUsernameRole:
        return author.value(QStringLiteral("username")).toString();
    case AuthorBlockedRole:
        return m_blocked.contains(author.value(QStringLiteral("id")).toString());
    case VideoIdRole:
        return video.value(QStringLiteral("id")).toString();
    case VideoTitleRole:
        return video.value(QStringLiteral("title")).toString();
    case HeldReasonRole:
        return comment.value(QStringLiteral("held_reason")).toString();
    case HeldReasonTextRole:
        return heldReasonText(comment.value(QStringLiteral("held_reason")).toString());
    case CreatedAtRole:
        return createdAt(comment);
    case AgeTextRole:
        return ageText(createdAt(comment), QDateTime::currentDateTimeUtc());
    default:
        return {};
    }
}

QHash<int, QByteArray> CommentReviewModel::roleNames() const {
    return {{CommentIdRole, "commentId"},
            {TextRole, "commentText"},
            {AuthorIdRole, "authorId"},
            {AuthorNameRole, "authorName"},
            {AuthorUsernameRole, "authorUsername"},
            {AuthorBlockedRole, "authorBlocked"},
            {VideoIdRole, "videoId"},
            {VideoTitleRole, "videoTitle"},
            {HeldReasonRole, "heldReason"},
            {HeldReasonTextRole, "heldReasonText"},
            {CreatedAtRole, "createdAt"},
            {AgeTextRole, "ageText"}};
}

void CommentReviewModel::approve(const QString& comment_id) {
    ApiRequest request;
    request.method = "POST";
    request.path = apiPath(QStringLiteral("/api/v1/comments/%1/approve"), comment_id);
    callAction(request, tr("Could not approve the comment"), [this, comment_id](const ApiResult&) {
        removeKey(comment_id);
        emit approved(comment_id);
    });
}

void CommentReviewModel::remove(const QString& comment_id) {
    ApiRequest request;
    request.method = "POST";
    request.path = apiPath(QStringLiteral("/api/v1/comments/%1/remove"), comment_id);
    callAction(request, tr("Could not remove the comment"), [this, comment_id](const ApiResult&) {
        removeKey(comment_id);
        emit removed(comment_id);
    });
}

void CommentReviewModel::blockAuthor(const QString& comment_id) {
    const QString user_id = authorIdOf(item(rowOfKey(comment_id)));
    if (user_id.isEmpty()) {
        setError(tr("Could not block the author: the comment is no longer in the queue"));
        return;
    }
    ApiRequest request;
    request.method = "PUT";
    request.path =
        apiPath(QStringLiteral("/api/v1/channels/%1/blocked-users/%2"), m_session.channelId(), user_id);
    callAction(request, tr("Could not block the author"), [this, user_id](const ApiResult&) {
        m_blocked.insert(user_id);
        itemsChanged([&](const QJsonObject& comment) { return authorIdOf(comment) == user_id; });
        emit authorBlocked(user_id);
    });
}

QString CommentReviewModel::itemKey(const QJsonObject& item) const {
    return item.value(QStringLiteral("id")).toString();
}

QString CommentReviewModel::loadErrorText(const QString& reason) const {
    return tr("Could not load the comments held for review: %1").arg(reason);
}

} // namespace fc::ui
