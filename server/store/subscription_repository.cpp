#include "server/store/subscription_repository.h"

#include "server/store/page_cursor.h"

namespace fc::server::store {
namespace {

struct KeyedRow {
    std::string id;
    int64_t key_ms = 0;
};

// Runs a keyset query whose first parameter is the user id, optional cursor parameters next ("key < ? OR
// (key = ? AND id < ?)") and the limit last; rows are (id, key). One row more than the page tells whether
// another page follows.
Result<std::vector<KeyedRow>> keyedRows(Connection& db, const std::string& sql_before_cursor,
                                        const std::string& cursor_condition, const std::string& order,
                                        const std::string& user_id, int limit,
                                        const std::optional<PageCursor>& cursor) {
    std::string sql = sql_before_cursor;
    if (cursor)
        sql += cursor_condition;
    sql += order;
    auto statement = db.prepare(sql);
    int index = 1;
    statement.bind(index++, user_id);
    if (cursor) {
        statement.bind(index++, cursor->created_at_ms);
        statement.bind(index++, cursor->created_at_ms);
        statement.bind(index++, cursor->id);
    }
    statement.bind(index, limit + 1);
    std::vector<KeyedRow> rows;
    while (statement.step())
        rows.push_back({statement.text(0), statement.int64(1)});
    if (statement.error())
        return *statement.error();
    return rows;
}

Result<std::optional<PageCursor>> decodeCursor(const std::optional<std::string>& text) {
    if (!text)
        return std::optional<PageCursor>();
    auto cursor = decodePageCursor(*text);
    if (!cursor)
        return makeError("invalid_cursor", "cursor is not one this server handed out");
    return cursor;
}

} // namespace

Result<SubscriptionState> readSubscription(Connection& db, const std::string& user_id,
                                           const std::string& channel_id) {
    auto statement = db.prepare("SELECT c.subscriber_count, EXISTS (SELECT 1 FROM subscriptions s WHERE "
                                "s.user_id = ? AND s.channel_id = c.id) FROM channels c WHERE c.id = ?");
    statement.bindAll(user_id, channel_id);
    if (!statement.step())
        return statement.error() ? *statement.error() : makeError("channel_not_found", "no such channel");
    return SubscriptionState{statement.int64(1) != 0, statement.int64(0)};
}

Result<SubscriptionState> changeSubscription(Connection& db, const std::string& user_id,
                                             const std::string& channel_id, SubscriptionChange change,
                                             int64_t now_ms) {
    const bool subscribe = change == SubscriptionChange::Subscribe;
    auto changed = subscribe ? db.run("INSERT OR IGNORE INTO subscriptions (user_id, channel_id, created_at) "
                                      "VALUES (?, ?, ?)",
                                      user_id, channel_id, now_ms)
                             : db.run("DELETE FROM subscriptions WHERE user_id = ? AND channel_id = ?",
                                      user_id, channel_id);
    if (!changed)
        return changed.error();
    if (db.changes() > 0)
        if (auto counted = db.run("UPDATE channels SET subscriber_count = subscriber_count + ? WHERE id = ?",
                                  int64_t{subscribe ? 1 : -1}, channel_id);
            !counted)
            return counted.error();
    return readSubscription(db, user_id, channel_id);
}

Result<ChannelPage> listSubscriptions(Connection& db, const std::string& user_id, int limit,
                                      const std::optional<std::string>& cursor_text) {
    auto cursor = decodeCursor(cursor_text);
    if (!cursor)
        return cursor.error();
    auto rows = keyedRows(db, "SELECT s.channel_id, s.created_at FROM subscriptions s WHERE s.user_id = ?",
                          " AND (s.created_at < ? OR (s.created_at = ? AND s.channel_id < ?))",
                          " ORDER BY s.created_at DESC, s.channel_id DESC LIMIT ?", user_id, limit, *cursor);
    if (!rows)
        return rows.error();
    ChannelPage page;
    for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
        auto channel = findChannel(db, (*rows)[i].id);
        if (!channel)
            return channel.error();
        if (*channel) // (a channel deleted meanwhile takes its subscription rows with it)
            page.items.push_back(std::move(**channel));
    }
    if (rows->size() > static_cast<size_t>(limit)) {
        const KeyedRow& last = (*rows)[static_cast<size_t>(limit) - 1];
        page.next_cursor = encodePageCursor({last.key_ms, last.id});
    }
    return page;
}

Result<VideoPage> listSubscriptionFeed(Connection& db, const std::string& user_id, int limit,
                                       const std::optional<std::string>& cursor_text) {
    auto cursor = decodeCursor(cursor_text);
    if (!cursor)
        return cursor.error();
    // The visibility and playable terms are spelled as in the partial index videos_channel_feed.
    auto rows = keyedRows(db,
                          "SELECT v.id, v.published_at FROM subscriptions s JOIN videos v ON "
                          "v.channel_id = s.channel_id WHERE s.user_id = ? AND v.visibility = 'public' AND "
                          "v.playable = 1 AND v.published_at IS NOT NULL",
                          " AND (v.published_at < ? OR (v.published_at = ? AND v.id < ?))",
                          " ORDER BY v.published_at DESC, v.id DESC LIMIT ?", user_id, limit, *cursor);
    if (!rows)
        return rows.error();
    VideoPage page;
    for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
        auto video = findVideo(db, (*rows)[i].id);
        if (!video)
            return video.error();
        if (*video)
            page.items.push_back(std::move(**video));
    }
    if (rows->size() > static_cast<size_t>(limit)) {
        const KeyedRow& last = (*rows)[static_cast<size_t>(limit) - 1];
        page.next_cursor = encodePageCursor({last.key_ms, last.id});
    }
    return page;
}

} // namespace fc::server::store
