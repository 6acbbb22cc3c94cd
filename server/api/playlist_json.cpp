#include "server/api/playlist_json.h"

#include <algorithm>

#include "core/util/time.h"
#include "server/api/video_json.h"

namespace fc::server::api {

nlohmann::json playlistToJson(const store::PlaylistRecord& playlist, const store::PlaylistReaderView& view) {
    nlohmann::json thumbnail_url = nullptr;
    if (view.first && view.first->thumbnail_file)
        thumbnail_url = videoFileUrl(view.first->video_id, *view.first->thumbnail_file);
    return {{"id", playlist.id},
            {"owner_id", playlist.owner_id},
            {"kind", playlist.kind == store::PlaylistKind::WatchLater ? "watch_later" : "playlist"},
            {"title", playlist.title},
            {"description", playlist.description},
            {"visibility", visibilityName(playlist.visibility)},
            {"item_count", view.visible_items},
            {"hidden_count", std::max<int64_t>(playlist.item_count - view.visible_items, 0)},
            {"thumbnail_url", thumbnail_url},
            {"created_at", toRfc3339(playlist.created_at_ms)},
            {"updated_at", toRfc3339(playlist.updated_at_ms)}};
}

} // namespace fc::server::api
