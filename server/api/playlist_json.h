#pragma once
// The one mapping from a playlist row to its JSON (docs/API.md §16).
#include <optional>

#include <nlohmann/json.hpp>

#include "server/store/playlist_repository.h"

namespace fc::server::api {

// view: the playlist as the reader sees it: item_count counts the items they may see, hidden_count the rest,
// and the first visible item's thumbnail becomes thumbnail_url.
nlohmann::json playlistToJson(const store::PlaylistRecord& playlist, const store::PlaylistReaderView& view);

} // namespace fc::server::api
