#pragma once
// Notifications: one row per recipient, written inside the transaction of whatever caused them (a comment, a
// finished job, a video going public) and pushed on "user:<id>:notifications" after it commits
// (realtime/notification_events.h).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

enum class NotificationKind { Invalid = 0, NewVideo, CommentReply, VideoComment, VideoProcessed };

std::string_view notificationKindName(NotificationKind kind); // "new_video", "comment_reply", ...

struct NewNotification {
    std::string user_id; // the recipient
    NotificationKind kind = NotificationKind::Invalid;
    std::optional<std::string> actor_id;
    std::optional<std::string> video_id;
    std::optional<std::string> comment_id;
    std::string text; // a preview: the comment's text or the video's title (cut to 200 characters here)
};

// Inserts one notification; nobody is told of their own action (actor == recipient: nothing inserted,
// nullopt). Returns the new row id for publishing after the commit.
Result<std::optional<int64_t>> insertNotification(Connection& db, const NewNotification& notification,
                                                  int64_t now_ms);

struct NotificationView {
    int64_t id = 0;
    std::string user_id;
    std::string kind;
    bool read = false;
    int64_t created_at_ms = 0;
    std::optional<std::string> actor_id; // with actor_username / actor_display_name when set
    std::string actor_username;
    std::string actor_display_name;
    std::optional<std::string> video_id; // with the video's title, thumbnail file and status when set
    std::string video_title;
    std::optional<std::string> video_thumbnail_file;
    std::string video_status;
    std::optional<std::string> comment_id;
    std::string text;
};

// The owner's "video_processed" for a video whose processing just ended (the object shows "ready" or "failed"
// from the video's status) and, when it ended ready, the subscribers' "new_video" (below). Call inside the
// write that ended processing; returns the new ids for realtime::publishNotifications after the commit.
Result<std::vector<int64_t>> notifyProcessingEnded(Connection& db, const std::string& video_id,
                                                   int64_t now_ms);

// "new_video" to every subscriber of the video's channel, once per video: only while the video is public and
// ready and its subscribers were not told yet (videos.subscribers_notified, set here). Call inside the write
// that may have made it so (the end of processing, a PATCH to public); returns the new ids (none otherwise).
Result<std::vector<int64_t>> notifySubscribersOfNewVideo(Connection& db, const std::string& video_id,
                                                         int64_t now_ms);

Result<std::optional<NotificationView>> findNotification(Connection& db, int64_t id);

struct NotificationPage {
    std::vector<NotificationView> items;
    std::optional<std::string> next_cursor;
};

// Newest first. A malformed cursor is the error "invalid_cursor". Notifications about a video that has since
// become private (and is not the recipient's) are left out of the list and the unread count, so its title
// does not leak; they come back if it is made visible again.
Result<NotificationPage> listNotifications(Connection& db, const std::string& user_id, bool unread_only,
                                           int limit, const std::optional<std::string>& cursor);
Result<int64_t> unreadNotificationCount(Connection& db, const std::string& user_id);

// Marks the user's notifications with these ids read (others' ids are ignored); all: every one. Returns how
// many were unread and are now read.
Result<int64_t> markNotificationsRead(Connection& db, const std::string& user_id,
                                      const std::vector<int64_t>& ids, bool all, int64_t now_ms);

} // namespace fc::server::store
