#pragma once
// The one mapping from a comment row to its JSON (docs/API.md §13), used by every route that answers comments
// and by the realtime events, so the object is the same everywhere.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/store/comment_repository.h"

namespace fc::server::api {

enum class HeldReasonExposure { Invalid = 0, Hidden, Shown }; // Shown to the video's owner only

struct CommentJsonOptions {
    bool pinned = false;
    HeldReasonExposure held_reason = HeldReasonExposure::Hidden;
    int my_reaction = 0; // +1 like, -1 dislike, 0 none (always 0 for anonymous readers and in events)
};

nlohmann::json commentToJson(const store::CommentRecord& comment, const CommentJsonOptions& options);

// "like", "dislike" or null.
nlohmann::json reactionName(int value);

} // namespace fc::server::api
