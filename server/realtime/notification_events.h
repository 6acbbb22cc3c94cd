#pragma once
// The events published on "user:<id>:notifications", and the one JSON form of a notification (the list route
// uses it too).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/realtime/hub.h"
#include "server/store/database.h"
#include "server/store/notification_repository.h"

namespace fc::server::realtime {

std::string userNotificationsTopic(const std::string& user_id);

// {"id","kind","read","created_at","actor"|null,"video"|null,"comment_id"|null,"text"} (+"status" for
// video_processed), as docs/API.md §15 describes.
nlohmann::json notificationToJson(const store::NotificationView& notification);

// After the transaction that inserted them committed: reads each notification and pushes
// "notification" {notification, unread_count} to its recipient. Call from a worker thread (it reads the DB).
void publishNotifications(store::Database& database, Hub& hub, const std::vector<int64_t>& ids);

// "notifications_read" {unread_count}.
void publishNotificationsRead(Hub& hub, const std::string& user_id, int64_t unread_count);

} // namespace fc::server::realtime
