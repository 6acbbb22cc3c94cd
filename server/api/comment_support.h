#pragma once
// What the comment routes (comments_api.cpp) and the creator's moderation routes (moderation_api.cpp) share:
// who may see a comment, the filter's verdict, the comment JSON as one viewer sees it, and the events and
// notifications a committed change sends.
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/result.h"
#include "server/http/request_context.h"
#include "server/moderation/comment_filter.h"
#include "server/store/comment_repository.h"
#include "server/store/video_repository.h"

namespace fc::server::api {

// Domain errors of the comment routes as responses: comment_not_found / video_not_found / channel_not_found /
// user_not_found 404, comments_disabled / blocked_from_channel / not_comment_author / not_video_owner /
// not_channel_owner / forbidden 403, comment_deleted 409, invalid_request / invalid_cursor 400; anything
// else is storeFailure().
HttpResponse commentFailure(const Error& error);

// A comment and its video, read together.
struct CommentScope {
    store::CommentRecord comment;
    store::VideoRecord video;
};

// May this viewer see the comment at all? Its video must be visible to them and the comment published, or
// held and theirs or on their video. Removed comments are nobody's.
bool mayViewComment(const store::CommentRecord& comment, const store::VideoRecord& video,
                    const std::optional<std::string>& viewer_id);

// The comment with its video, or the error comment_not_found when it does not exist or this viewer may not
// see it.
Result<CommentScope> loadVisibleComment(store::Connection& db, const std::string& comment_id,
                                        const std::optional<std::string>& viewer_id);

// The viewer's reactions to these comments (one query; empty for anonymous viewers): +1 like, -1 dislike.
Result<std::unordered_map<std::string, int>> reactionsOf(store::Connection& db,
                                                         const std::optional<std::string>& viewer_id,
                                                         const std::vector<store::CommentRecord>& comments);

// The comment as this viewer sees it: pinned from the video, held_reason for the video's owner.
nlohmann::json commentJsonFor(const store::CommentRecord& comment, const store::VideoRecord& video,
                              const std::optional<std::string>& viewer_id, int my_reaction);

// Text 1–10,000 characters after trimming, multi-line; the trimmed text or the ready 400.
std::variant<std::string, HttpResponse> readCommentText(const nlohmann::json& body);

// A reply to a reply names the author it answers at the start of its text.
std::string withMention(const std::string& text, const std::string& username);

enum class FilterStage { Invalid = 0, NewComment, Edit };
struct FilterInput {
    std::string author_id;
    std::string text; // as written: the text rules look at this
    std::string body; // as stored (with a reply's mention): the same-text rule compares this
    std::string comment_id;
    FilterStage stage = FilterStage::Invalid;
};
// Why this comment should be held on this video, or nullopt: the text rules (the video's owner may post
// links), the same text again lately, the rate (new comments only), the video's "held" mode (everyone but
// its owner).
Result<std::optional<moderation::HoldReason>> holdReasonFor(store::Connection& db,
                                                            const store::VideoRecord& video,
                                                            const FilterInput& input, int64_t now_ms);

// The notification a comment that just became published sends (the video's owner for a top-level
// comment; the author of the comment replied to for a reply); its id is appended to ids.
Result<void> notifyPublished(store::Connection& db, const store::CommentRecord& comment,
                             const store::VideoRecord& video, int64_t now_ms, std::vector<int64_t>& ids);

// A committed change of one comment, for announceChange().
struct CommentChange {
    CommentScope after;      // re-read after the change, in the same transaction
    bool was_public = false; // published and not deleted before it
    std::vector<int64_t> notification_ids;
};
// Re-reads the comment and its video inside the transaction that changed it.
Result<CommentChange> reloadChange(store::Connection& db, const std::string& comment_id, bool was_public);

bool isPublic(const store::CommentRecord& comment); // published and not deleted

enum class UpdateEvent { Invalid = 0, Send, Skip };
// After the commit: comment_created when the comment became public, comment_deleted when it stopped being
// public, comment_updated when it stayed public (if asked), then the notifications.
void announceChange(ServerContext& server, const CommentChange& change, UpdateEvent update);

} // namespace fc::server::api
