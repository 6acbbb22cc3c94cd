#include "server/realtime/topic_access.h"

#include <vector>

#include "core/util/log.h"
#include "server/realtime/hub.h"
#include "server/store/database.h"

namespace fc::server::realtime {
namespace {

std::vector<std::string> splitTopic(const std::string& topic) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t colon = topic.find(':', start);
        parts.push_back(topic.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return parts;
}

// "video:<id>:<kind>" for both kinds of video topic.
std::string videoTopic(const std::string& video_id, const char* kind) {
    return "video:" + video_id + ":" + kind;
}

Error notFound(const std::string& topic) {
    return makeError("topic_not_found", "no such topic: " + topic);
}

} // namespace

Result<void> authorizeTopic(ServerContext& server, const std::optional<AuthUser>& user,
                            const std::string& topic) {
    if (topic.empty())
        return makeError("invalid_message", "\"topic\" is required");
    if (topic.size() > kMaxTopicBytes)
        return notFound(topic.substr(0, kMaxTopicBytes) + "...");
    if (user) {
        // The connection outlives the request that opened it: a signed-out session may not follow more.
        auto live = server.database.read([&](store::Connection& db) -> Result<bool> {
            auto statement = db.prepare("SELECT 1 FROM sessions WHERE id = ? AND user_id = ?");
            statement.bindAll(user->session_id, user->id);
            if (!statement.step())
                return statement.error() ? Result<bool>(*statement.error()) : Result<bool>(false);
            return true;
        });
        if (!live) {
            logWarn("realtime: cannot check session of " + user->id + ": " + live.error().message);
            return makeError("service_unavailable", "the server could not check this topic; try again");
        }
        if (!*live)
            return makeError("invalid_token", "this connection's session has ended; sign in and reconnect");
    }
    const std::vector<std::string> parts = splitTopic(topic);
    if (parts.size() != 3 || parts[1].empty())
        return notFound(topic);
    if (parts[0] == "user") {
        if (parts[2] != "notifications")
            return notFound(topic);
        if (!user)
            return makeError("auth_required", "sign in to follow your notifications");
        if (user->id != parts[1])
            return notFound(topic);
        return {};
    }
    if (parts[0] != "video" || (parts[2] != "status" && parts[2] != "comments"))
        return notFound(topic);
    auto visible = server.database.read([&](store::Connection& db) -> Result<bool> {
        auto statement = db.prepare("SELECT owner_id, visibility FROM videos WHERE id = ?");
        statement.bindAll(parts[1]);
        if (!statement.step())
            return statement.error() ? Result<bool>(*statement.error()) : Result<bool>(false);
        const auto visibility = parseVisibility(statement.text(1)).value_or(Visibility::Private);
        return mayView(visibility, statement.text(0),
                       user ? std::optional<std::string>(user->id) : std::nullopt);
    });
    if (!visible) {
        logWarn("realtime: cannot authorize " + topic + ": " + visible.error().message);
        return makeError("service_unavailable", "the server could not check this topic; try again");
    }
    if (!*visible)
        return notFound(topic);
    return {};
}

void restrictVideoTopics(Hub& hub, const std::string& video_id, Visibility visibility,
                         const std::string& owner_id) {
    const MayFollow mayFollow = [&](const std::optional<std::string>& viewer) {
        return mayView(visibility, owner_id, viewer);
    };
    hub.restrict(videoTopic(video_id, "status"), mayFollow);
    hub.restrict(videoTopic(video_id, "comments"), mayFollow);
}

void closeVideoTopics(Hub& hub, const std::string& video_id) {
    const MayFollow nobody = [](const std::optional<std::string>&) { return false; };
    hub.restrict(videoTopic(video_id, "status"), nobody);
    hub.restrict(videoTopic(video_id, "comments"), nobody);
}

} // namespace fc::server::realtime
