#pragma once
// Search tests' shared set-up (docs/API.md §17): a real framecastd, channels renamed through the API, and
// video rows written straight into the database with every field search looks at (the index follows them
// through its triggers). Processing real uploads would take minutes and prove nothing more here.
#include <QtTest>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/server_fixture.h"

namespace fc::test {

struct SearchVideo {
    std::string title{};
    std::string description{};
    std::vector<std::string> tags{};
    std::string category{};
    std::string visibility = "public";
    std::string status = "ready";
    int64_t duration_ms = 60'000;
    int64_t view_count = 0;
    int64_t like_count = 0;
    int64_t dislike_count = 0;
    int64_t age_ms = 60'000; // published this long ago
};

class SearchFixture : public ServerFixture {
public:
    using ServerFixture::ServerFixture;

    // A new video of owner's; "" on failure.
    std::string addVideo(const SignedUpUser& owner, const SearchVideo& video) {
        const std::string id = newId();
        const int64_t published = unixMillisNow() - video.age_ms;
        const bool ok =
            m_db->exec("INSERT INTO videos (id, channel_id, owner_id, title, description, tags, category, "
                       "visibility, status, "
                       "duration_ms, view_count, like_count, dislike_count, playable, created_at, "
                       "updated_at, published_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                       {id, owner.channel_id, owner.id, video.title, video.description,
                        nlohmann::json(video.tags).dump(), video.category, video.visibility, video.status,
                        std::to_string(video.duration_ms), std::to_string(video.view_count),
                        std::to_string(video.like_count), std::to_string(video.dislike_count),
                        std::to_string(published), std::to_string(published), std::to_string(published)});
        return ok ? id : std::string();
    }

    bool renameChannel(const SignedUpUser& owner, const std::string& name,
                       const std::string& description = {}) {
        nlohmann::json body{{"name", name}};
        if (!description.empty())
            body["description"] = description;
        return call("PATCH", "/api/v1/channels/" + owner.channel_id, owner.access_token, body).status == 200;
    }

    // GET /api/v1/search?q=<q><extra> (extra: "&sort=views" etc.).
    ApiReply search(const std::string& q, const std::string& extra = {}, const std::string& token = {}) {
        return call("GET", "/api/v1/search?q=" + percentEncode(q) + extra, token);
    }

    // FTS5's own check of the external-content indexes against the rows they index.
    bool indexesConsistent() {
        return m_db->exec("INSERT INTO video_fts(video_fts) VALUES('integrity-check')") &&
               m_db->exec("INSERT INTO channel_fts(channel_fts) VALUES('integrity-check')");
    }

    static std::string percentEncode(const std::string& text) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : text) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    }
};

// The video ids of a search answer's items, in order.
inline std::vector<std::string> videoIds(const ApiReply& reply) {
    std::vector<std::string> ids;
    for (const auto& item : reply.json.value("items", nlohmann::json::array()))
        if (item.value("kind", "") == "video")
            ids.push_back(item["video"].value("id", ""));
    return ids;
}

inline bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace fc::test
