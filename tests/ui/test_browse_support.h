#pragma once
// Shared by the browsing tests (test_browse_models, test_browse_pages): a small listed corpus made quickly —
// video rows written straight into the server's database as processing would leave them (public, ready, with
// category, views and publication time; docs/API.md §17 lists only such videos), and trending engagement
// made through the real API (likes and shares of other users). The server ranks trending and refreshes
// recommendations every second.
#include <QDateTime>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

namespace fc::test {

// framecastd arguments for browsing tests: rankings recomputed every second.
inline QStringList browseServerArgs() {
    return {QStringLiteral("--trending-refresh-s"), QStringLiteral("1"), QStringLiteral("--recs-refresh-s"),
            QStringLiteral("1")};
}

struct ListedVideo {
    std::string title;
    std::string category;
    int64_t view_count = 0;
    int age_days = 0; // published this many days ago
    std::string visibility = "public";
    std::string tags = "[]"; // JSON array
};

// The creator's channel with six listed videos (and a private one), another channel with three, and trending
// engagement on three of the creator's. Categories: Music 4, Film 3, Gaming 2.
class BrowseCorpus {
public:
    // Titles, newest published first: the channel's "newest" order.
    static QStringList newestTitles() {
        return {QStringLiteral("Trend A"),        QStringLiteral("Trend B"),
                QStringLiteral("Trend C"),        QStringLiteral("Bunny in the park"),
                QStringLiteral("Bunny at night"), QStringLiteral("Cooking pasta")};
    }
    // Most viewed first: the "popular" order.
    static QStringList popularTitles() {
        return {QStringLiteral("Bunny at night"),    QStringLiteral("Cooking pasta"),
                QStringLiteral("Bunny in the park"), QStringLiteral("Trend C"),
                QStringLiteral("Trend B"),           QStringLiteral("Trend A")};
    }
    // Trending (likes weigh more than shares): A (2 likes, 1 share), B (1 like), C (1 share).
    static QStringList trendingTitles() {
        return {QStringLiteral("Trend A"), QStringLiteral("Trend B"), QStringLiteral("Trend C")};
    }

    bool make(const TestServer& server, ApiClient& api) {
        m_db = std::make_unique<DirectDatabase>(server.dataDir());
        auto creator = api.signUp("creator");
        auto other = api.signUp("other");
        auto fan1 = api.signUp("fan");
        auto fan2 = api.signUp("fan");
        if (!m_db->isOpen() || !creator || !other || !fan1 || !fan2)
            return false;
        m_creator = *creator;
        for (const ListedVideo& video :
             {ListedVideo{"Other one", "Gaming", 50, 7}, ListedVideo{"Other two", "Film", 60, 8},
              ListedVideo{"Other three", "Music", 70, 9}})
            if (!insert(*other, video))
                return false;
        const ListedVideo videos[] = {
            {"Trend A", "Music", 10, 1},
            {"Trend B", "Gaming", 20, 2},
            {"Trend C", "Music", 30, 3},
            {"Bunny in the park", "Film", 400, 4, "public", R"(["bunny","park"])"},
            {"Bunny at night", "Film", 9000, 5, "public", R"(["bunny","night"])"},
            {"Cooking pasta", "Music", 1500, 6},
            {"Secret bunny", "Film", 99999, 0, "private"},
        };
        for (const ListedVideo& video : videos)
            if (!insert(m_creator, video))
                return false;
        // Trending engagement, counted by the writes themselves.
        const auto like = [&](const SignedUpUser& user, const std::string& title) {
            return api.call("PUT", "/api/v1/videos/" + id(title) + "/rating", user.access_token,
                            nlohmann::json{{"rating", "like"}})
                       .status == 200;
        };
        const auto share = [&](const SignedUpUser& user, const std::string& title) {
            return api.get("/api/v1/videos/" + id(title) + "/share", user.access_token).status == 200;
        };
        return like(*fan1, "Trend A") && like(*fan2, "Trend A") && like(*fan1, "Trend B") &&
               share(*fan1, "Trend A") && share(*fan2, "Trend C");
    }

    const SignedUpUser& creator() const { return m_creator; }
    std::string id(const std::string& title) const {
        const auto found = m_ids.find(title);
        return found == m_ids.end() ? std::string() : found->second;
    }
    QString qid(const std::string& title) const { return QString::fromStdString(id(title)); }

private:
    bool insert(const SignedUpUser& owner, const ListedVideo& video) {
        const int64_t published_ms =
            QDateTime::currentMSecsSinceEpoch() - int64_t(video.age_days) * 86400000 - 60000;
        DirectDatabase::VideoRow row;
        row.id = fc::newId();
        row.channel_id = owner.channel_id;
        row.owner_id = owner.id;
        row.title = video.title;
        row.visibility = video.visibility;
        row.created_at_ms = published_ms;
        if (!m_db->insertVideo(row))
            return false;
        m_ids[video.title] = row.id;
        return m_db->exec(
            "UPDATE videos SET category = ?, view_count = ?, published_at = ?, duration_ms = ?, "
            "tags = ?, description = ? WHERE id = ?",
            {video.category, std::to_string(video.view_count), std::to_string(published_ms), "95000",
             video.tags, "About " + video.title, row.id});
    }

    std::unique_ptr<DirectDatabase> m_db;
    SignedUpUser m_creator;
    std::map<std::string, std::string> m_ids;
};

} // namespace fc::test
