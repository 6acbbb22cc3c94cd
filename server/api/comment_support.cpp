#include "server/api/comment_support.h"

#include <unordered_map>

#include "server/api/comment_json.h"
#include "server/api/handler_support.h"
#include "server/api/text_rules.h"
#include "server/realtime/comment_events.h"
#include "server/realtime/notification_events.h"
#include "server/store/notification_repository.h"
#include "server/store/visibility.h"

namespace fc::server::api {
namespace {

constexpr size_t kCommentMaxChars = 10'000;

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

HttpResponse commentFailure(const Error& error) {
    static const std::unordered_map<std::string, int> kStatus = {
        {"comment_not_found", 404},  {"video_not_found", 404},   {"channel_not_found", 404},
        {"user_not_found", 404},     {"comments_disabled", 403}, {"blocked_from_channel", 403},
        {"not_comment_author", 403}, {"not_video_owner", 403},   {"not_channel_owner", 403},
        {"forbidden", 403},          {"comment_deleted", 409},   {"invalid_request", 400},
        {"invalid_cursor", 400},
    };
    if (const auto found = kStatus.find(error.code); found != kStatus.end())
        return errorResponse(found->second, error.code, error.message);
    return storeFailure(error);
}

bool mayViewComment(const store::CommentRecord& comment, const store::VideoRecord& video,
                    const std::optional<std::string>& viewer_id) {
    if (!mayView(video.visibility, video.owner_id, viewer_id))
        return false;
    if (comment.status == "published")
        return true;
    return comment.status == "held" && viewer_id &&
           (*viewer_id == comment.author_id || *viewer_id == video.owner_id);
}

Result<CommentScope> loadVisibleComment(store::Connection& db, const std::string& comment_id,
                                        const std::optional<std::string>& viewer_id) {
    auto comment = store::findComment(db, comment_id);
    if (!comment)
        return comment.error();
    if (*comment) {
        auto video = store::findVideo(db, (*comment)->video_id);
        if (!video)
            return video.error();
        if (*video && mayViewComment(**comment, **video, viewer_id))
            return CommentScope{std::move(**comment), std::move(**video)};
    }
    return makeError("comment_not_found", "no comment with id " + comment_id);
}

Result<std::unordered_map<std::string, int>> reactionsOf(store::Connection& db,
                                                         const std::optional<std::string>& viewer_id,
                                                         const std::vector<store::CommentRecord>& comments) {
    if (!viewer_id || comments.empty())
        return std::unordered_map<std::string, int>();
    std::vector<std::string> ids;
    ids.reserve(comments.size());
    for (const auto& comment : comments)
        ids.push_back(comment.id);
    return store::findReactions(db, *viewer_id, ids);
}

nlohmann::json commentJsonFor(const store::CommentRecord& comment, const store::VideoRecord& video,
                              const std::optional<std::string>& viewer_id, int my_reaction) {
    CommentJsonOptions options;
    options.pinned = video.pinned_comment_id == comment.id;
    options.held_reason =
        viewer_id && *viewer_id == video.owner_id ? HeldReasonExposure::Shown : HeldReasonExposure::Hidden;
    options.my_reaction = viewer_id ? my_reaction : 0;
    return commentToJson(comment, options);
}

std::variant<std::string, HttpResponse> readCommentText(const nlohmann::json& body) {
    std::string text;
    if (auto bad = readRequiredString(body, "text", text))
        return std::move(*bad);
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && isBlank(text[begin]))
        ++begin;
    while (end > begin && isBlank(text[end - 1]))
        --end;
    text = text.substr(begin, end - begin);
    if (text.empty())
        return invalidField("text must be 1 to 10000 characters");
    if (auto message = checkMultiLineText("text", text, kCommentMaxChars))
        return invalidField(*message);
    return text;
}

std::string withMention(const std::string& text, const std::string& username) {
    const std::string mention = "@" + username + " ";
    return text.rfind(mention, 0) == 0 ? text : mention + text;
}

Result<std::optional<moderation::HoldReason>> holdReasonFor(store::Connection& db,
                                                            const store::VideoRecord& video,
                                                            const FilterInput& input, int64_t now_ms) {
    using moderation::HoldReason;
    const bool owner = input.author_id == video.owner_id;
    if (auto reason = moderation::checkCommentText(input.text, owner ? moderation::LinkPolicy::Allow
                                                                     : moderation::LinkPolicy::Hold))
        return reason;
    auto repeated = store::hasSameTextSince(db, input.author_id, video.id, input.body,
                                            now_ms - moderation::kRepeatWindow_ms, input.comment_id);
    if (!repeated)
        return repeated.error();
    if (*repeated)
        return std::optional<HoldReason>(HoldReason::Repetition);
    if (input.stage == FilterStage::NewComment) {
        auto recent =
            store::countCommentsSince(db, input.author_id, video.id, now_ms - moderation::kRateWindow_ms);
        if (!recent)
            return recent.error();
        if (*recent >= moderation::kRateMaxComments)
            return std::optional<HoldReason>(HoldReason::Rate);
    }
    if (video.comments_mode == "held" && !owner)
        return std::optional<HoldReason>(HoldReason::ReviewAll);
    return std::optional<HoldReason>();
}

Result<void> notifyPublished(store::Connection& db, const store::CommentRecord& comment,
                             const store::VideoRecord& video, int64_t now_ms, std::vector<int64_t>& ids) {
    store::NewNotification notification;
    notification.actor_id = comment.author_id;
    notification.video_id = video.id;
    notification.comment_id = comment.id;
    notification.text = comment.body;
    if (comment.parent_id) {
        // The author of the comment answered (a reply's own author when replying to a reply); one
        // notification per comment, so the video's owner hears of replies only as a parent's author.
        auto parent = store::findComment(db, *comment.parent_id);
        if (!parent)
            return parent.error();
        if (!*parent)
            return {};
        notification.user_id = (*parent)->author_id;
        notification.kind = store::NotificationKind::CommentReply;
    } else {
        notification.user_id = video.owner_id;
        notification.kind = store::NotificationKind::VideoComment;
    }
    auto inserted = store::insertNotification(db, notification, now_ms);
    if (!inserted)
        return inserted.error();
    if (*inserted)
        ids.push_back(**inserted);
    return {};
}

bool isPublic(const store::CommentRecord& comment) {
    return comment.status == "published" && !comment.deleted;
}

Result<CommentChange> reloadChange(store::Connection& db, const std::string& comment_id, bool was_public) {
    auto comment = store::findComment(db, comment_id);
    if (!comment)
        return comment.error();
    if (!*comment)
        return makeError("comment_not_found", "no comment with id " + comment_id);
    auto video = store::findVideo(db, (*comment)->video_id);
    if (!video)
        return video.error();
    if (!*video)
        return makeError("comment_not_found", "no comment with id " + comment_id);
    return CommentChange{{std::move(**comment), std::move(**video)}, was_public, {}};
}

void announceChange(ServerContext& server, const CommentChange& change, UpdateEvent update) {
    const auto& comment = change.after.comment;
    const auto& video = change.after.video;
    const bool now_public = isPublic(comment);
    if (now_public && !change.was_public)
        realtime::publishCommentCreated(server.hub, video.id, commentJsonFor(comment, video, std::nullopt, 0),
                                        video.comment_count);
    else if (!now_public && change.was_public)
        realtime::publishCommentDeleted(server.hub, video.id, comment.id, comment.thread_id,
                                        video.comment_count);
    else if (now_public && update == UpdateEvent::Send)
        realtime::publishCommentUpdated(server.hub, video.id,
                                        commentJsonFor(comment, video, std::nullopt, 0));
    if (!change.notification_ids.empty())
        realtime::publishNotifications(server.database, server.hub, change.notification_ids);
}

} // namespace fc::server::api
