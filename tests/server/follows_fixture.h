#pragma once
// Shared by the ratings, subscriptions and notifications tests (docs/API.md §14–15): a real framecastd, users
// signed up through the API, and video rows inserted straight into its SQLite file in the state a test needs
// (processed or not, public or not, a known published_at) so lists can be checked without processing.
#include <string>
#include <vector>

#include "tests/server/server_fixture.h"

namespace fc::test {

struct VideoState {
    std::string visibility = "public";
    std::string status = "ready";
    bool playable = true;
    int64_t published_at_ms = 0; // 0: now; ignored (NULL) when never public
};

class FollowsFixture : public ServerFixture {
public:
    using ServerFixture::ServerFixture;

    // A video row of owner's in the given state; "" on failure.
    std::string video(const SignedUpUser& owner, const VideoState& state = {},
                      const std::string& title = "A video") {
        const std::string id = insertVideoRow(owner, state.visibility, state.status, title);
        if (id.empty())
            return {};
        const std::string published =
            std::to_string(state.published_at_ms ? state.published_at_ms : unixMillisNow());
        if (!m_db->exec(
                "UPDATE videos SET playable = ?, published_at = CASE WHEN ? = 'private' THEN NULL ELSE "
                "CAST(? AS INTEGER) END WHERE id = ?",
                {state.playable ? "1" : "0", state.visibility, published, id}))
            return {};
        return id;
    }
};

// The "id" of every item of a list reply.
inline std::vector<std::string> itemIds(const nlohmann::json& page) {
    return idsOf(page.value("items", nlohmann::json::array()));
}

} // namespace fc::test
