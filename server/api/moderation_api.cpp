// The creator's side of comments (docs/API.md §13): pin and heart, the review queue of held comments, approve
// and remove, and blocking users from a channel. Only the video's (or channel's) owner may act; anyone else
// who can see the comment is told 403 not_video_owner, anyone who cannot is told it does not exist.
#include "server/api/routes.h"

#include "core/util/time.h"
#include "server/api/comment_json.h"
#include "server/api/comment_support.h"
#include "server/api/handler_support.h"
#include "server/realtime/comment_events.h"
#include "server/store/channel_repository.h"
#include "server/store/user_repository.h"

namespace fc::server::api {
namespace {

// The comment with its video when the caller owns the video. A removed comment exists for the owner's
// "remove" only (removing twice is fine); for everything else it is gone.
enum class RemovedComments { Invalid = 0, Hidden, Found };

Result<CommentScope> loadForOwner(store::Connection& db, const std::string& comment_id,
                                  const std::string& user_id, RemovedComments removed) {
    auto comment = store::findComment(db, comment_id);
    if (!comment)
        return comment.error();
    if (*comment) {
        auto video = store::findVideo(db, (*comment)->video_id);
        if (!video)
            return video.error();
        if (*video) {
            if ((*video)->owner_id == user_id &&
                (removed == RemovedComments::Found || (*comment)->status != "removed"))
                return CommentScope{std::move(**comment), std::move(**video)};
            if (mayViewComment(**comment, **video, user_id))
                return makeError("not_video_owner", "only the video's owner may do this");
        }
    }
    return makeError("comment_not_found", "no comment with id " + comment_id);
}

// Runs change(db, scope) -> Result<void> on the owner's comment in one transaction, then announces it.
template <class Change>
HttpResponse ownerAction(RequestContext& context, UpdateEvent update, RemovedComments removed,
                         Change&& change) {
    const std::string& user_id = context.user->id;
    const int64_t now_ms = unixMillisNow();
    std::vector<nlohmann::json> also_updated; // another comment whose JSON changed (the one unpinned)
    auto changed = context.server.database.write([&](store::Connection& db) -> Result<CommentChange> {
        auto scope = loadForOwner(db, context.param("id"), user_id, removed);
        if (!scope)
            return scope.error();
        std::vector<int64_t> notifications;
        if (auto done = change(db, *scope, now_ms, notifications, also_updated); !done)
            return done.error();
        auto reloaded = reloadChange(db, scope->comment.id, isPublic(scope->comment));
        if (reloaded)
            reloaded->notification_ids = std::move(notifications);
        return reloaded;
    });
    if (!changed)
        return commentFailure(changed.error());
    announceChange(context.server, *changed, update);
    for (const auto& json : also_updated)
        realtime::publishCommentUpdated(context.server.hub, changed->after.video.id, json);
    if (changed->after.comment.status == "removed")
        return HttpResponse::noContent();
    return HttpResponse::json(200, commentJsonFor(changed->after.comment, changed->after.video, user_id, 0));
}

using Notifications = std::vector<int64_t>;
using AlsoUpdated = std::vector<nlohmann::json>;

HttpResponse pin(RequestContext& context) {
    return ownerAction(context, UpdateEvent::Send, RemovedComments::Hidden,
                       [](store::Connection& db, const CommentScope& scope, int64_t, Notifications&,
                          AlsoUpdated& also) -> Result<void> {
                           const auto& comment = scope.comment;
                           if (comment.thread_id || !isPublic(comment))
                               return makeError("invalid_request",
                                                "only a published top-level comment can be pinned");
                           const auto previous = scope.video.pinned_comment_id;
                           if (auto pinned = store::setPinnedComment(db, scope.video.id, comment.id); !pinned)
                               return pinned;
                           if (!previous || *previous == comment.id)
                               return {};
                           // The comment that lost the pin changes too.
                           auto unpinned = store::findComment(db, *previous);
                           if (!unpinned)
                               return unpinned.error();
                           if (*unpinned && isPublic(**unpinned))
                               also.push_back(commentToJson(**unpinned, {}));
                           return {};
                       });
}

HttpResponse unpin(RequestContext& context) {
    return ownerAction(context, UpdateEvent::Send, RemovedComments::Hidden,
                       [](store::Connection& db, const CommentScope& scope, int64_t, Notifications&,
                          AlsoUpdated&) -> Result<void> {
                           if (scope.video.pinned_comment_id != scope.comment.id)
                               return {};
                           return store::setPinnedComment(db, scope.video.id, std::nullopt);
                       });
}

HttpResponse heart(RequestContext& context, bool hearted) {
    return ownerAction(context, UpdateEvent::Send, RemovedComments::Hidden,
                       [hearted](store::Connection& db, const CommentScope& scope, int64_t now_ms,
                                 Notifications&, AlsoUpdated&) -> Result<void> {
                           if (hearted && scope.comment.deleted)
                               return makeError("comment_deleted", "the comment was deleted");
                           return store::setCommentHearted(db, scope.comment.id, hearted, now_ms);
                       });
}

HttpResponse approve(RequestContext& context) {
    return ownerAction(
        context, UpdateEvent::Skip, RemovedComments::Hidden,
        [](store::Connection& db, const CommentScope& scope, int64_t now_ms, Notifications& notifications,
           AlsoUpdated&) -> Result<void> {
            const auto& comment = scope.comment;
            if (comment.status == "published")
                return {};
            if (comment.deleted)
                return makeError("comment_deleted", "the comment was deleted");
            if (auto set = store::setCommentStatus(db, comment, "published", std::nullopt, now_ms); !set)
                return set;
            // Told as if it had been published when it was written.
            return notifyPublished(db, comment, scope.video, now_ms, notifications);
        });
}

HttpResponse removeComment(RequestContext& context) {
    return ownerAction(context, UpdateEvent::Skip, RemovedComments::Found,
                       [](store::Connection& db, const CommentScope& scope, int64_t now_ms, Notifications&,
                          AlsoUpdated&) -> Result<void> {
                           if (scope.comment.status == "removed")
                               return {};
                           return store::setCommentStatus(db, scope.comment, "removed", std::nullopt, now_ms);
                       });
}

HttpResponse reviewQueue(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    const std::string& user_id = context.user->id;
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<nlohmann::json> {
        auto held = store::listHeldComments(db, user_id, page.limit, page.cursor);
        if (!held)
            return held.error();
        auto reactions = reactionsOf(db, user_id, held->items);
        if (!reactions)
            return reactions.error();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& comment : held->items) {
            const auto mine = reactions->find(comment.id);
            nlohmann::json json = commentToJson(
                comment, {false, HeldReasonExposure::Shown, mine == reactions->end() ? 0 : mine->second});
            json["video"] = {{"id", comment.video_id}, {"title", comment.video_title}};
            items.push_back(std::move(json));
        }
        return listPageJson(std::move(items), held->next_cursor);
    });
    if (!listed)
        return commentFailure(listed.error());
    return HttpResponse::json(200, *listed);
}

