// GET/PATCH /api/v1/users/me and PUT /api/v1/users/me/avatar: the signed-in user's own account.
#include "server/api/routes.h"

#include <nlohmann/json.hpp>

#include "core/util/time.h"
#include "server/api/account_json.h"
#include "server/api/handler_support.h"
#include "server/api/image_upload.h"
#include "server/api/text_rules.h"
#include "server/http/request_context.h"
#include "server/store/user_repository.h"

namespace fc::server::api {
namespace {

constexpr size_t kDisplayNameMaxChars = 50;
constexpr size_t kBioMaxChars = 1000;

HttpResponse myAccount(RequestContext& context) {
    auto user = context.server.database.read(
        [&](store::Connection& db) { return store::findUserById(db, context.user->id); });
    if (!user)
        return storeFailure(user.error());
    if (!user->has_value()) // the session outlived its user
        return errorResponse(401, "invalid_token", "the account no longer exists");
    return HttpResponse::json(200, userToJson(**user, EmailExposure::Shown));
}

HttpResponse getMe(RequestContext& context) {
    return myAccount(context);
}

HttpResponse patchMe(RequestContext& context) {
    auto parsed = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const auto& body = std::get<nlohmann::json>(parsed);
    store::UserProfilePatch patch;
    if (auto bad = readOptionalString(body, "display_name", patch.display_name))
        return std::move(*bad);
    if (auto bad = readOptionalString(body, "bio", patch.bio))
        return std::move(*bad);
    if (patch.display_name)
        if (auto message = checkSingleLineText("display_name", *patch.display_name, 0, kDisplayNameMaxChars))
            return invalidField(*message);
    if (patch.bio)
        if (auto message = checkMultiLineText("bio", *patch.bio, kBioMaxChars))
            return invalidField(*message);

    auto updated = context.server.database.write([&](store::Connection& db) {
        return store::updateUserProfile(db, context.user->id, patch, unixMillisNow());
    });
    if (!updated)
        return storeFailure(updated.error());
    return myAccount(context);
}

HttpResponse putMyAvatar(RequestContext& context) {
    const std::string user_id = context.user->id;
    auto accepted = acceptImageUpload(context.request, context.server,
                                      [&](store::Connection& db, const std::string& key) {
                                          return store::replaceUserAvatar(db, user_id, key, unixMillisNow());
                                      });
    if (auto* response = std::get_if<HttpResponse>(&accepted))
        return std::move(*response);
    return myAccount(context);
}

} // namespace

void registerUserRoutes(Router& router, ServerContext& server) {
    router.add(Method::Get, "/api/v1/users/me", getMe, {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Patch, "/api/v1/users/me", patchMe, {.group = "writes", .auth = AuthPolicy::Required});
    router.add(Method::Put, "/api/v1/users/me/avatar", putMyAvatar,
               {.group = "writes",
                .auth = AuthPolicy::Required,
                .max_body_bytes = static_cast<size_t>(server.config.max_image_bytes)});
}

} // namespace fc::server::api
