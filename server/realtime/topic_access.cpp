#include "server/realtime/topic_access.h"

#include "server/store/database.h"
#include "server/store/visibility.h"

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

Error notFound(const std::string& topic) { return makeError("topic_not_found", "no such topic: " + topic); }

} // namespace

Result<void> authorizeTopic(ServerContext& server, const std::optional<AuthUser>& user, const std::string& topic) {
    const std::vector<std::string> parts = splitTopic(topic);
    if (parts.size() != 3)
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
        return mayView(visibility, statement.text(0), user ? std::optional<std::string>(user->id) : std::nullopt);
    });
    if (!visible)
        return visible.error();
    if (!*visible)
        return notFound(topic);
    return {};
}

} // namespace fc::server::realtime
