#include "server/api/account_json.h"

#include "core/util/time.h"

namespace fc::server::api {

nlohmann::json imageUrl(const std::optional<std::string>& image_key) {
    if (!image_key)
        return nullptr;
    return "/api/v1/images/" + *image_key;
}

nlohmann::json userToJson(const store::UserRecord& user, EmailExposure email) {
    nlohmann::json json = {
        {"id", user.id},
        {"username", user.username},
        {"display_name", user.display_name},
        {"bio", user.bio},
        {"avatar_url", imageUrl(user.avatar_key)},
        {"channel_id", user.channel_id},
        {"created_at", toRfc3339(user.created_at_ms)},
    };
    if (email == EmailExposure::Shown)
        json["email"] = user.email;
    return json;
}

nlohmann::json channelToJson(const store::ChannelRecord& channel) {
    return {
        {"id", channel.id},
        {"handle", channel.handle},
        {"name", channel.name},
        {"description", channel.description},
        {"avatar_url", imageUrl(channel.avatar_key)},
        {"banner_url", imageUrl(channel.banner_key)},
        {"subscriber_count", channel.subscriber_count},
        {"video_count", channel.video_count},
        {"owner_id", channel.owner_id},
        {"created_at", toRfc3339(channel.created_at_ms)},
    };
}

} // namespace fc::server::api