// The channel of the route's :id when the caller owns it.
Result<store::ChannelRecord> ownChannel(store::Connection& db, const RequestContext& context) {
    auto channel = store::findChannel(db, context.param("id"));
    if (!channel)
        return channel.error();
    if (!*channel)
        return makeError("channel_not_found", "no channel with id " + context.param("id"));
    if ((*channel)->owner_id != context.user->id)
        return makeError("not_channel_owner", "only the channel's owner may manage its blocked users");
    return std::move(**channel);
}

HttpResponse blockUser(RequestContext& context) {
    const std::string& user_id = context.param("user_id");
    auto blocked = context.server.database.write([&](store::Connection& db) -> Result<void> {
        auto channel = ownChannel(db, context);
        if (!channel)
            return channel.error();
        if (user_id == context.user->id)
            return makeError("invalid_request", "you cannot block yourself");
        auto user = store::findUserById(db, user_id);
        if (!user)
            return user.error();
        if (!*user)
            return makeError("user_not_found", "no user with id " + user_id);
        return store::blockFromChannel(db, channel->id, user_id, unixMillisNow());
    });
    if (!blocked)
        return commentFailure(blocked.error());
    return HttpResponse::noContent();
}

HttpResponse unblockUser(RequestContext& context) {
    auto unblocked = context.server.database.write([&](store::Connection& db) -> Result<void> {
        auto channel = ownChannel(db, context);
        if (!channel)
            return channel.error();
        return store::unblockFromChannel(db, channel->id, context.param("user_id"));
    });
    if (!unblocked)
        return commentFailure(unblocked.error());
    return HttpResponse::noContent();
}

HttpResponse listBlockedUsers(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<nlohmann::json> {
        auto channel = ownChannel(db, context);
        if (!channel)
            return channel.error();
        auto blocks = store::listChannelBlocks(db, channel->id, page.limit, page.cursor);
        if (!blocks)
            return blocks.error();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& block : blocks->items)
            items.push_back({{"id", block.user_id},
                             {"username", block.username},
                             {"display_name", block.display_name},
                             {"blocked_at", toRfc3339(block.blocked_at_ms)}});
        return listPageJson(std::move(items), blocks->next_cursor);
    });
    if (!listed)
        return commentFailure(listed.error());
    return HttpResponse::json(200, *listed);
}

} // namespace

void registerModerationRoutes(Router& router, ServerContext&) {
    const RouteOptions social{.group = "social", .auth = AuthPolicy::Required};
    router.add(Method::Put, "/api/v1/comments/:id/pin", pin, social);
    router.add(Method::Delete, "/api/v1/comments/:id/pin", unpin, social);
    router.add(
        Method::Put, "/api/v1/comments/:id/heart", [](RequestContext& c) { return heart(c, true); }, social);
    router.add(
        Method::Delete, "/api/v1/comments/:id/heart", [](RequestContext& c) { return heart(c, false); },
        social);
    router.add(Method::Post, "/api/v1/comments/:id/approve", approve, social);
    router.add(Method::Post, "/api/v1/comments/:id/remove", removeComment, social);
    router.add(Method::Get, "/api/v1/users/me/comments/held", reviewQueue,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Put, "/api/v1/channels/:id/blocked-users/:user_id", blockUser, social);
    router.add(Method::Delete, "/api/v1/channels/:id/blocked-users/:user_id", unblockUser, social);
    router.add(Method::Get, "/api/v1/channels/:id/blocked-users", listBlockedUsers,
               {.group = "metadata", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
