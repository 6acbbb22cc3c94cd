// Comments: /api/v1/videos/<id>/comments (list, post) and /api/v1/comments/<id> (read, replies, edit, delete,
// reactions, reports) (docs/API.md §13). The creator's actions are in moderation_api.cpp. Every write checks
// who may do it inside its transaction and announces the change (events, notifications) after the commit.
#include "server/api/routes.h"

#include "core/util/ids.h"
#include "core/util/time.h"
#include "server/api/comment_json.h"
#include "server/api/comment_support.h"
#include "server/api/handler_support.h"
#include "server/api/text_rules.h"
#include "server/realtime/comment_events.h"

namespace fc::server::api {
namespace {

constexpr int64_t kReportsToHold = 3;
constexpr size_t kReportDetailMaxChars = 1000;

// {"items", "next_cursor", "comment_count"} for a page, as this viewer sees it.
Result<nlohmann::json> pageJson(store::Connection& db, const store::CommentPage& page,
                                const store::VideoRecord& video, const std::optional<std::string>& viewer) {
    auto reactions = reactionsOf(db, viewer, page.items);
    if (!reactions)
        return reactions.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& comment : page.items) {
        const auto mine = reactions->find(comment.id);
        items.push_back(commentJsonFor(comment, video, viewer, mine == reactions->end() ? 0 : mine->second));
    }
    nlohmann::json json = listPageJson(std::move(items), page.next_cursor);
    json["comment_count"] = video.comment_count;
    return json;
}

HttpResponse listComments(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const auto sort = store::parseCommentSort(context.request.queryParam("sort").value_or("top"));
    if (!sort)
        return invalidField("sort must be \"top\", \"newest\" or \"oldest\"");
    const auto viewer = viewerId(context);
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<nlohmann::json> {
        auto video = store::findVideo(db, context.param("id"));
        if (!video)
            return video.error();
        if (!*video || !mayView((*video)->visibility, (*video)->owner_id, viewer))
            return makeError("video_not_found", "no video with id " + context.param("id"));
        auto comments = store::listTopLevelComments(
            db, {(*video)->id, *sort, viewer, (*video)->pinned_comment_id, page.limit, page.cursor});
        if (!comments)
            return comments.error();
        auto json = pageJson(db, *comments, **video, viewer);
        if (json)
            (*json)["comments_mode"] = (*video)->comments_mode;
        return json;
    });
    if (!listed)
        return commentFailure(listed.error());
    return HttpResponse::json(200, *listed);
}

HttpResponse listReplies(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const auto viewer = viewerId(context);
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<nlohmann::json> {
        auto scope = loadVisibleComment(db, context.param("id"), viewer);
        if (!scope)
            return scope.error();
        if (scope->comment.thread_id)
            return makeError("invalid_request", "replies belong to top-level comments; this one is a reply");
        auto replies = store::listReplies(db, scope->comment.id, viewer, page.limit, page.cursor);
        if (!replies)
            return replies.error();
        return pageJson(db, *replies, scope->video, viewer);
    });
    if (!listed)
        return commentFailure(listed.error());
    return HttpResponse::json(200, *listed);
}

HttpResponse getComment(RequestContext& context) {
    const auto viewer = viewerId(context);
    auto found = context.server.database.read([&](store::Connection& db) -> Result<nlohmann::json> {
        auto scope = loadVisibleComment(db, context.param("id"), viewer);
        if (!scope)
            return scope.error();
        auto reactions = reactionsOf(db, viewer, {scope->comment});
        if (!reactions)
            return reactions.error();
        const int mine = reactions->count(scope->comment.id) ? reactions->at(scope->comment.id) : 0;
        return commentJsonFor(scope->comment, scope->video, viewer, mine);
    });
    if (!found)
        return commentFailure(found.error());
    return HttpResponse::json(200, *found);
}

