#include "ui/social/comment_row.h"

#include <QJsonValue>

namespace fc::ui {

CommentRow commentRowFromJson(const QJsonObject& comment) {
    CommentRow row;
    row.id = comment.value(QStringLiteral("id")).toString();
    row.thread_id = comment.value(QStringLiteral("thread_id")).toString();
    row.parent_id = comment.value(QStringLiteral("parent_id")).toString();
    row.reply_to_username =
        comment.value(QStringLiteral("reply_to")).toObject().value(QStringLiteral("username")).toString();
    const QJsonObject author = comment.value(QStringLiteral("author")).toObject();
    row.author_id = author.value(QStringLiteral("id")).toString();
    row.author_username = author.value(QStringLiteral("username")).toString();
    row.author_display_name = author.value(QStringLiteral("display_name")).toString();
    row.text = comment.value(QStringLiteral("text")).toString();
    row.deleted = comment.value(QStringLiteral("deleted")).toBool();
    row.edited = comment.value(QStringLiteral("edited")).toBool();
    row.status = comment.value(QStringLiteral("status")).toString(QStringLiteral("published"));
    row.like_count = comment.value(QStringLiteral("like_count")).toInteger();
    row.dislike_count = comment.value(QStringLiteral("dislike_count")).toInteger();
    row.reply_count = comment.value(QStringLiteral("reply_count")).toInteger();
    row.my_reaction = comment.value(QStringLiteral("my_reaction")).toString();
    row.pinned = comment.value(QStringLiteral("pinned")).toBool();
    row.hearted = comment.value(QStringLiteral("hearted")).toBool();
    row.created_at =
        QDateTime::fromString(comment.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    return row;
}

void mergeCommentRow(CommentRow& row, const CommentRow& fresher, bool fresher_has_my_reaction) {
    const CommentRow old = row;
    row = fresher;
    if (!fresher_has_my_reaction)
        row.my_reaction = old.my_reaction;
    row.replies_shown = old.replies_shown;
    row.replies_loading = old.replies_loading;
    row.replies_cursor = old.replies_cursor;
}

} // namespace fc::ui
