#pragma once
// Who may follow which realtime topic. (Topic names for publishers: video_events.h.)
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/http/request_context.h"
#include "server/store/visibility.h"

namespace fc::server::realtime {

class Hub;

constexpr size_t kMaxTopicBytes = 128;

// May this viewer follow this topic? video:<id>:* follows the video's visibility; user:<id>:* is that user's
// alone. Unknown or hidden topics fail with "topic_not_found" (hidden things are not confirmed to exist); a
// user topic asked for anonymously fails with "auth_required"; a connection whose session was signed out
// since it opened fails with "invalid_token".
Result<void> authorizeTopic(ServerContext& server, const std::optional<AuthUser>& user,
                            const std::string& topic);

// A video's audience changed (visibility edited): followers of its topics who may no longer see it are
// removed and told ("unsubscribed" with data.reason "access_revoked"). Call after the change is committed.
void restrictVideoTopics(Hub& hub, const std::string& video_id, Visibility visibility,
                         const std::string& owner_id);
// The video is gone: every follower of its topics is removed and told.
void closeVideoTopics(Hub& hub, const std::string& video_id);

} // namespace fc::server::realtime
