#include "server/store/channel_repository.h"

#include "server/store/video_repository.h"

namespace fc::server::store {

Result<std::optional<ChannelRecord>> findChannel(Connection& db, const std::string& channel_id) {
    auto statement = db.prepare(
        std::string("SELECT c.id, c.owner_id, c.handle, c.name, c.description, c.avatar_key, c.banner_key, "
                    "c.subscriber_count, (SELECT COUNT(*) FROM videos v WHERE v.channel_id = c.id AND ") +
        kListedVideoCondition + "), c.created_at, c.updated_at FROM channels c WHERE c.id = ?");
    statement.bindAll(channel_id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<ChannelRecord>();
    }
    ChannelRecord channel;
    channel.id = statement.text(0);
    channel.owner_id = statement.text(1);
    channel.handle = statement.text(2);
    channel.name = statement.text(3);
    channel.description = statement.text(4);
    channel.avatar_key = statement.optionalText(5);
    channel.banner_key = statement.optionalText(6);
    channel.subscriber_count = statement.int64(7);
    channel.video_count = statement.int64(8);
    channel.created_at_ms = statement.int64(9);
    channel.updated_at_ms = statement.int64(10);
    return std::optional<ChannelRecord>(std::move(channel));
}

Result<void> updateChannel(Connection& db, const std::string& channel_id, const ChannelPatch& patch,
                           int64_t now_ms) {
    return db.run("UPDATE channels SET name = COALESCE(?, name), description = COALESCE(?, description), "
                  "updated_at = ? WHERE id = ?",
                  patch.name, patch.description, now_ms, channel_id);
}

Result<std::optional<std::string>> replaceChannelImage(Connection& db, const std::string& channel_id,
                                                       ChannelImage image, const std::string& image_key,
                                                       int64_t now_ms) {
    const bool avatar = image == ChannelImage::Avatar;
    auto statement = db.prepare(avatar ? "SELECT avatar_key FROM channels WHERE id = ?"
                                       : "SELECT banner_key FROM channels WHERE id = ?");
    statement.bindAll(channel_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("channel_not_found", "no such channel");
    std::optional<std::string> previous = statement.optionalText(0);
    auto updated = db.run(avatar ? "UPDATE channels SET avatar_key = ?, updated_at = ? WHERE id = ?"
                                 : "UPDATE channels SET banner_key = ?, updated_at = ? WHERE id = ?",
                          image_key, now_ms, channel_id);
    if (!updated)
        return updated.error();
    return previous;
}

} // namespace fc::server::store
