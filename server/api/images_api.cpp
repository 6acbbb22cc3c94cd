// GET /api/v1/images/<key>: avatars and banners. Keys are never reused, so responses are cacheable forever.
#include "server/api/routes.h"

#include "server/api/image_upload.h"
#include "server/http/request_context.h"

namespace fc::server::api {
namespace {

HttpResponse getImage(RequestContext& context) {
    const std::string& key = context.param("key");
    const auto type = store::imageTypeFromKey(key);
    if (!type)
        return errorResponse(404, "image_not_found", "no such image");
    auto bytes = imageStoreFor(context.server.config).load(key);
    if (!bytes) {
        if (bytes.error().code == "image_not_found")
            return errorResponse(404, "image_not_found", "no such image");
        return errorResponse(500, "storage_error", "the image could not be read");
    }
    HttpResponse response;
    response.headers.set("Content-Type", std::string(store::imageContentType(*type)));
    response.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.body = std::move(bytes).value();
    return response;
}

} // namespace

void registerImageRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/images/:key", getImage, {.group = "metadata"});
}

} // namespace fc::server::api
