#pragma once
// The one mapping from user and channel records to their JSON (API conventions in docs).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/store/channel_repository.h"
#include "server/store/user_repository.h"

namespace fc::server::api {

// "/api/v1/images/<key>" or null.
nlohmann::json imageUrl(const std::optional<std::string>& image_key);

enum class EmailExposure { Invalid = 0, Hidden, Shown }; // Shown only to the user themself

nlohmann::json userToJson(const store::UserRecord& user, EmailExposure email);
nlohmann::json channelToJson(const store::ChannelRecord& channel);

} // namespace fc::server::api
