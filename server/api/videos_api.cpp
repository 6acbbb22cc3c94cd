// /api/v1/videos/<id> (details, owner edits, deletion) and /api/v1/users/me/videos (the owner's studio list).
// Authorization: a video the caller may not see (mayView) is "not found"; one they see but do not own is 403.
#include "server/api/routes.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "core/util/log.h"
#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/api/text_rules.h"
#include "server/api/video_json.h"
#include "server/http/mapped_file.h"
#include "server/http/request_context.h"
#include "server/jobs/job_queue.h"
#include "server/realtime/notification_events.h"
#include "server/realtime/topic_access.h"
#include "server/store/notification_repository.h"
#include "server/store/video_repository.h"
#include "server/uploads/part_file.h"

namespace fc::server::api {
namespace {

constexpr size_t kTitleMaxChars = 100;
constexpr size_t kDescriptionMaxChars = 5000;
constexpr size_t kMaxTags = 30;
constexpr size_t kTagMaxChars = 30;
constexpr size_t kCategoryMaxChars = 50;
constexpr size_t kLanguageMaxChars = 35; // a BCP 47 tag such as "en" or "pt-BR"

HttpResponse videoNotFound() {
    return errorResponse(404, "video_not_found", "no such video");
}
HttpResponse notOwner() {
    return errorResponse(403, "forbidden", "only the video's owner may change it");
}

enum class Access { Invalid = 0, Missing, ViewOnly, Owner };

Access accessTo(const std::optional<store::VideoRecord>& video, const std::optional<std::string>& viewer) {
    if (!video || !mayView(video->visibility, video->owner_id, viewer))
        return Access::Missing;
    return viewer && *viewer == video->owner_id ? Access::Owner : Access::ViewOnly;
}

HttpResponse accessFailure(Access access) {
    return access == Access::Missing ? videoNotFound() : notOwner();
}

std::optional<std::string> checkLanguage(const std::string& language) {
    if (language.size() > kLanguageMaxChars)
        return "language must be at most 35 characters";
    for (char c : language)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
            return "language must be a language tag such as \"en\" or \"pt-BR\"";
    return std::nullopt;
}

// The patch from the request body, or the ready 400 response.
std::variant<store::VideoPatch, HttpResponse> readPatch(const nlohmann::json& body) {
    store::VideoPatch patch;
    if (auto bad = readOptionalString(body, "title", patch.title))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "description", patch.description))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "category", patch.category))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "language", patch.language))
        return std::move(*bad);
    std::optional<std::string> visibility;
    if (auto bad = readOptionalString(body, "visibility", visibility))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "comments_mode", patch.comments_mode))
        return std::move(*bad);
    if (patch.comments_mode && *patch.comments_mode != "on" && *patch.comments_mode != "held" &&
        *patch.comments_mode != "off")
        return invalidField("comments_mode must be \"on\", \"held\" or \"off\"");

    if (patch.title)
        if (auto message = checkSingleLineText("title", *patch.title, 1, kTitleMaxChars))
            return invalidField(*message);
    if (patch.description)
        if (auto message = checkMultiLineText("description", *patch.description, kDescriptionMaxChars))
            return invalidField(*message);
    if (patch.category)
        if (auto message = checkSingleLineText("category", *patch.category, 0, kCategoryMaxChars))
            return invalidField(*message);
    if (patch.language)
        if (auto message = checkLanguage(*patch.language))
            return invalidField(*message);
    if (visibility) {
        patch.visibility = parseVisibility(*visibility);
        if (!patch.visibility)
            return invalidField("visibility must be \"public\", \"unlisted\" or \"private\"");
    }
    if (const auto encryption = body.find("hls_encryption");
        encryption != body.end() && !encryption->is_null()) {
        if (!encryption->is_boolean())
            return invalidField("hls_encryption must be true or false");
        patch.hls_encryption = encryption->get<bool>();
    }
    if (const auto tags = body.find("tags"); tags != body.end() && !tags->is_null()) {
        if (!tags->is_array())
            return invalidField("tags must be an array of strings");
        if (tags->size() > kMaxTags)
            return invalidField("tags may hold at most 30 tags");
        std::vector<std::string> values;
        for (const auto& tag : *tags) {
            if (!tag.is_string())
                return invalidField("tags must be an array of strings");
            const auto& text = tag.get_ref<const std::string&>();
            if (auto message = checkSingleLineText("each tag", text, 1, kTagMaxChars))
                return invalidField(*message);
            values.push_back(text);
        }
        patch.tags = std::move(values);
    }
    return patch;
}

HttpResponse getVideo(RequestContext& context) {
    const std::string& id = context.param("id");
    auto video =
        context.server.database.read([&](store::Connection& db) { return store::findVideo(db, id); });
    if (!video)
        return storeFailure(video.error());
    const auto viewer = viewerId(context);
    if (accessTo(*video, viewer) == Access::Missing)
        return videoNotFound();
    return HttpResponse::json(200, videoToJson(**video, viewer));
}

struct Guarded {
    Access access = Access::Invalid;
    std::optional<store::VideoRecord> video; // after the change, for Owner
    std::vector<int64_t> notifications; // new_video to the subscribers, when this made it public and ready
};

