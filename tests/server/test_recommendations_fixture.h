#pragma once
// A real framecastd whose recommendation model refreshes every second (--recs-refresh-s 1), video rows
// written straight into its database with the fields the model reads (title, tags, description, category,
// duration, views, published_at), and history made through the real API (POST /videos/:id/watch-position).
// Shared by test_recommendations and test_related.
#include <QtTest>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/server_fixture.h"

namespace fc::test {

struct RecsVideoSpec {
    std::string title = "Test video";
    std::vector<std::string> tags = {};
    std::string description = {};
    std::string category = {};
    std::string visibility = "public";
    std::string status = "ready";
    int64_t duration_ms = 100000;
    int64_t view_count = 0;
    int64_t age_days = 3; // published this long ago
};

class RecsFixture : public ServerFixture {
public:
    RecsFixture() : ServerFixture({"--recs-refresh-s", "1", "--trending-refresh-s", "1"}) {}

    // A video row of owner's; "" on failure.
    std::string video(const SignedUpUser& owner, const RecsVideoSpec& spec) {
        const std::string id = insertVideoRow(owner, spec.visibility, spec.status, spec.title);
        if (id.empty())
            return id;
        const int64_t now = unixMillisNow();
        const bool updated = m_db->exec(
            "UPDATE videos SET tags = ?, description = ?, category = ?, duration_ms = ?, view_count = ?, "
            "published_at = ?, playable = 1, updated_at = ? WHERE id = ?",
            {nlohmann::json(spec.tags).dump(), spec.description, spec.category,
             std::to_string(spec.duration_ms), std::to_string(spec.view_count),
             std::to_string(now - spec.age_days * 86400000LL), std::to_string(now), id});
        return updated ? id : std::string();
    }

    // Saves a watch position (the history entry and its watch fraction); the HTTP status.
    int watch(const SignedUpUser& viewer, const std::string& video_id, double position_s) {
        return call("POST", "/api/v1/videos/" + video_id + "/watch-position", viewer.access_token,
                    nlohmann::json{{"position_s", position_s}})
            .status;
    }

    ApiReply feed(const std::string& token, const std::string& query = "?limit=100") {
        return call("GET", "/api/v1/recommendations" + query, token);
    }
    ApiReply related(const std::string& video_id, const std::string& token = {},
                     const std::string& query = "?limit=50") {
        return call("GET", "/api/v1/videos/" + video_id + "/related" + query, token);
    }

    // The whole feed, page by page (at most `pages`); empty when a page failed.
    std::vector<nlohmann::json> wholeFeed(const std::string& token, int limit = 100, int pages = 20) {
        std::vector<nlohmann::json> items;
        std::string cursor;
        for (int page = 0; page < pages; ++page) {
            const auto reply =
                feed(token, "?limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor));
            if (reply.status != 200)
                return {};
            for (const auto& item : reply.json["items"])
                items.push_back(item);
            if (!reply.json["next_cursor"].is_string())
                break;
            cursor = reply.json["next_cursor"].get<std::string>();
        }
        return items;
    }

    // Polls (every 200 ms) until the condition holds or timeout_ms passed; the model refreshes every second.
    static bool waitFor(const std::function<bool()>& condition, int timeout_ms = 20000) {
        QElapsedTimer timer;
        timer.start();
        while (!condition()) {
            if (timer.elapsed() > timeout_ms)
                return false;
            QTest::qWait(200);
        }
        return true;
    }

    std::string channelName(const std::string& channel_id) {
        return call("GET", "/api/v1/channels/" + channel_id).json.value("name", "");
    }
};

inline std::vector<std::string> videoIdsOf(const std::vector<nlohmann::json>& items) {
    std::vector<std::string> ids;
    for (const auto& item : items)
        ids.push_back(item["video"].value("id", ""));
    return ids;
}

inline std::vector<std::string> videoIdsOf(const nlohmann::json& items) {
    return videoIdsOf(std::vector<nlohmann::json>(items.begin(), items.end()));
}

inline bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The item of this video in a list, or null.
inline nlohmann::json itemOf(const nlohmann::json& items, const std::string& video_id) {
    for (const auto& item : items)
        if (item["video"].value("id", "") == video_id)
            return item;
    return nullptr;
}

inline size_t positionOf(const std::vector<std::string>& ids, const std::string& id) {
    return static_cast<size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

} // namespace fc::test
