#pragma once
// Shared by the trending tests (docs/API.md §17): a real framecastd that refreshes the ranking every second,
// video rows inserted straight into its SQLite file (4 s long and playable, so a view needs 2 s watched and 1
// s of wall time), engagement made through the real API (views through /playback + /events heartbeats,
// ratings, comments, shares) or, for engagement that must be old, bucket rows written directly.
#include <QThread>

#include <string>
#include <vector>

#include "tests/server/server_fixture.h"

namespace fc::test {

class TrendingFixture : public ServerFixture {
public:
    TrendingFixture() : ServerFixture({"--trending-refresh-s", "1"}) {}

    static constexpr int64_t kHourMs = 3'600'000;

    // A listed-looking video row (public, ready and playable unless told otherwise); "" on failure.
    std::string video(const SignedUpUser& owner, const std::string& visibility = "public",
                      const std::string& category = "", const std::string& status = "ready") {
        const std::string id = insertVideoRow(owner, visibility, status);
        if (id.empty() || !m_db->exec("UPDATE videos SET playable = 1, duration_ms = 4000, category = ? "
                                      "WHERE id = ?",
                                      {category, id}))
            return {};
        return id;
    }

    // Engagement written straight into a bucket `hours_ago` hours before the current one.
    bool addBucket(const std::string& video_id, int64_t hours_ago, int views, int likes, int comments,
                   int shares) {
        const int64_t hour = unixMillisNow() / kHourMs - hours_ago;
        return m_db->exec("INSERT INTO engagement_hourly (video_id, hour, views, likes, comments, shares) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          {video_id, std::to_string(hour), std::to_string(views), std::to_string(likes),
                           std::to_string(comments), std::to_string(shares)});
    }

    // The sum of one column of engagement_hourly for the video (views, likes, comments, shares).
    int64_t engagement(const std::string& video_id, const std::string& column) {
        return scalarInt("SELECT COALESCE(SUM(" + column + "), 0) FROM engagement_hourly WHERE video_id = ?",
                         {video_id});
    }

    int rate(const SignedUpUser& user, const std::string& video_id, const std::string& rating) {
        return call("PUT", "/api/v1/videos/" + video_id + "/rating", user.access_token,
                    nlohmann::json{{"rating", rating}})
            .status;
    }

    // `count` views of the video, each its own playback session (anonymous), counted by real heartbeats.
    bool view(const std::string& video_id, int count) {
        std::vector<std::string> sessions;
        for (int i = 0; i < count; ++i)
            sessions.push_back(
                api().get("/api/v1/videos/" + video_id + "/playback").json.value("playback_session_id", ""));
        QThread::msleep(1100); // the view's wall-time guard: half the 2 s threshold
        for (const std::string& session : sessions) {
            const auto sent = call(
                "POST", "/api/v1/events", {},
                nlohmann::json{{"playback_session_id", session},
                               {"video_id", video_id},
                               {"events", {{{"type", "heartbeat"}, {"at_ms", 3000}, {"watched_s", 2.5}}}}});
            if (session.empty() || sent.status != 202)
                return false;
        }
        return true;
    }

    ApiReply trending(const std::string& query, const std::string& token = {}) {
        return api().get("/api/v1/videos/trending" + query, token);
    }

    // The video ids of a reply's items, in order.
    static std::vector<std::string> videoIds(const ApiReply& reply) {
        std::vector<std::string> ids;
        for (const auto& item : reply.json["items"])
            ids.push_back(item["video"].value("id", ""));
        return ids;
    }

    // Every id of a window (one page of 100).
    std::vector<std::string> ranked(const std::string& time_range, const std::string& token = {}) {
        return videoIds(trending("?limit=100&time_range=" + time_range, token));
    }

    static double scoreOf(const ApiReply& reply, const std::string& video_id) {
        for (const auto& item : reply.json["items"])
            if (item["video"].value("id", "") == video_id)
                return item.value("score", -1.0);
        return -1.0;
    }

    // Waits (polling, up to 20 s) for a refresh that started after everything written so far.
    bool waitForRefresh() {
        const int64_t written_ms = unixMillisNow();
        for (int attempt = 0; attempt < 200; ++attempt) {
            const auto reply = trending("?time_range=day&limit=1");
            if (reply.json["computed_at"].is_string())
                if (auto at = parseRfc3339(reply.json["computed_at"].get<std::string>());
                    at && *at > written_ms)
                    return true;
            QThread::msleep(100);
        }
        return false;
    }
};

inline int indexOf(const std::vector<std::string>& ids, const std::string& id) {
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id)
            return static_cast<int>(i);
    return -1;
}

} // namespace fc::test