HttpResponse postComment(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    auto text = readCommentText(body);
    if (auto* response = std::get_if<HttpResponse>(&text))
        return std::move(*response);
    std::optional<std::string> parent_id;
    if (auto bad = readOptionalString(body, "parent_id", parent_id))
        return std::move(*bad);
    const AuthUser& user = *context.user;
    const int64_t now_ms = unixMillisNow();

    auto posted = context.server.database.write([&](store::Connection& db) -> Result<CommentChange> {
        auto found = store::findVideo(db, context.param("id"));
        if (!found)
            return found.error();
        if (!*found || !mayView((*found)->visibility, (*found)->owner_id, user.id))
            return makeError("video_not_found", "no video with id " + context.param("id"));
        const store::VideoRecord& video = **found;
        if (video.comments_mode == "off")
            return makeError("comments_disabled", "comments are turned off on this video");
        auto blocked = store::isBlockedFromChannel(db, video.channel_id, user.id);
        if (!blocked)
            return blocked.error();
        if (*blocked)
            return makeError("blocked_from_channel", "the channel's owner blocked you from commenting");

        store::CommentRecord comment;
        comment.id = newId();
        comment.video_id = video.id;
        comment.author_id = user.id;
        comment.body = std::get<std::string>(text);
        comment.created_at_ms = now_ms;
        if (parent_id) {
            auto parent = store::findComment(db, *parent_id);
            if (!parent)
                return parent.error();
            if (!*parent || (*parent)->video_id != video.id || (*parent)->status != "published")
                return makeError("comment_not_found", "no comment with id " + *parent_id + " on this video");
            if ((*parent)->deleted)
                return makeError("comment_deleted", "the comment replied to was deleted");
            // One visible level: a reply to a reply joins the thread and names the author it answers.
            comment.parent_id = (*parent)->id;
            comment.thread_id = (*parent)->thread_id.value_or((*parent)->id);
            if ((*parent)->thread_id) {
                comment.reply_to_user_id = (*parent)->author_id;
                comment.body = withMention(comment.body, (*parent)->author_username);
            }
        }
        auto reason = holdReasonFor(
            db, video,
            {user.id, std::get<std::string>(text), comment.body, comment.id, FilterStage::NewComment},
            now_ms);
        if (!reason)
            return reason.error();
        if (*reason) {
            comment.status = "held";
            comment.held_reason = std::string(moderation::holdReasonName(**reason));
        }
        if (auto inserted = store::insertComment(db, comment); !inserted)
            return inserted.error();
        auto change = reloadChange(db, comment.id, false);
        if (!change)
            return change.error();
        if (comment.status == "published")
            if (auto notified = notifyPublished(db, change->after.comment, change->after.video, now_ms,
                                                change->notification_ids);
                !notified)
                return notified.error();
        return change;
    });
    if (!posted)
        return commentFailure(posted.error());
    announceChange(context.server, *posted, UpdateEvent::Skip);
    return HttpResponse::json(201, commentJsonFor(posted->after.comment, posted->after.video, user.id, 0));
}

HttpResponse patchComment(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    auto text = readCommentText(std::get<nlohmann::json>(parsed));
    if (auto* response = std::get_if<HttpResponse>(&text))
        return std::move(*response);
    const AuthUser& user = *context.user;
    const int64_t now_ms = unixMillisNow();
    int my_reaction = 0;

    auto edited = context.server.database.write([&](store::Connection& db) -> Result<CommentChange> {
        auto scope = loadVisibleComment(db, context.param("id"), user.id);
        if (!scope)
            return scope.error();
        const store::CommentRecord& comment = scope->comment;
        if (comment.author_id != user.id)
            return makeError("not_comment_author", "only the comment's author may edit it");
        if (comment.deleted)
            return makeError("comment_deleted", "the comment was deleted");
        auto blocked = store::isBlockedFromChannel(db, scope->video.channel_id, user.id);
        if (!blocked)
            return blocked.error();
        if (*blocked)
            return makeError("blocked_from_channel", "the channel's owner blocked you from commenting");
        const std::string& written = std::get<std::string>(text);
        const std::string body =
            comment.reply_to_user_id ? withMention(written, comment.reply_to_username) : written;
        auto reason =
            holdReasonFor(db, scope->video, {user.id, written, body, comment.id, FilterStage::Edit}, now_ms);
        if (!reason)
            return reason.error();
        const std::string status = *reason ? "held" : comment.status;
        const auto held_reason =
            *reason ? std::optional<std::string>(moderation::holdReasonName(**reason)) : comment.held_reason;
        if (auto saved = store::editComment(db, comment, body, status, held_reason, now_ms); !saved)
            return saved.error();
        auto reactions = reactionsOf(db, user.id, {comment});
        if (!reactions)
            return reactions.error();
        my_reaction = reactions->count(comment.id) ? reactions->at(comment.id) : 0;
        return reloadChange(db, comment.id, isPublic(comment));
    });
    if (!edited)
        return commentFailure(edited.error());
    announceChange(context.server, *edited, UpdateEvent::Send);
    return HttpResponse::json(
        200, commentJsonFor(edited->after.comment, edited->after.video, user.id, my_reaction));
}

HttpResponse deleteComment(RequestContext& context) {
    const AuthUser& user = *context.user;
    auto deleted = context.server.database.write([&](store::Connection& db) -> Result<CommentChange> {
        auto scope = loadVisibleComment(db, context.param("id"), user.id);
        if (!scope)
            return scope.error();
        if (user.id != scope->comment.author_id && user.id != scope->video.owner_id)
            return makeError("forbidden", "only the comment's author or the video's owner may delete it");
        if (auto done = store::softDeleteComment(db, scope->comment, unixMillisNow()); !done)
            return done.error();
        return reloadChange(db, scope->comment.id, isPublic(scope->comment));
    });
    if (!deleted)
        return commentFailure(deleted.error());
    announceChange(context.server, *deleted, UpdateEvent::Skip);
    return HttpResponse::noContent();
}

