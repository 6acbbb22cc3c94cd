#pragma once
// Channels: one per user, created with the account (user_repository); read and edited here.
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

struct ChannelRecord {
    std::string id;
    std::string owner_id;
    std::string handle;
    std::string name;
    std::string description;
    std::optional<std::string> avatar_key;
    std::optional<std::string> banner_key;
    int64_t subscriber_count = 0;
    int64_t video_count = 0; // listed (public) videos only: what a visitor can see on the channel page
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

Result<std::optional<ChannelRecord>> findChannel(Connection& db, const std::string& channel_id);

struct ChannelPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
};
Result<void> updateChannel(Connection& db, const std::string& channel_id, const ChannelPatch& patch,
                           int64_t now_ms);

enum class ChannelImage { Invalid = 0, Avatar, Banner };
// Sets the image key; returns the key it replaced (its file can then be removed).
Result<std::optional<std::string>> replaceChannelImage(Connection& db, const std::string& channel_id,
                                                       ChannelImage image, const std::string& image_key,
                                                       int64_t now_ms);

} // namespace fc::server::store
