#include "server/realtime/comment_events.h"

namespace fc::server::realtime {

std::string videoCommentsTopic(const std::string& video_id) {
    return "video:" + video_id + ":comments";
}

void publishCommentCreated(Hub& hub, const std::string& video_id, const nlohmann::json& comment,
                           int64_t comment_count) {
    hub.publish(videoCommentsTopic(video_id), "comment_created",
                {{"comment", comment}, {"comment_count", comment_count}});
}

void publishCommentUpdated(Hub& hub, const std::string& video_id, const nlohmann::json& comment) {
    hub.publish(videoCommentsTopic(video_id), "comment_updated", {{"comment", comment}});
}

void publishCommentDeleted(Hub& hub, const std::string& video_id, const std::string& comment_id,
                           const std::optional<std::string>& thread_id, int64_t comment_count) {
    hub.publish(videoCommentsTopic(video_id), "comment_deleted",
                {{"id", comment_id},
                 {"video_id", video_id},
                 {"thread_id", thread_id ? nlohmann::json(*thread_id) : nlohmann::json(nullptr)},
                 {"comment_count", comment_count}});
}

void publishCommentReactions(Hub& hub, const std::string& video_id, const std::string& comment_id,
                             int64_t like_count, int64_t dislike_count) {
    hub.publish(videoCommentsTopic(video_id), "comment_reactions",
                {{"id", comment_id},
                 {"video_id", video_id},
                 {"like_count", like_count},
                 {"dislike_count", dislike_count}});
}

} // namespace fc::server::realtime
