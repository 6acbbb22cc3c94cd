#pragma once
// The one mapping from a playlist row to its JSON (docs/API.md §16).
#include <optional>

#include <nlohmann/json.hpp>

#include "server/store/playlist_repository.h"

namespace fc::server::api {

// thumbnail: the first item the reader may see (its video's thumbnail becomes thumbnail_url), if any.
nlohmann::json playlistToJson(const store::PlaylistRecord& playlist,
                              const std::optional<store::PlaylistThumbnail>& thumbnail);

} // namespace fc::server::api
