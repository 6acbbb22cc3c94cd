#pragma once
// The shared path of every image upload (user avatar, channel avatar and banner): a raw body whose
// Content-Type is image/jpeg, image/png or image/webp and whose bytes really are that type.
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "core/util/result.h"
#include "server/http/http_types.h"
#include "server/server_context.h"
#include "server/store/database.h"
#include "server/store/image_store.h"

namespace fc::server::api {

std::string imagesDir(const ServerConfig& config); // <data_dir>/images
store::ImageStore imageStoreFor(const ServerConfig& config);

// Records the new key in the database (inside a write transaction) and returns the key it replaced.
using ImageKeyWriter =
    std::function<Result<std::optional<std::string>>(store::Connection&, const std::string& key)>;

// Validates the request body, stores the file, runs writer, removes the replaced file. On success returns
// the new key; otherwise the ready error response (415 wrong type, 400 empty, 413 too large, or writer's
// error).
std::variant<std::string, HttpResponse> acceptImageUpload(const HttpRequest& request, ServerContext& server,
                                                          const ImageKeyWriter& writer);

} // namespace fc::server::api
