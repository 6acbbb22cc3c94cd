// Comment writes. Each runs inside the caller's Database::write transaction, and every change of a comment's
// state moves the counters in the same transaction, so they stay exact however requests interleave (the one
// writer connection serialises the transactions).
#include "server/store/comment_repository.h"

namespace fc::server::store {
namespace {

// Counted in videos.comment_count.
bool isCounted(std::string_view status, bool deleted) {
    return status == "published" && !deleted;
}
// Counted in the thread's reply_count (deleted replies stay in the thread, so they stay counted).
bool isCountedReply(std::string_view status, const CommentRecord& comment) {
    return status == "published" && comment.thread_id.has_value();
}

Result<void> moveCounts(Connection& db, const CommentRecord& comment, int64_t comment_delta,
                        int64_t reply_delta) {
    if (comment_delta != 0)
        if (auto moved = db.run("UPDATE videos SET comment_count = comment_count + ? WHERE id = ?",
                                comment_delta, comment.video_id);
            !moved)
            return moved;
    if (reply_delta != 0 && comment.thread_id)
        if (auto moved = db.run("UPDATE comments SET reply_count = reply_count + ? WHERE id = ?", reply_delta,
                                *comment.thread_id);
            !moved)
            return moved;
    return {};
}

// The counters' move for a change of (status, deleted).
Result<void> moveCountsFor(Connection& db, const CommentRecord& before, std::string_view status,
                           bool deleted) {
    const int64_t comment_delta =
        int64_t{isCounted(status, deleted)} - int64_t{isCounted(before.status, before.deleted)};
    const int64_t reply_delta =
        int64_t{isCountedReply(status, before)} - int64_t{isCountedReply(before.status, before)};
    return moveCounts(db, before, comment_delta, reply_delta);
}

Result<void> unpin(Connection& db, const CommentRecord& comment) {
    return db.run("UPDATE videos SET pinned_comment_id = NULL WHERE id = ? AND pinned_comment_id = ?",
                  comment.video_id, comment.id);
}

} // namespace

Result<void> insertComment(Connection& db, const CommentRecord& comment) {
    if (auto inserted = db.run("INSERT INTO comments (id, video_id, author_id, thread_id, parent_id, "
                               "reply_to_user_id, body, status, held_reason, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               comment.id, comment.video_id, comment.author_id, comment.thread_id,
                               comment.parent_id, comment.reply_to_user_id, comment.body, comment.status,
                               comment.held_reason, comment.created_at_ms, comment.created_at_ms);
        !inserted)
        return inserted;
    return moveCounts(db, comment, isCounted(comment.status, false) ? 1 : 0,
                      isCountedReply(comment.status, comment) ? 1 : 0);
}

Result<void> editComment(Connection& db, const CommentRecord& before, const std::string& body,
                         const std::string& status, const std::optional<std::string>& held_reason,
                         int64_t now_ms) {
    if (auto edited = db.run("UPDATE comments SET body = ?, status = ?, held_reason = ?, edited_at = ?, "
                             "updated_at = ? WHERE id = ?",
                             body, status, held_reason, now_ms, now_ms, before.id);
        !edited)
        return edited;
    if (status != "published")
        if (auto unpinned = unpin(db, before); !unpinned)
            return unpinned;
    return moveCountsFor(db, before, status, before.deleted);
}

Result<void> softDeleteComment(Connection& db, const CommentRecord& before, int64_t now_ms) {
    if (before.deleted)
        return {};
    if (auto deleted = db.run("UPDATE comments SET deleted = 1, body = '', updated_at = ? WHERE id = ?",
                              now_ms, before.id);
        !deleted)
        return deleted;
    if (auto unpinned = unpin(db, before); !unpinned)
        return unpinned;
    return moveCountsFor(db, before, before.status, true);
}

Result<void> setCommentStatus(Connection& db, const CommentRecord& before, const std::string& status,
                              const std::optional<std::string>& held_reason, int64_t now_ms) {
    if (auto set =
            db.run("UPDATE comments SET status = ?1, held_reason = ?2, updated_at = ?3, "
                   "report_count = CASE WHEN ?1 = 'published' THEN 0 ELSE report_count END WHERE id = ?4",
                   status, held_reason, now_ms, before.id);
        !set)
        return set;
    if (status != "published")
        if (auto unpinned = unpin(db, before); !unpinned)
            return unpinned;
    if (status == "removed" && !before.thread_id) {
        // A removed thread goes whole: its replies leave every list, and the video's count.
        auto counted =
            db.prepare("SELECT COUNT(*) FROM comments WHERE thread_id = ? AND status = 'published' "
                       "AND deleted = 0");
        counted.bindAll(before.id);
        if (!counted.step())
            return counted.error() ? *counted.error() : makeError("database_error", "no count");
        if (auto moved = moveCounts(db, before, -counted.int64(0), 0); !moved)
            return moved;
        if (auto removed =
                db.run("UPDATE comments SET status = 'removed', updated_at = ? WHERE thread_id = ? "
                       "AND status <> 'removed'",
                       now_ms, before.id);
            !removed)
            return removed;
    }
    return moveCountsFor(db, before, status, before.deleted);
}

Result<ReactionCounts> setCommentReaction(Connection& db, const std::string& comment_id,
                                          const std::string& user_id, int value, int64_t now_ms) {
    auto current = db.prepare("SELECT value FROM comment_reactions WHERE comment_id = ? AND user_id = ?");
    current.bindAll(comment_id, user_id);
    int old_value = 0;
    if (current.step())
        old_value = static_cast<int>(current.int64(0));
    else if (current.error())
        return *current.error();

    ReactionCounts counts;
    if (old_value != value) {
        counts.changed = true;
        auto stored = value == 0
                          ? db.run("DELETE FROM comment_reactions WHERE comment_id = ? AND user_id = ?",
                                   comment_id, user_id)
                          : db.run("INSERT INTO comment_reactions (comment_id, user_id, value, created_at) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (comment_id, user_id) DO UPDATE SET "
                                   "value = excluded.value, created_at = excluded.created_at",
                                   comment_id, user_id, value, now_ms);
        if (!stored)
            return stored.error();
        const int64_t like_delta = int64_t{value == 1} - int64_t{old_value == 1};
        const int64_t dislike_delta = int64_t{value == -1} - int64_t{old_value == -1};
        if (auto moved =
                db.run("UPDATE comments SET like_count = like_count + ?, dislike_count = dislike_count "
                       "+ ? WHERE id = ?",
                       like_delta, dislike_delta, comment_id);
            !moved)
            return moved.error();
    }
    auto read = db.prepare("SELECT like_count, dislike_count FROM comments WHERE id = ?");
    read.bindAll(comment_id);
    if (!read.step())
        return read.error() ? *read.error() : makeError("comment_not_found", "no such comment");
    counts.like_count = read.int64(0);
    counts.dislike_count = read.int64(1);
    return counts;
}

Result<void> setCommentHearted(Connection& db, const std::string& comment_id, bool hearted, int64_t now_ms) {
    return db.run("UPDATE comments SET hearted = ?, updated_at = ? WHERE id = ?", hearted ? 1 : 0, now_ms,
                  comment_id);
}

Result<void> setPinnedComment(Connection& db, const std::string& video_id,
                              const std::optional<std::string>& comment_id) {
    return db.run("UPDATE videos SET pinned_comment_id = ? WHERE id = ?", comment_id, video_id);
}

Result<std::optional<int64_t>> addCommentReport(Connection& db, const std::string& comment_id,
                                                const std::string& reporter_id, const std::string& reason,
                                                const std::string& detail, int64_t now_ms) {
    if (auto inserted =
            db.run("INSERT OR IGNORE INTO comment_reports (comment_id, reporter_id, reason, detail, "
                   "created_at) VALUES (?, ?, ?, ?, ?)",
                   comment_id, reporter_id, reason, detail, now_ms);
        !inserted)
        return inserted.error();
    if (db.changes() == 0)
        return std::optional<int64_t>();
    if (auto counted = db.run("UPDATE comments SET report_count = report_count + 1 WHERE id = ?", comment_id);
        !counted)
        return counted.error();
    auto read = db.prepare("SELECT report_count FROM comments WHERE id = ?");
    read.bindAll(comment_id);
    if (!read.step())
        return read.error() ? *read.error() : makeError("comment_not_found", "no such comment");
    return std::optional<int64_t>(read.int64(0));
}

Result<void> blockFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id,
                              int64_t now_ms) {
    return db.run("INSERT OR IGNORE INTO channel_blocks (channel_id, user_id, created_at) VALUES (?, ?, ?)",
                  channel_id, user_id, now_ms);
}

Result<void> unblockFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id) {
    return db.run("DELETE FROM channel_blocks WHERE channel_id = ? AND user_id = ?", channel_id, user_id);
}

} // namespace fc::server::store
