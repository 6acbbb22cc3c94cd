#pragma once
// Shared by the comment tests (docs/API.md §13): a real framecastd, users signed up through the API, video
// rows inserted straight into its SQLite file (comments need a video row, not a processed video), and short
// helpers for the comment routes.
#include <optional>
#include <string>
#include <vector>

#include "tests/server/server_fixture.h"

namespace fc::test {

class CommentFixture : public ServerFixture {
public:
    using ServerFixture::ServerFixture;

    // A video row owned by owner; "" on failure.
    std::string video(const SignedUpUser& owner, const std::string& visibility = "public",
                      const std::string& comments_mode = "on") {
        const std::string id = insertVideoRow(owner, visibility);
        if (id.empty() ||
            !m_db->exec("UPDATE videos SET comments_mode = ? WHERE id = ?", {comments_mode, id}))
            return {};
        return id;
    }

    ApiReply post(const std::string& token, const std::string& video_id, const std::string& text,
                  const std::optional<std::string>& parent_id = std::nullopt) {
        nlohmann::json body = {{"text", text}};
        if (parent_id)
            body["parent_id"] = *parent_id;
        return api().call("POST", "/api/v1/videos/" + video_id + "/comments", token, body);
    }

    // The id of a new published comment (test failure when it is not 201).
    std::string comment(const std::string& token, const std::string& video_id, const std::string& text,
                        const std::optional<std::string>& parent_id = std::nullopt) {
        const ApiReply reply = post(token, video_id, text, parent_id);
        if (reply.status != 201) {
            qWarning("POST comment: %d %s", reply.status, reply.raw.body.c_str());
            return {};
        }
        return reply.json.value("id", "");
    }

    ApiReply list(const std::string& video_id, const std::string& token = {}, const std::string& sort = "top",
                  int limit = 20, const std::string& cursor = {}) {
        std::string path =
            "/api/v1/videos/" + video_id + "/comments?sort=" + sort + "&limit=" + std::to_string(limit);
        if (!cursor.empty())
            path += "&cursor=" + cursor;
        return api().get(path, token);
    }

    // Every page of a sort, followed to the end: the ids in order.
    std::vector<std::string> allIds(const std::string& video_id, const std::string& token,
                                    const std::string& sort, int limit) {
        std::vector<std::string> ids;
        std::string cursor;
        for (int page = 0; page < 1000; ++page) {
            const ApiReply reply = list(video_id, token, sort, limit, cursor);
            if (reply.status != 200)
                return {"<HTTP " + std::to_string(reply.status) + ">"};
            for (const auto& item : reply.json["items"])
                ids.push_back(item.value("id", ""));
            if (!reply.json["next_cursor"].is_string())
                break;
            cursor = reply.json["next_cursor"].get<std::string>();
        }
        return ids;
    }

    int64_t videoCommentCount(const std::string& video_id) {
        return std::stoll(
            m_db->scalar("SELECT comment_count FROM videos WHERE id = ?", {video_id}).value_or("-1"));
    }
};

} // namespace fc::test
