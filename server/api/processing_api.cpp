// Processing results: GET /api/v1/videos/<id>/status (progress, ETA, playable), the thumbnail candidates and
// the owner's choice (or a custom image). The files themselves (segments, manifests, thumbnails, storyboard)
// are served by the delivery routes (delivery_api.cpp).
#include "server/api/routes.h"

#include <filesystem>

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/image_upload.h"
#include "server/api/video_json.h"
#include "server/http/request_context.h"
#include "server/realtime/video_events.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"
#include "server/store/visibility.h"

namespace fc::server::api {
namespace {

std::variant<store::VideoRecord, HttpResponse> ownedVideo(RequestContext& context) {
    auto video = visibleVideo(context);
    if (auto* record = std::get_if<store::VideoRecord>(&video);
        record && record->owner_id != context.user->id)
        return errorResponse(403, "forbidden", "only the video's owner can change its thumbnail");
    return video;
}

constexpr const char* kCustomPrefix = "images/"; // thumbnail_file of a custom thumbnail: images/<key>

// Sets the video's thumbnail; returns the image key of a custom thumbnail it replaced (to delete).
Result<std::optional<std::string>> replaceThumbnail(store::Connection& db, const std::string& video_id,
                                                    const std::string& file) {
    auto statement = db.prepare("SELECT thumbnail_file FROM videos WHERE id = ?");
    statement.bindAll(video_id);
    std::optional<std::string> previous = statement.step() ? statement.optionalText(0) : std::nullopt;
    (void)statement.step();
    if (auto run = db.run("UPDATE videos SET thumbnail_file = ?, updated_at = ? WHERE id = ?", file,
                          unixMillisNow(), video_id);
        !run)
        return run.error();
    const std::string prefix(kCustomPrefix);
    if (previous && previous->rfind(prefix, 0) == 0 && *previous != file)
        return std::optional<std::string>(previous->substr(prefix.size()));
    return std::optional<std::string>();
}

HttpResponse status(RequestContext& context) {
    auto video = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&video))
        return std::move(*response);
    const auto& record = std::get<store::VideoRecord>(video);
    double progress = record.status == "ready" ? 1.0 : 0.0;
    std::optional<int64_t> eta_ms;
    std::string stage = record.status;
    (void)context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto statement = db.prepare("SELECT kind, state, progress, eta_ms FROM jobs WHERE video_id = ? "
                                    "ORDER BY id DESC LIMIT 1");
        statement.bindAll(record.id);
        if (statement.step() && record.status != "ready" && record.status != "failed") {
            stage = statement.text(0) == "ingest" ? "ingesting" : record.status;
            progress = statement.real(2);
            eta_ms = statement.optionalInt64(3);
        }
        return {};
    });
    nlohmann::json failure = nullptr;
    if (record.failure_code)
        failure = {{"code", *record.failure_code}, {"message", record.failure_reason.value_or("")}};
    HttpResponse response = HttpResponse::json(200, {{"video_id", record.id},
                                                     {"status", record.status},
                                                     {"stage", stage},
                                                     {"playable", record.playable},
                                                     {"progress", progress},
                                                     {"eta_ms", eta_ms ? nlohmann::json(*eta_ms) : nullptr},
                                                     {"failure", failure}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse listThumbnails(RequestContext& context) {
    auto video = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&video))
        return std::move(*response);
    const auto& record = std::get<store::VideoRecord>(video);
    nlohmann::json items = nlohmann::json::array();
    auto listed = context.server.database.read([&](store::Connection& db) -> Result<void> {
        auto statement = db.prepare("SELECT position, file, time_ms, is_black FROM video_thumbnails "
                                    "WHERE video_id = ? ORDER BY position");
        statement.bindAll(record.id);
        while (statement.step())
            items.push_back({{"position", statement.int64(0)},
                             {"url", videoFileUrl(record.id, statement.text(1))},
                             {"time_ms", statement.int64(2)},
                             {"black", statement.int64(3) != 0},
                             {"selected", record.thumbnail_file == statement.text(1)}});
        if (statement.error())
            return *statement.error();
        return {};
    });
    if (!listed)
        return storeFailure(listed.error());
    const bool custom = record.thumbnail_file && record.thumbnail_file->rfind(kCustomPrefix, 0) == 0;
    return HttpResponse::json(
        200, {{"items", items},
              {"custom_url", custom ? nlohmann::json(videoFileUrl(record.id, *record.thumbnail_file))
                                    : nlohmann::json(nullptr)}});
}

// PUT /videos/<id>/thumbnail: JSON {"position": n} picks a generated candidate; an image body sets a custom
// one.
HttpResponse setThumbnail(RequestContext& context) {
    auto video = ownedVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&video))
        return std::move(*response);
    const auto& record = std::get<store::VideoRecord>(video);
    const std::string type(context.request.headers.get("Content-Type").value_or(""));
    std::string chosen;
    if (type.rfind("application/json", 0) == 0) {
        auto body = context.jsonObjectBody();
        if (auto* response = std::get_if<HttpResponse>(&body))
            return std::move(*response);
        const auto& json = std::get<nlohmann::json>(body);
        if (!json.contains("position") || !json["position"].is_number_integer())
            return invalidField("position must be the number of a thumbnail candidate (1-5)");
        const int64_t position = json["position"].get<int64_t>();
        auto file =
            context.server.database.read([&](store::Connection& db) -> Result<std::optional<std::string>> {
                auto statement =
                    db.prepare("SELECT file FROM video_thumbnails WHERE video_id = ? AND position = ?");
                statement.bindAll(record.id, position);
                if (statement.step())
                    return std::optional<std::string>(statement.text(0));
                return std::optional<std::string>();
            });
        if (!file)
            return storeFailure(file.error());
        if (!*file)
            return errorResponse(404, "thumbnail_not_found",
                                 "no thumbnail candidate " + std::to_string(position) +
                                     " (is the video processed?)");
        chosen = **file;
    } else {
        // A custom image: validated and stored like avatars (images/<key>), replacing an earlier custom one.
        auto stored = acceptImageUpload(
            context.request, context.server,
            [&](store::Connection& db, const std::string& key) -> Result<std::optional<std::string>> {
                return replaceThumbnail(db, record.id, std::string(kCustomPrefix) + key);
            });
        if (auto* response = std::get_if<HttpResponse>(&stored))
            return std::move(*response);
        return HttpResponse::json(
            200, {{"thumbnail_url", videoFileUrl(record.id, kCustomPrefix + std::get<std::string>(stored))}});
    }
    auto replaced = context.server.database.write(
        [&](store::Connection& db) { return replaceThumbnail(db, record.id, chosen); });
    if (!replaced)
        return storeFailure(replaced.error());
    if (*replaced)
        imageStoreFor(context.server.config).remove(**replaced);
    return HttpResponse::json(200, {{"thumbnail_url", videoFileUrl(record.id, chosen)}});
}

} // namespace

void registerProcessingRoutes(Router& router, ServerContext& server) {
    const size_t maxImage = static_cast<size_t>(server.config.max_image_bytes);
    router.add(Method::Get, "/api/v1/videos/:id/status", status, {.group = "metadata"});
    router.add(Method::Get, "/api/v1/videos/:id/thumbnails", listThumbnails, {.group = "metadata"});
    router.add(Method::Put, "/api/v1/videos/:id/thumbnail", setThumbnail,
               {.group = "writes", .auth = AuthPolicy::Required, .max_body_bytes = maxImage});
}

} // namespace fc::server::api
