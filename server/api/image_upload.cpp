#include "server/api/image_upload.h"

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/store/database.h"

namespace fc::server::api {

std::string imagesDir(const ServerConfig& config) {
    return config.data_dir + "/images";
}

store::ImageStore imageStoreFor(const ServerConfig& config) {
    return store::ImageStore(imagesDir(config));
}

std::variant<std::string, HttpResponse> acceptImageUpload(const HttpRequest& request, ServerContext& server,
                                                          const ImageKeyWriter& writer) {
    const auto content_type = request.headers.get("Content-Type");
    const auto declared = content_type ? store::imageTypeFromContentType(*content_type) : std::nullopt;
    if (!declared)
        return errorResponse(415, "unsupported_media_type",
                             "send the image as image/jpeg, image/png or image/webp");
    if (request.body.empty())
        return invalidField("the request body must be the image");
    if (static_cast<int64_t>(request.body.size()) > server.config.max_image_bytes)
        return errorResponse(413, "payload_too_large",
                             "images may be at most " + std::to_string(server.config.max_image_bytes) +
                                 " bytes");
    if (store::imageTypeFromBytes(request.body) != declared)
        return errorResponse(415, "unsupported_media_type",
                             "the body is not a " + std::string(store::imageContentType(*declared)) +
                                 " image");

    store::ImageStore images = imageStoreFor(server.config);
    auto key = images.save(request.body, *declared);
    if (!key)
        return errorResponse(500, "storage_error", key.error().message);
    auto previous = server.database.write([&](store::Connection& db) { return writer(db, *key); });
    if (!previous) {
        images.remove(*key);
        if (previous.error().code == "channel_not_found")
            return errorResponse(404, previous.error().code, "no such channel");
        return storeFailure(previous.error());
    }
    if (*previous)
        images.remove(**previous);
    return std::move(key).value();
}

} // namespace fc::server::api
