#include "server/api/comment_json.h"

#include "core/util/time.h"
#include "server/api/account_json.h"

namespace fc::server::api {
namespace {

template <class T> nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json reactionName(int value) {
    if (value > 0)
        return "like";
    if (value < 0)
        return "dislike";
    return nullptr;
}

nlohmann::json commentToJson(const store::CommentRecord& comment, const CommentJsonOptions& options) {
    nlohmann::json reply_to = nullptr;
    if (comment.reply_to_user_id)
        reply_to = {{"id", *comment.reply_to_user_id}, {"username", comment.reply_to_username}};
    return {
        {"id", comment.id},
        {"video_id", comment.video_id},
        {"thread_id", orNull(comment.thread_id)},
        {"parent_id", orNull(comment.parent_id)},
        {"reply_to", reply_to},
        {"author",
         {{"id", comment.author_id},
          {"username", comment.author_username},
          {"display_name", comment.author_display_name},
          {"avatar_url", imageUrl(comment.author_avatar_key)}}},
        {"text", comment.deleted ? nlohmann::json(nullptr) : nlohmann::json(comment.body)},
        {"deleted", comment.deleted},
        {"edited", comment.edited_at_ms.has_value()},
        {"edited_at", comment.edited_at_ms ? nlohmann::json(toRfc3339(*comment.edited_at_ms)) : nullptr},
        {"status", comment.status},
        {"held_reason",
         options.held_reason == HeldReasonExposure::Shown ? orNull(comment.held_reason) : nullptr},
        {"like_count", comment.like_count},
        {"dislike_count", comment.dislike_count},
        {"reply_count", comment.reply_count},
        {"my_reaction", reactionName(options.my_reaction)},
        {"pinned", options.pinned},
        {"hearted", comment.hearted},
        {"created_at", toRfc3339(comment.created_at_ms)},
    };
}

} // namespace fc::server::api
