#pragma once
// One comment as the comments panel shows it: the fields of the server's comment object (docs/API.md §13)
// plus, for a top-level comment, the state of its replies in the list (shown, loading, the next page).
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace fc::ui {

struct CommentRow {
    QString id;
    QString thread_id; // empty for a top-level comment
    QString parent_id;
    QString reply_to_username; // the author a reply to a reply mentions
    QString author_id;
    QString author_username;
    QString author_display_name;
    QString text; // empty once deleted
    bool deleted = false;
    bool edited = false;
    QString status; // published, held, removed
    qint64 like_count = 0;
    qint64 dislike_count = 0;
    qint64 reply_count = 0;
    QString my_reaction; // like, dislike or empty
    bool pinned = false;
    bool hearted = false;
    QDateTime created_at;

    // Top-level rows only: the replies under it in the list.
    bool replies_shown = false;
    bool replies_loading = false;
    QString replies_cursor; // the next page of replies; empty when every reply is loaded

    bool isReply() const { return !thread_id.isEmpty(); }
    QString threadKey() const { return isReply() ? thread_id : id; } // the top-level comment's id
    QString authorName() const {
        return author_display_name.isEmpty() ? author_username : author_display_name;
    }
};

// From the server's comment object. my_reaction is left empty when the object has none (events).
CommentRow commentRowFromJson(const QJsonObject& comment);

// A newer copy of a row (an edit, a pin, an event): the server's fields change, the list state stays; an
// event's null my_reaction does not clear the user's own reaction.
void mergeCommentRow(CommentRow& row, const CommentRow& fresher, bool fresher_has_my_reaction);

} // namespace fc::ui
