// Video ratings: GET/PUT /api/v1/videos/<id>/rating (docs/API.md §14). Visibility as every video read: a
// private video of someone else is 404. The row and the video's counters change in one write transaction,
// so like_count and dislike_count stay exact under concurrent ratings.
#include "server/api/routes.h"

#include "core/util/time.h"
#include "server/api/handler_support.h"
#include "server/store/database.h"
#include "server/store/rating_repository.h"
#include "server/store/visibility.h"

namespace fc::server::api {
namespace {

HttpResponse videoNotFound(const std::string& id) {
    return errorResponse(404, "video_not_found", "no video with id " + id);
}

HttpResponse ratingJson(const std::string& video_id, const store::RatingState& state) {
    HttpResponse response = HttpResponse::json(200, {{"video_id", video_id},
                                                     {"like_count", state.like_count},
                                                     {"dislike_count", state.dislike_count},
                                                     {"my_rating", store::ratingName(state.my_rating)}});
    response.headers.set("Cache-Control", "no-store");
    return response;
}

HttpResponse ratingFailure(const Error& error, const std::string& video_id) {
    return error.code == "video_not_found" ? videoNotFound(video_id) : storeFailure(error);
}

HttpResponse getRating(RequestContext& context) {
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    const std::string& id = std::get<store::VideoRecord>(visible).id;
    auto state = context.server.database.read(
        [&](store::Connection& db) { return store::readVideoRating(db, id, context.user->id); });
    if (!state)
        return ratingFailure(state.error(), id);
    return ratingJson(id, *state);
}

HttpResponse putRating(RequestContext& context) {
    auto body = context.jsonObjectBody();
    if (auto* response = std::get_if<HttpResponse>(&body))
        return std::move(*response);
    // Visibility first, so a caller who may not see the video learns nothing from validation answers.
    auto visible = visibleVideo(context);
    if (auto* response = std::get_if<HttpResponse>(&visible))
        return std::move(*response);
    std::string text;
    if (auto bad = readRequiredString(std::get<nlohmann::json>(body), "rating", text))
        return std::move(*bad);
    const auto rating = store::parseRating(text);
    if (!rating)
        return invalidField("rating must be \"like\", \"dislike\" or \"none\"");

    const std::string& id = std::get<store::VideoRecord>(visible).id;
    const std::string& user = context.user->id;
    // Checked again inside the write: the video may have been deleted or made private meanwhile.
    auto state = context.server.database.write([&](store::Connection& db) -> Result<store::RatingState> {
        auto video = store::findVideo(db, id);
        if (!video)
            return video.error();
        if (!*video || !mayView((*video)->visibility, (*video)->owner_id, user))
            return makeError("video_not_found", "no such video");
        return store::setVideoRating(db, id, user, *rating, unixMillisNow());
    });
    if (!state)
        return ratingFailure(state.error(), id);
    return ratingJson(id, *state);
}

} // namespace

void registerRatingRoutes(Router& router, ServerContext&) {
    router.add(Method::Get, "/api/v1/videos/:id/rating", getRating,
               {.group = "metadata", .auth = AuthPolicy::Required});
    router.add(Method::Put, "/api/v1/videos/:id/rating", putRating,
               {.group = "social", .auth = AuthPolicy::Required});
}

} // namespace fc::server::api
