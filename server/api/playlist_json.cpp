#include "server/api/playlist_json.h"

#include "core/util/time.h"
#include "server/api/video_json.h"

namespace fc::server::api {

nlohmann::json playlistToJson(const store::PlaylistRecord& playlist,
                              const std::optional<store::PlaylistThumbnail>& thumbnail) {
    nlohmann::json thumbnail_url = nullptr;
    if (thumbnail && thumbnail->thumbnail_file)
        thumbnail_url = videoFileUrl(thumbnail->video_id, *thumbnail->thumbnail_file);
    return {{"id", playlist.id},
            {"owner_id", playlist.owner_id},
            {"kind", playlist.kind == store::PlaylistKind::WatchLater ? "watch_later" : "playlist"},
            {"title", playlist.title},
            {"description", playlist.description},
            {"visibility", visibilityName(playlist.visibility)},
            {"item_count", playlist.item_count},
            {"thumbnail_url", thumbnail_url},
            {"created_at", toRfc3339(playlist.created_at_ms)},
            {"updated_at", toRfc3339(playlist.updated_at_ms)}};
}

} // namespace fc::server::api