HttpResponse react(RequestContext& context, int value) {
    const AuthUser& user = *context.user;
    struct Reacted {
        CommentScope scope;
        store::ReactionCounts counts;
    };
    auto reacted = context.server.database.write([&](store::Connection& db) -> Result<Reacted> {
        auto scope = loadVisibleComment(db, context.param("id"), user.id);
        if (!scope)
            return scope.error();
        if (value != 0 && scope->comment.deleted)
            return makeError("comment_deleted", "the comment was deleted");
        auto counts = store::setCommentReaction(db, scope->comment.id, user.id, value, unixMillisNow());
        if (!counts)
            return counts.error();
        return Reacted{std::move(*scope), *counts};
    });
    if (!reacted)
        return commentFailure(reacted.error());
    const auto& comment = reacted->scope.comment;
    if (reacted->counts.changed && comment.status == "published")
        realtime::publishCommentReactions(context.server.hub, comment.video_id, comment.id,
                                          reacted->counts.like_count, reacted->counts.dislike_count);
    return HttpResponse::json(200, {{"id", comment.id},
                                    {"like_count", reacted->counts.like_count},
                                    {"dislike_count", reacted->counts.dislike_count},
                                    {"my_reaction", reactionName(value)}});
}

HttpResponse putReaction(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    std::string reaction;
    if (auto bad = readRequiredString(std::get<nlohmann::json>(parsed), "reaction", reaction))
        return std::move(*bad);
    if (reaction != "like" && reaction != "dislike")
        return invalidField("reaction must be \"like\" or \"dislike\"");
    return react(context, reaction == "like" ? 1 : -1);
}

HttpResponse deleteReaction(RequestContext& context) {
    return react(context, 0);
}

HttpResponse reportComment(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    std::string reason;
    if (auto bad = readRequiredString(body, "reason", reason))
        return std::move(*bad);
    if (reason != "spam" && reason != "harassment" && reason != "hate" && reason != "sexual" &&
        reason != "other")
        return invalidField("reason must be one of spam, harassment, hate, sexual, other");
    std::optional<std::string> detail;
    if (auto bad = readOptionalString(body, "detail", detail))
        return std::move(*bad);
    if (detail)
        if (auto message = checkMultiLineText("detail", *detail, kReportDetailMaxChars))
            return invalidField(*message);
    const AuthUser& user = *context.user;
    const int64_t now_ms = unixMillisNow();

    auto reported = context.server.database.write([&](store::Connection& db) -> Result<CommentChange> {
        auto scope = loadVisibleComment(db, context.param("id"), user.id);
        if (!scope)
            return scope.error();
        const store::CommentRecord& comment = scope->comment;
        if (comment.author_id == user.id)
            return makeError("invalid_request", "you cannot report your own comment");
        if (comment.deleted)
            return makeError("comment_deleted", "the comment was deleted");
        auto count = store::addCommentReport(db, comment.id, user.id, reason, detail.value_or(""), now_ms);
        if (!count)
            return count.error();
        if (*count && **count >= kReportsToHold && comment.status == "published")
            if (auto held = store::setCommentStatus(
                    db, comment, "held",
                    std::string(moderation::holdReasonName(moderation::HoldReason::Reported)), now_ms);
                !held)
                return held.error();
        return reloadChange(db, comment.id, isPublic(comment));
    });
    if (!reported)
        return commentFailure(reported.error());
    announceChange(context.server, *reported, UpdateEvent::Skip);
    return HttpResponse::noContent();
}

} // namespace

void registerCommentRoutes(Router& router, ServerContext&) {
    const RouteOptions social{.group = "social", .auth = AuthPolicy::Required};
    router.add(Method::Get, "/api/v1/videos/:id/comments", listComments, {.group = "metadata"});
    router.add(Method::Post, "/api/v1/videos/:id/comments", postComment,
               {.group = "comments", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/comments/:id", getComment, {.group = "metadata"});
    router.add(Method::Get, "/api/v1/comments/:id/replies", listReplies, {.group = "metadata"});
    router.add(Method::Patch, "/api/v1/comments/:id", patchComment, social);
    router.add(Method::Delete, "/api/v1/comments/:id", deleteComment, social);
    router.add(Method::Put, "/api/v1/comments/:id/reaction", putReaction, social);
    router.add(Method::Delete, "/api/v1/comments/:id/reaction", deleteReaction, social);
    router.add(Method::Post, "/api/v1/comments/:id/report", reportComment, social);
}

} // namespace fc::server::api
