#include "server/store/notification_repository.h"

#include <charconv>

namespace fc::server::store {
namespace {

constexpr size_t kPreviewChars = 200;

// The first max_chars UTF-8 characters of text (never cutting a character in two).
std::string utf8Prefix(const std::string& text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80 && chars++ == max_chars)
            return text.substr(0, i);
    }
    return text;
}

constexpr const char* kViewColumns =
    "SELECT n.id, n.user_id, n.kind, n.read_at IS NOT NULL, n.created_at, n.actor_id, "
    "COALESCE(u.username, ''), COALESCE(u.display_name, ''), n.video_id, COALESCE(v.title, ''), "
    "v.thumbnail_file, COALESCE(v.status, ''), n.comment_id, n.text "
    "FROM notifications n LEFT JOIN users u ON u.id = n.actor_id LEFT JOIN videos v ON v.id = n.video_id ";

NotificationView viewFromRow(const Statement& row) {
    NotificationView view;
    view.id = row.int64(0);
    view.user_id = row.text(1);
    view.kind = row.text(2);
    view.read = row.int64(3) != 0;
    view.created_at_ms = row.int64(4);
    view.actor_id = row.optionalText(5);
    view.actor_username = row.text(6);
    view.actor_display_name = row.text(7);
    view.video_id = row.optionalText(8);
    view.video_title = row.text(9);
    view.video_thumbnail_file = row.optionalText(10);
    view.video_status = row.text(11);
    view.comment_id = row.optionalText(12);
    view.text = row.text(13);
    return view;
}

std::optional<int64_t> parseCursor(const std::string& text) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return std::nullopt;
    return value;
}

} // namespace

std::string_view notificationKindName(NotificationKind kind) {
    switch (kind) {
    case NotificationKind::NewVideo:
        return "new_video";
    case NotificationKind::CommentReply:
        return "comment_reply";
    case NotificationKind::VideoComment:
        return "video_comment";
    case NotificationKind::VideoProcessed:
        return "video_processed";
    case NotificationKind::Invalid:
        break;
    }
    return "";
}

Result<std::optional<int64_t>> insertNotification(Connection& db, const NewNotification& notification,
                                                  int64_t now_ms) {
    if (notification.kind == NotificationKind::Invalid)
        return makeError("invalid_notification", "a notification needs a kind");
    if (notification.actor_id && *notification.actor_id == notification.user_id)
        return std::optional<int64_t>();
    if (auto inserted = db.run("INSERT INTO notifications (user_id, kind, actor_id, video_id, comment_id, text, "
                               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               notification.user_id, notificationKindName(notification.kind),
                               notification.actor_id, notification.video_id, notification.comment_id,
                               utf8Prefix(notification.text, kPreviewChars), now_ms);
        !inserted)
        return inserted.error();
    return std::optional<int64_t>(db.lastInsertRowId());
}

Result<std::optional<NotificationView>> findNotification(Connection& db, int64_t id) {
    auto statement = db.prepare(std::string(kViewColumns) + "WHERE n.id = ?");
    statement.bindAll(id);
    if (!statement.step()) {
        if (statement.error())
            return *statement.error();
        return std::optional<NotificationView>();
    }
    return std::optional<NotificationView>(viewFromRow(statement));
}

Result<NotificationPage> listNotifications(Connection& db, const std::string& user_id, bool unread_only,
                                           int limit, const std::optional<std::string>& cursor_text) {
    std::optional<int64_t> before_id;
    if (cursor_text) {
        before_id = parseCursor(*cursor_text);
        if (!before_id)
            return makeError("invalid_cursor", "cursor is not one this server handed out");
    }
    std::string sql = std::string(kViewColumns) + "WHERE n.user_id = ?1";
    if (unread_only)
        sql += " AND n.read_at IS NULL";
    if (before_id)
        sql += " AND n.id < ?3";
    sql += " ORDER BY n.id DESC LIMIT ?2";
    auto statement = db.prepare(sql);
    statement.bind(1, user_id).bind(2, static_cast<int64_t>(limit) + 1);
    if (before_id)
        statement.bind(3, *before_id);
    NotificationPage page;
    while (statement.step())
        page.items.push_back(viewFromRow(statement));
    if (statement.error())
        return *statement.error();
    if (page.items.size() > static_cast<size_t>(limit)) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = std::to_string(page.items.back().id);
    }
    return page;
}

Result<int64_t> unreadNotificationCount(Connection& db, const std::string& user_id) {
    auto statement = db.prepare("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
    statement.bindAll(user_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("database_error", "no count");
    return statement.int64(0);
}

Result<void> markNotificationsRead(Connection& db, const std::string& user_id, const std::vector<int64_t>& ids,
                                   bool all, int64_t now_ms) {
    if (all)
        return db.run("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", now_ms,
                      user_id);
    for (const int64_t id : ids)
        if (auto marked = db.run("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND "
                                 "read_at IS NULL",
                                 now_ms, id, user_id);
            !marked)
            return marked.error();
    return {};
}

} // namespace fc::server::store