HttpResponse patchVideo(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const std::string& id = context.param("id");
    const auto viewer = viewerId(context);

    // Authorization first, so a caller without rights learns nothing from validation answers.
    auto current =
        context.server.database.read([&](store::Connection& db) { return store::findVideo(db, id); });
    if (!current)
        return storeFailure(current.error());
    if (const Access access = accessTo(*current, viewer); access != Access::Owner)
        return accessFailure(access);
    auto patch = readPatch(std::get<nlohmann::json>(parsed));
    if (auto* response = std::get_if<HttpResponse>(&patch))
        return std::move(*response);

    // Checked again inside the transaction: the video may have been deleted meanwhile.
    auto result = context.server.database.write([&](store::Connection& db) -> Result<Guarded> {
        auto video = store::findVideo(db, id);
        if (!video)
            return video.error();
        Guarded guarded{accessTo(*video, viewer), std::nullopt, {}};
        if (guarded.access != Access::Owner)
            return guarded;
        if (auto updated = store::updateVideo(db, id, std::get<store::VideoPatch>(patch), unixMillisNow());
            !updated)
            return updated.error();
        auto notified = store::notifySubscribersOfNewVideo(db, id, unixMillisNow());
        if (!notified)
            return notified.error();
        guarded.notifications = std::move(*notified);
        auto reloaded = store::findVideo(db, id);
        if (!reloaded)
            return reloaded.error();
        guarded.video = std::move(reloaded).value();
        return guarded;
    });
    if (!result)
        return storeFailure(result.error());
    if (result->access != Access::Owner || !result->video)
        return accessFailure(result->access);
    // Followers of the video's live topics who may no longer see it are dropped (private now).
    realtime::restrictVideoTopics(context.server.hub, id, result->video->visibility, result->video->owner_id);
    realtime::publishNotifications(context.server.database, context.server.hub, result->notifications);
    return HttpResponse::json(200, videoToJson(*result->video, viewer));
}

// Removes a deleted video's files: its media directory and the partial files of its uploads.
void removeVideoFiles(const ServerConfig& config, const std::string& video_id,
                      const std::vector<std::string>& upload_ids) {
    std::error_code ec;
    if (isValidId(video_id)) {
        std::filesystem::remove_all(std::filesystem::path(config.media_dir) / video_id, ec);
        if (ec)
            logWarn("videos: cannot remove media of " + video_id + ": " + ec.message());
    }
    for (const auto& upload_id : upload_ids) {
        if (!isValidId(upload_id))
            continue;
        std::filesystem::remove(std::filesystem::path(config.uploads_dir) / (upload_id + ".part"), ec);
        if (ec)
            logWarn("videos: cannot remove upload " + upload_id + ": " + ec.message());
    }
}

HttpResponse deleteVideo(RequestContext& context) {
    const std::string& id = context.param("id");
    const auto viewer = viewerId(context);
    struct Deleted {
        Access access = Access::Invalid;
        std::vector<std::string> upload_ids;
    };
    auto result = context.server.database.write([&](store::Connection& db) -> Result<Deleted> {
        auto video = store::findVideo(db, id);
        if (!video)
            return video.error();
        Deleted deleted{accessTo(*video, viewer), {}};
        if (deleted.access != Access::Owner)
            return deleted;
        // In the same transaction: no job can start on a video that is being deleted.
        if (auto cancelled = context.server.jobs.cancelForVideo(db, id); !cancelled)
            return cancelled.error();
        auto uploads = store::deleteVideo(db, id);
        if (!uploads)
            return uploads.error();
        deleted.upload_ids = std::move(uploads).value();
        return deleted;
    });
    if (!result)
        return storeFailure(result.error());
    if (result->access != Access::Owner)
        return accessFailure(result->access);
    removeVideoFiles(context.server.config, id, result->upload_ids);
    context.server.files.forgetUnder(uploads::videoMediaDir(context.server.config, id));
    realtime::closeVideoTopics(context.server.hub, id);
    logInfo("videos: " + id + " deleted by " + context.user->id);
    return HttpResponse::noContent();
}

HttpResponse listMyVideos(RequestContext& context) {
    auto page_request = readPageRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&page_request))
        return std::move(*response);
    const auto& page = std::get<PageRequest>(page_request);
    // (Built from a plain string: GCC 12 warns, wrongly, about an optional that is reset in place.)
    const std::string status_text = context.request.queryParam("status").value_or("");
    const std::optional<std::string> status =
        status_text.empty() ? std::nullopt : std::optional<std::string>(status_text);
    if (status && !store::isVideoStatus(*status))
        return invalidField("status must be one of uploading, queued, processing, ready, failed");
    const std::string& owner_id = context.user->id;
    auto listed = context.server.database.read([&](store::Connection& db) {
        return store::listOwnerVideos(db, owner_id, status, {page.limit, page.cursor});
    });
    if (!listed) {
        if (listed.error().code == "invalid_cursor")
            return errorResponse(400, "invalid_cursor", listed.error().message);
        return storeFailure(listed.error());
    }
    return HttpResponse::json(200, videoPageToJson(*listed, viewerId(context)));
}

} // namespace

void registerVideoRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/videos/:id", getVideo, {.group = "metadata"});
    router.add(Method::Patch, "/api/v1/videos/:id", patchVideo,
               {.group = "writes", .auth = AuthPolicy::Required});
    router.add(Method::Delete, "/api/v1/videos/:id", deleteVideo,
               {.group = "writes", .auth = AuthPolicy::Required});
    router.add(Method::Get, "/api/v1/users/me/videos", listMyVideos,
               {.group = "metadata", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
