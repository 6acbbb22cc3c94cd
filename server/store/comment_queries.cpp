// Comment reads. Every list is keyset-paged as a range of one index (checked with EXPLAIN QUERY PLAN), so a
// page costs the same at the top of 100,000 comments as deep down:
//   top     comments_video_top        (video_id, thread_id, status, score, created_at, id), backwards
//   newest  comments_video_top_level  (video_id, thread_id, status, created_at, id), backwards
//   oldest  the same index forwards;  replies: comments_thread (thread_id, status, created_at, id)
// Authors come by JOIN, so a page is one query (plus one for a signed-in reader's own held comments, and one
// for their reactions to the page).
#include <algorithm>

#include "server/store/comment_cursor.h"
#include "server/store/comment_repository.h"
#include "server/store/page_cursor.h"

namespace fc::server::store {
namespace {

constexpr const char* kCommentColumns =
    "SELECT c.id, c.video_id, c.author_id, c.thread_id, c.parent_id, c.reply_to_user_id, c.body, c.status, "
    "c.held_reason, c.deleted, c.hearted, c.like_count, c.dislike_count, c.reply_count, c.report_count, "
    "c.created_at, c.edited_at, c.updated_at, u.username, u.display_name, u.avatar_key, "
    "COALESCE(r.username, '') ";
constexpr const char* kCommentJoins =
    "FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.reply_to_user_id ";

CommentRecord readComment(const Statement& row) {
    CommentRecord comment;
    comment.id = row.text(0);
    comment.video_id = row.text(1);
    comment.author_id = row.text(2);
    comment.thread_id = row.optionalText(3);
    comment.parent_id = row.optionalText(4);
    comment.reply_to_user_id = row.optionalText(5);
    comment.body = row.text(6);
    comment.status = row.text(7);
    comment.held_reason = row.optionalText(8);
    comment.deleted = row.int64(9) != 0;
    comment.hearted = row.int64(10) != 0;
    comment.like_count = row.int64(11);
    comment.dislike_count = row.int64(12);
    comment.reply_count = row.int64(13);
    comment.report_count = row.int64(14);
    comment.created_at_ms = row.int64(15);
    comment.edited_at_ms = row.optionalInt64(16);
    comment.updated_at_ms = row.int64(17);
    comment.author_username = row.text(18);
    comment.author_display_name = row.text(19);
    comment.author_avatar_key = row.optionalText(20);
    comment.reply_to_username = row.text(21);
    return comment;
}

enum class Order { Invalid = 0, TopDesc, NewestDesc, OldestAsc };

Order orderOf(CommentSort sort) {
    switch (sort) {
    case CommentSort::Top:
        return Order::TopDesc;
    case CommentSort::Newest:
        return Order::NewestDesc;
    case CommentSort::Oldest:
        return Order::OldestAsc;
    case CommentSort::Invalid:
        break;
    }
    return Order::Invalid;
}

std::string_view cursorKind(CommentSort sort) {
    switch (sort) {
    case CommentSort::Top:
        return "top";
    case CommentSort::Newest:
        return "newest";
    case CommentSort::Oldest:
        return "oldest";
    case CommentSort::Invalid:
        break;
    }
    return "";
}

// true when a is listed before b.
bool listedBefore(Order order, const CommentRecord& a, const CommentRecord& b) {
    if (order == Order::TopDesc && a.score() != b.score())
        return a.score() > b.score();
    if (a.created_at_ms != b.created_at_ms)
        return order == Order::OldestAsc ? a.created_at_ms < b.created_at_ms
                                         : a.created_at_ms > b.created_at_ms;
    return order == Order::OldestAsc ? a.id < b.id : a.id > b.id;
}

// One keyset query. scope and status are SQL conditions using ?1 (video or thread id) and ?2 (viewer id).
// The cursor's as_of_seq bounds the orders in which later comments would land on later pages (top and
// oldest); newest pages need no bound (later comments sort before the cursor).
struct Fetch {
    std::string scope;
    std::string status;
    Order order = Order::Invalid;
    std::string key;
    std::optional<std::string> viewer_id;
    std::optional<std::string> excluded_id;
    const CommentCursor* after = nullptr;
    int limit = 0;
};

Result<std::vector<CommentRecord>> fetch(Connection& db, const Fetch& f) {
    std::string sql = std::string(kCommentColumns) + kCommentJoins + "WHERE " + f.scope + " AND " + f.status;
    if (f.excluded_id)
        sql += " AND c.id <> ?3";
    if (f.after && !f.after->id.empty())
        sql += f.order == Order::TopDesc      ? " AND (c.score, c.created_at, c.id) < (?5, ?6, ?7)"
               : f.order == Order::NewestDesc ? " AND (c.created_at, c.id) < (?6, ?7)"
                                              : " AND (c.created_at, c.id) > (?6, ?7)";
    if (f.after && f.order != Order::NewestDesc)
        sql += " AND c.rowid <= ?4";
    sql += f.order == Order::TopDesc      ? " ORDER BY c.score DESC, c.created_at DESC, c.id DESC"
           : f.order == Order::NewestDesc ? " ORDER BY c.created_at DESC, c.id DESC"
                                          : " ORDER BY c.created_at ASC, c.id ASC";
    sql += " LIMIT ?8";
    auto statement = db.prepare(sql);
    statement.bind(1, f.key).bind(2, f.viewer_id).bind(3, f.excluded_id);
    if (f.after)
        statement.bind(4, f.after->as_of_seq)
            .bind(5, f.after->score)
            .bind(6, f.after->created_at_ms)
            .bind(7, f.after->id);
    statement.bind(8, f.limit);
    std::vector<CommentRecord> rows;
    while (statement.step())
        rows.push_back(readComment(statement));
    if (statement.error())
        return *statement.error();
    return rows;
}

// The published rows and the viewer's own held rows of one scope, merged in order: at most limit + 1.
Result<std::vector<CommentRecord>> fetchMerged(Connection& db, Fetch f) {
    f.status = "c.status = 'published'";
    auto rows = fetch(db, f);
    if (!rows)
        return rows.error();
    if (!f.viewer_id)
        return rows;
    f.status = "c.status = 'held' AND c.deleted = 0 AND c.author_id = ?2";
    auto held = fetch(db, f);
    if (!held)
        return held.error();
    if (held->empty())
        return rows;
    std::vector<CommentRecord> merged;
    std::merge(rows->begin(), rows->end(), held->begin(), held->end(), std::back_inserter(merged),
               [&](const CommentRecord& a, const CommentRecord& b) { return listedBefore(f.order, a, b); });
    if (merged.size() > static_cast<size_t>(f.limit))
        merged.resize(static_cast<size_t>(f.limit));
    return merged;
}

// A later page's as_of_seq is its cursor's; page one's is the newest comment row now (read before the page,
// so a row the page misses is newer than it).
Result<int64_t> snapshotOf(Connection& db, const std::optional<CommentCursor>& cursor) {
    if (cursor)
        return cursor->as_of_seq;
    auto statement = db.prepare("SELECT COALESCE(MAX(rowid), 0) FROM comments");
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("database_error", "no max");
    return statement.int64(0);
}

Result<std::optional<CommentCursor>> readCursor(const std::optional<std::string>& text,
                                                std::string_view kind) {
    if (!text)
        return std::optional<CommentCursor>();
    auto cursor = decodeCommentCursor(*text);
    if (!cursor || cursor->kind != kind)
        return makeError("invalid_cursor", "cursor is not one this server handed out");
    return cursor;
}

} // namespace

std::optional<CommentSort> parseCommentSort(std::string_view text) {
    if (text == "top")
        return CommentSort::Top;
    if (text == "newest")
        return CommentSort::Newest;
    if (text == "oldest")
        return CommentSort::Oldest;
    return std::nullopt;
}

Result<std::optional<CommentRecord>> findComment(Connection& db, const std::string& comment_id) {
    auto statement = db.prepare(std::string(kCommentColumns) + kCommentJoins + "WHERE c.id = ?");
    statement.bindAll(comment_id);
    if (statement.step())
        return std::optional<CommentRecord>(readComment(statement));
    if (statement.error())
        return *statement.error();
    return std::optional<CommentRecord>();
}

Result<CommentPage> listTopLevelComments(Connection& db, const CommentListQuery& query) {
    const std::string_view kind = cursorKind(query.sort);
    auto cursor = readCursor(query.cursor, kind);
    if (!cursor)
        return cursor.error();
    auto as_of = snapshotOf(db, *cursor);
    if (!as_of)
        return as_of.error();
    CommentPage page;
    // Page one starts with the pinned comment (when it is still a published top-level one of this video).
    if (!*cursor && query.pinned_comment_id) {
        auto pinned = findComment(db, *query.pinned_comment_id);
        if (!pinned)
            return pinned.error();
        if (*pinned && (*pinned)->video_id == query.video_id && !(*pinned)->thread_id &&
            (*pinned)->isPublished())
            page.items.push_back(std::move(**pinned));
    }
    const int remaining = query.limit - static_cast<int>(page.items.size());
    Fetch f;
    f.scope = "c.video_id = ?1 AND c.thread_id IS NULL";
    f.order = orderOf(query.sort);
    f.key = query.video_id;
    f.viewer_id = query.viewer_id;
    f.excluded_id = query.pinned_comment_id;
    f.after = *cursor ? &**cursor : nullptr;
    f.limit = remaining + 1;
    auto rows = fetchMerged(db, f);
    if (!rows)
        return rows.error();
    const bool more = rows->size() > static_cast<size_t>(remaining);
    rows->resize(std::min(rows->size(), static_cast<size_t>(remaining)));
    if (more) {
        // After a page that held only the pinned comment, the next one starts from the top.
        CommentCursor next{std::string(kind), *as_of, 0, 0, ""};
        if (!rows->empty())
            next = {std::string(kind), *as_of, rows->back().score(), rows->back().created_at_ms,
                    rows->back().id};
        page.next_cursor = encodeCommentCursor(next);
    }
    for (auto& row : *rows)
        page.items.push_back(std::move(row));
    return page;
}

Result<CommentPage> listReplies(Connection& db, const std::string& thread_id,
                                const std::optional<std::string>& viewer_id, int limit,
                                const std::optional<std::string>& cursor_text) {
    auto cursor = readCursor(cursor_text, "replies");
    if (!cursor)
        return cursor.error();
    auto as_of = snapshotOf(db, *cursor);
    if (!as_of)
        return as_of.error();
    Fetch f;
    f.scope = "c.thread_id = ?1";
    f.order = Order::OldestAsc;
    f.key = thread_id;
    f.viewer_id = viewer_id;
    f.after = *cursor ? &**cursor : nullptr;
    f.limit = limit + 1;
    auto rows = fetchMerged(db, f);
    if (!rows)
        return rows.error();
    CommentPage page;
    if (rows->size() > static_cast<size_t>(limit)) {
        rows->resize(static_cast<size_t>(limit));
        page.next_cursor =
            encodeCommentCursor({"replies", *as_of, 0, rows->back().created_at_ms, rows->back().id});
    }
    page.items = std::move(*rows);
    return page;
}

Result<CommentPage> listHeldComments(Connection& db, const std::string& owner_id, int limit,
                                     const std::optional<std::string>& cursor_text) {
    auto cursor = readCursor(cursor_text, "held");
    if (!cursor)
        return cursor.error();
    std::string sql =
        std::string(kCommentColumns) + ", v.title " + kCommentJoins +
        "JOIN videos v ON v.id = c.video_id "
        // Through the owner's videos (comments_held per video), not every held comment there is.
        "WHERE c.status = 'held' AND c.video_id IN (SELECT id FROM videos WHERE owner_id = ?1) "
        "AND c.deleted = 0";
    if (*cursor)
        sql += " AND (c.created_at, c.id) > (?2, ?3)";
    sql += " ORDER BY c.created_at, c.id LIMIT ?4";
    auto statement = db.prepare(sql);
    statement.bind(1, owner_id).bind(4, limit + 1);
    if (*cursor)
        statement.bind(2, (*cursor)->created_at_ms).bind(3, (*cursor)->id);
    CommentPage page;
    while (statement.step()) {
        page.items.push_back(readComment(statement));
        page.items.back().video_title = statement.text(22);
    }
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor =
            encodeCommentCursor({"held", 0, 0, page.items.back().created_at_ms, page.items.back().id});
    }
    return page;
}

