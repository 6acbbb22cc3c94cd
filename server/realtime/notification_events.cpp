#include "server/realtime/notification_events.h"

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/api/video_json.h"

namespace fc::server::realtime {

std::string userNotificationsTopic(const std::string& user_id) {
    return "user:" + user_id + ":notifications";
}

nlohmann::json notificationToJson(const store::NotificationView& notification) {
    nlohmann::json actor = nullptr;
    if (notification.actor_id)
        actor = {{"id", *notification.actor_id},
                 {"username", notification.actor_username},
                 {"display_name", notification.actor_display_name}};
    nlohmann::json video = nullptr;
    if (notification.video_id)
        video = {{"id", *notification.video_id},
                 {"title", notification.video_title},
                 {"thumbnail_url", notification.video_thumbnail_file
                                       ? nlohmann::json(api::videoFileUrl(*notification.video_id,
                                                                          *notification.video_thumbnail_file))
                                       : nlohmann::json(nullptr)}};
    nlohmann::json json = {
        {"id", std::to_string(notification.id)},
        {"kind", notification.kind},
        {"read", notification.read},
        {"created_at", toRfc3339(notification.created_at_ms)},
        {"actor", actor},
        {"video", video},
        {"comment_id",
         notification.comment_id ? nlohmann::json(*notification.comment_id) : nlohmann::json(nullptr)},
        {"text", notification.text},
    };
    if (notification.kind == "video_processed")
        json["status"] = notification.video_status == "failed" ? "failed" : "ready";
    return json;
}

void publishNotifications(store::Database& database, Hub& hub, const std::vector<int64_t>& ids) {
    for (const int64_t id : ids) {
        nlohmann::json data;
        std::string user_id;
        auto read = database.read([&](store::Connection& db) -> Result<bool> {
            auto found = store::findNotification(db, id);
            if (!found)
                return found.error();
            if (!*found)
                return false;
            auto unread = store::unreadNotificationCount(db, (*found)->user_id);
            if (!unread)
                return unread.error();
            user_id = (*found)->user_id;
            data = {{"notification", notificationToJson(**found)}, {"unread_count", *unread}};
            return true;
        });
        if (!read) {
            logWarn("notifications: cannot publish " + std::to_string(id) + ": " + read.error().message);
            continue;
        }
        if (*read)
            hub.publish(userNotificationsTopic(user_id), "notification", data);
    }
}

void publishNotificationsRead(Hub& hub, const std::string& user_id, int64_t unread_count) {
    hub.publish(userNotificationsTopic(user_id), "notifications_read", {{"unread_count", unread_count}});
}

} // namespace fc::server::realtime
