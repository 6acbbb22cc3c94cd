#pragma once
// The events published on "video:<id>:comments" (docs/API.md §13). Held comments are never published; the
// comment objects come from api::commentToJson with my_reaction null and no held_reason.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/realtime/hub.h"

namespace fc::server::realtime {

std::string videoCommentsTopic(const std::string& video_id);

// "comment_created": {comment, comment_count} — a published comment or reply (also when approved).
void publishCommentCreated(Hub& hub, const std::string& video_id, const nlohmann::json& comment,
                           int64_t comment_count);
// "comment_updated": {comment} — edited, pinned or unpinned, hearted or unhearted.
void publishCommentUpdated(Hub& hub, const std::string& video_id, const nlohmann::json& comment);
// "comment_deleted": {id, video_id, thread_id, comment_count} — deleted, removed, or held after it was shown.
void publishCommentDeleted(Hub& hub, const std::string& video_id, const std::string& comment_id,
                           const std::optional<std::string>& thread_id, int64_t comment_count);
// "comment_reactions": {id, video_id, like_count, dislike_count}.
void publishCommentReactions(Hub& hub, const std::string& video_id, const std::string& comment_id,
                             int64_t like_count, int64_t dislike_count);

} // namespace fc::server::realtime