Result<std::unordered_map<std::string, int>> findReactions(Connection& db, const std::string& user_id,
                                                           const std::vector<std::string>& comment_ids) {
    std::unordered_map<std::string, int> reactions;
    if (comment_ids.empty())
        return reactions;
    std::string sql =
        "SELECT comment_id, value FROM comment_reactions WHERE user_id = ?1 AND comment_id IN (";
    for (size_t i = 0; i < comment_ids.size(); ++i)
        sql += (i ? ", ?" : "?") + std::to_string(i + 2);
    sql += ")";
    auto statement = db.prepare(sql);
    statement.bind(1, user_id);
    for (size_t i = 0; i < comment_ids.size(); ++i)
        statement.bind(static_cast<int>(i + 2), comment_ids[i]);
    while (statement.step())
        reactions[statement.text(0)] = static_cast<int>(statement.int64(1));
    if (statement.error())
        return *statement.error();
    return reactions;
}

Result<int64_t> countCommentsSince(Connection& db, const std::string& author_id, const std::string& video_id,
                                   int64_t since_ms) {
    auto statement =
        db.prepare("SELECT COUNT(*) FROM comments WHERE author_id = ? AND created_at >= ? AND video_id = ?");
    statement.bindAll(author_id, since_ms, video_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("database_error", "no count");
    return statement.int64(0);
}

Result<bool> hasSameTextSince(Connection& db, const std::string& author_id, const std::string& video_id,
                              const std::string& body, int64_t since_ms, const std::string& except_id) {
    auto statement = db.prepare("SELECT 1 FROM comments WHERE author_id = ? AND created_at >= ? AND "
                                "video_id = ? AND body = ? AND id <> ? AND deleted = 0 LIMIT 1");
    statement.bindAll(author_id, since_ms, video_id, body, except_id);
    const bool found = statement.step();
    if (statement.error())
        return *statement.error();
    return found;
}

Result<bool> isBlockedFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id) {
    auto statement = db.prepare("SELECT 1 FROM channel_blocks WHERE channel_id = ? AND user_id = ?");
    statement.bindAll(channel_id, user_id);
    const bool found = statement.step();
    if (statement.error())
        return *statement.error();
    return found;
}

Result<ChannelBlockPage> listChannelBlocks(Connection& db, const std::string& channel_id, int limit,
                                           const std::optional<std::string>& cursor_text) {
    std::optional<PageCursor> cursor;
    if (cursor_text) {
        cursor = decodePageCursor(*cursor_text);
        if (!cursor)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    std::string sql = "SELECT b.user_id, u.username, u.display_name, b.created_at FROM channel_blocks b "
                      "JOIN users u ON u.id = b.user_id WHERE b.channel_id = ?1";
    if (cursor)
        sql += " AND (b.created_at, b.user_id) < (?2, ?3)";
    sql += " ORDER BY b.created_at DESC, b.user_id DESC LIMIT ?4";
    auto statement = db.prepare(sql);
    statement.bind(1, channel_id).bind(4, limit + 1);
    if (cursor)
        statement.bind(2, cursor->created_at_ms).bind(3, cursor->id);
    ChannelBlockPage page;
    while (statement.step())
        page.items.push_back({statement.text(0), statement.text(1), statement.text(2), statement.int64(3)});
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = encodePageCursor({page.items.back().blocked_at_ms, page.items.back().user_id});
    }
    return page;
}

} // namespace fc::server::store
