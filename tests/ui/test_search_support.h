#pragma once
// Shared by the search tests (test_search_models, test_search_pages): a small known corpus of listed videos
// written straight into the server's database (discovery lists only public, ready videos, and processing
// real uploads takes 10–30 s each; the media does not matter to search), and reading models by role name.
#include <QAbstractItemModel>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"

namespace fc::test {

struct CorpusVideo {
    std::string title;
    std::string description;
    std::vector<std::string> tags;
    std::string category;
    int64_t duration_ms = 5 * 60 * 1000;
    int64_t view_count = 0;
    int64_t age_ms = 60 * 60 * 1000; // published this long ago
    std::string visibility = "public";
};

inline int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Inserts a public, ready video of owner's channel as processing would leave it; its id, or "" on failure.
inline std::string insertListedVideo(DirectDatabase& db, const SignedUpUser& owner,
                                     const CorpusVideo& video) {
    const std::string id = newId();
    const int64_t published = nowMs() - video.age_ms;
    const bool ok = db.exec(
        "INSERT INTO videos (id, channel_id, owner_id, title, description, tags, category, visibility, "
        "status, "
        "playable, source_filename, source_size_bytes, source_sha256, duration_ms, view_count, created_at, "
        "updated_at, published_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ready', 1, 'clip.mp4', 1234, ?, ?, ?, ?, ?, ?)",
        {id, owner.channel_id, owner.id, video.title, video.description, nlohmann::json(video.tags).dump(),
         video.category, video.visibility, "sha-" + id, std::to_string(video.duration_ms),
         std::to_string(video.view_count), std::to_string(published), std::to_string(published),
         std::to_string(published)});
    return ok ? id : std::string();
}

// The role of a model by its QML name ("videoId").
inline int roleOf(const QAbstractItemModel& model, const QByteArray& name) {
    const auto roles = model.roleNames();
    for (auto it = roles.begin(); it != roles.end(); ++it)
        if (it.value() == name)
            return it.key();
    return -1;
}

// One role (by QML name) of every row, in row order.
inline QStringList columnOf(const QAbstractItemModel& model, const QByteArray& name) {
    QStringList values;
    const int role = roleOf(model, name);
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, 0).data(role).toString());
    return values;
}

inline QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace fc::test
