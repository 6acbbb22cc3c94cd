#pragma once
// Comments, their reactions, reports and channel blocks (docs/API.md §13). Reads in comment_queries.cpp,
// writes in comment_writes.cpp. Counters are kept exact by the writes themselves, inside the caller's
// transaction: videos.comment_count counts published, not deleted comments and replies; a top-level comment's
// reply_count counts its published replies (deleted ones included).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

enum class CommentSort { Invalid = 0, Top, Newest, Oldest };
std::optional<CommentSort> parseCommentSort(std::string_view text); // "top", "newest", "oldest"

struct CommentRecord {
    std::string id;
    std::string video_id;
    std::string author_id;
    std::optional<std::string> thread_id;        // null: top-level
    std::optional<std::string> parent_id;        // the comment replied to
    std::optional<std::string> reply_to_user_id; // the author mentioned (a reply to a reply)
    std::string body;                            // '' once deleted
    std::string status = "published";            // published | held | removed
    std::optional<std::string> held_reason;
    bool deleted = false;
    bool hearted = false;
    int64_t like_count = 0;
    int64_t dislike_count = 0;
    int64_t reply_count = 0;
    int64_t report_count = 0;
    int64_t created_at_ms = 0;
    std::optional<int64_t> edited_at_ms;
    int64_t updated_at_ms = 0;
    // Joined for display.
    std::string author_username;
    std::string author_display_name;
    std::optional<std::string> author_avatar_key;
    std::string reply_to_username; // when reply_to_user_id is set
    std::string video_title;       // filled by the review queue only

    int64_t score() const { return like_count - dislike_count + reply_count; }
    bool isPublished() const { return status == "published"; }
};

struct CommentPage {
    std::vector<CommentRecord> items;
    std::optional<std::string> next_cursor;
};

// ---- reads (comment_queries.cpp) ----

Result<std::optional<CommentRecord>> findComment(Connection& db, const std::string& comment_id);

struct CommentListQuery {
    std::string video_id;
    CommentSort sort = CommentSort::Top;
    std::optional<std::string> viewer_id;         // their own held comments are listed for them
    std::optional<std::string> pinned_comment_id; // first on page one, never in the keyset pages
    int limit = 20;
    std::optional<std::string> cursor;
};
// Top-level comments of a video. A malformed cursor, or one of another sort, is the error "invalid_cursor".
Result<CommentPage> listTopLevelComments(Connection& db, const CommentListQuery& query);

// The replies of a thread, oldest first (published ones, and the viewer's own held ones).
Result<CommentPage> listReplies(Connection& db, const std::string& thread_id,
                                const std::optional<std::string>& viewer_id, int limit,
                                const std::optional<std::string>& cursor);

// Held, not deleted comments on the owner's videos, oldest first (with video_title).
Result<CommentPage> listHeldComments(Connection& db, const std::string& owner_id, int limit,
                                     const std::optional<std::string>& cursor);

// The user's reaction (+1 like, -1 dislike) to each of these comments that they reacted to.
Result<std::unordered_map<std::string, int>> findReactions(Connection& db, const std::string& user_id,
                                                           const std::vector<std::string>& comment_ids);

// The filter's history rules: the author's comments on a video since a time; the same text since a time.
Result<int64_t> countCommentsSince(Connection& db, const std::string& author_id, const std::string& video_id,
                                   int64_t since_ms);
Result<bool> hasSameTextSince(Connection& db, const std::string& author_id, const std::string& video_id,
                              const std::string& body, int64_t since_ms, const std::string& except_id);

Result<bool> isBlockedFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id);

struct ChannelBlock {
    std::string user_id;
    std::string username;
    std::string display_name;
    int64_t blocked_at_ms = 0;
};
struct ChannelBlockPage {
    std::vector<ChannelBlock> items;
    std::optional<std::string> next_cursor;
};
// Most recently blocked first.
Result<ChannelBlockPage> listChannelBlocks(Connection& db, const std::string& channel_id, int limit,
                                           const std::optional<std::string>& cursor);

// ---- writes (comment_writes.cpp); call inside Database::write ----

// Inserts the comment (id, video, author, thread, parent, reply_to, body, status, held_reason, created_at)
// and counts it when published.
Result<void> insertComment(Connection& db, const CommentRecord& comment);

// New text (edited_at set); the status and held_reason may change with it (an edit the filter holds).
Result<void> editComment(Connection& db, const CommentRecord& before, const std::string& body,
                         const std::string& status, const std::optional<std::string>& held_reason,
                         int64_t now_ms);

// Soft delete: the text goes, the row and its replies stay; unpinned. Deleting twice changes nothing.
Result<void> softDeleteComment(Connection& db, const CommentRecord& before, int64_t now_ms);

// published <-> held, or removed (a removed top-level comment takes its replies with it). Leaving
// "published" unpins; approving clears the report count so three new reporters are needed again.
Result<void> setCommentStatus(Connection& db, const CommentRecord& before, const std::string& status,
                              const std::optional<std::string>& held_reason, int64_t now_ms);

struct ReactionCounts {
    int64_t like_count = 0;
    int64_t dislike_count = 0;
    bool changed = false;
};
// value: +1 like, -1 dislike, 0 none. The counts move by the difference, in this transaction.
Result<ReactionCounts> setCommentReaction(Connection& db, const std::string& comment_id,
                                          const std::string& user_id, int value, int64_t now_ms);

Result<void> setCommentHearted(Connection& db, const std::string& comment_id, bool hearted, int64_t now_ms);
Result<void> setPinnedComment(Connection& db, const std::string& video_id,
                              const std::optional<std::string>& comment_id);

// One report per user and comment; returns the comment's report count after it, or nullopt when this
// user had reported it already.
Result<std::optional<int64_t>> addCommentReport(Connection& db, const std::string& comment_id,
                                                const std::string& reporter_id, const std::string& reason,
                                                const std::string& detail, int64_t now_ms);

Result<void> blockFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id,
                              int64_t now_ms);
Result<void> unblockFromChannel(Connection& db, const std::string& channel_id, const std::string& user_id);

} // namespace fc::server::store
