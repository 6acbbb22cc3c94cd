#pragma once
// How parsers fetch the manifests a manifest points at (HLS media playlists): over HTTP in the player, from
// disk in tests and tools. The URI is already resolved against the referring manifest's URI.
#include <functional>
#include <string>

#include "core/util/result.h"

namespace fc::streaming {

using ManifestLoader = std::function<Result<std::string>(const std::string& uri)>;

} // namespace fc::streaming
