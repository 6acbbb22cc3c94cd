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

// A notification about a video the recipient may no longer see (made private by its owner) is not shown.
constexpr const char* kVisibleToRecipient =
    " AND (n.video_id IS NULL OR v.visibility != 'private' OR v.owner_id = n.user_id)";

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
    if (auto inserted =
            db.run("INSERT INTO notifications (user_id, kind, actor_id, video_id, comment_id, text, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   notification.user_id, notificationKindName(notification.kind), notification.actor_id,
                   notification.video_id, notification.comment_id,
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
    std::string sql = std::string(kViewColumns) + "WHERE n.user_id = ?1" + kVisibleToRecipient;
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
    auto statement = db.prepare(std::string("SELECT COUNT(*) FROM notifications n LEFT JOIN videos v ON "
                                            "v.id = n.video_id WHERE n.user_id = ? AND n.read_at IS NULL") +
                                kVisibleToRecipient);
    statement.bindAll(user_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("database_error", "no count");
    return statement.int64(0);
}

Result<int64_t> markNotificationsRead(Connection& db, const std::string& user_id,
                                      const std::vector<int64_t>& ids, bool all, int64_t now_ms) {
    if (all) {
        if (auto marked = db.run("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                                 now_ms, user_id);
            !marked)
            return marked.error();
        return db.changes();
    }
    int64_t changed = 0;
    for (const int64_t id : ids) {
        if (auto marked = db.run("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND "
                                 "read_at IS NULL",
                                 now_ms, id, user_id);
            !marked)
            return marked.error();
        changed += db.changes();
    }
    return changed;
}

Result<std::vector<int64_t>> notifySubscribersOfNewVideo(Connection& db, const std::string& video_id,
                                                         int64_t now_ms) {
    // Claiming the flag first makes "once per video" hold whichever path (job or PATCH) gets here first.
    if (auto claimed = db.run("UPDATE videos SET subscribers_notified = 1 WHERE id = ? AND "
                              "subscribers_notified = 0 AND visibility = 'public' AND status = 'ready' AND "
                              "playable = 1",
                              video_id);
        !claimed)
        return claimed.error();
    if (db.changes() == 0)
        return std::vector<int64_t>();
    // One statement for every subscriber, however many. (substr counts characters, as utf8Prefix does.)
    if (auto inserted =
            db.run("INSERT INTO notifications (user_id, kind, actor_id, video_id, text, created_at) "
                   "SELECT s.user_id, 'new_video', v.owner_id, v.id, substr(v.title, 1, ?), ? "
                   "FROM videos v JOIN subscriptions s ON s.channel_id = v.channel_id "
                   "WHERE v.id = ? AND s.user_id != v.owner_id",
                   static_cast<int64_t>(kPreviewChars), now_ms, video_id);
        !inserted)
        return inserted.error();
    // notifications.id is an INTEGER PRIMARY KEY without AUTOINCREMENT and this is the only writer: the rows
    // of one INSERT take consecutive ids (max + 1, ...), so they are the last changes() ids up to the last
    // one.
    const int64_t count = db.changes();
    const int64_t last = db.lastInsertRowId();
    std::vector<int64_t> ids;
    ids.reserve(static_cast<size_t>(count));
    for (int64_t id = last - count + 1; id <= last; ++id)
        ids.push_back(id);
    return ids;
}

Result<std::vector<int64_t>> notifyProcessingEnded(Connection& db, const std::string& video_id,
                                                   int64_t now_ms) {
    std::string owner_id;
    std::string title;
    bool ready = false;
    { // (the read statement ends before the writes below)
        auto statement = db.prepare("SELECT owner_id, title, status FROM videos WHERE id = ?");
        statement.bindAll(video_id);
        if (!statement.step()) {
            if (statement.error())
                return *statement.error();
            return std::vector<int64_t>(); // deleted meanwhile
        }
        owner_id = statement.text(0);
        title = statement.text(1);
        ready = statement.text(2) == "ready";
    }
    std::vector<int64_t> ids;
    auto processed = insertNotification(
        db, {owner_id, NotificationKind::VideoProcessed, std::nullopt, video_id, std::nullopt, title},
        now_ms);
    if (!processed)
        return processed.error();
    if (*processed)
        ids.push_back(**processed);
    if (!ready)
        return ids;
    auto fanned_out = notifySubscribersOfNewVideo(db, video_id, now_ms);
    if (!fanned_out)
        return fanned_out.error();
    ids.insert(ids.end(), fanned_out->begin(), fanned_out->end());
    return ids;
}

} // namespace fc::server::store
