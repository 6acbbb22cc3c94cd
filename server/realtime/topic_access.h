#pragma once
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/http/request_context.h"

namespace fc::server::realtime {

// May this viewer follow this topic? video:<id>:* follows the video's visibility; user:<id>:* is that user's alone.
// Unknown or hidden topics fail with "topic_not_found" (hidden things are not confirmed to exist).
Result<void> authorizeTopic(ServerContext& server, const std::optional<AuthUser>& user, const std::string& topic);

} // namespace fc::server::realtime
