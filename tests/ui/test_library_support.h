#pragma once
// Shared by the library tests (test_library_models, test_comment_review, test_library_pages): the other
// users' side through REST (tests/support ApiClient), quick unprocessed videos and one really processed one,
// and reading a list model's roles.
#include <QAbstractItemModel>
#include <QStringList>
#include <QTest>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/ui/test_studio_support.h"

namespace fc::test {

// A public video row made without bytes (status uploading): enough for history, playlists and comments.
inline std::string quickPublicVideo(const TestServer& server, const std::string& token,
                                    const std::string& title) {
    const auto upload = createUpload(server, token, title, 1000, "public");
    return upload ? upload->video_id.toStdString() : std::string();
}

// A public video really uploaded and processed from the Studio's 4 s clip (ready, with a thumbnail); "" on
// failure. Takes ~10 s.
inline std::string processedPublicVideo(const TestServer& server, ApiClient& api, const std::string& token,
                                        const QString& clip, const std::string& title) {
    const auto upload = createUpload(server, token, title, QFileInfo(clip).size(), "public");
    if (!upload)
        return {};
    transfer::TusClient tus(token);
    if (!tus.uploadFile(upload->upload_url, clip.toStdString(), 0))
        return {};
    const std::string id = upload->video_id.toStdString();
    const nlohmann::json video = waitForVideoStatus(api, token, id, {"ready", "failed"}, 60000);
    return video.value("status", "") == "ready" ? id : std::string();
}

// The ids of a server list's items; item_key: "" for the item itself, else the field holding the object
// ("video").
inline QStringList serverIds(ApiClient& api, const std::string& path, const std::string& token,
                             const std::string& item_key = {}) {
    QStringList ids;
    const ApiReply reply = api.get(path, token);
    if (reply.status != 200 || !reply.json.contains("items"))
        return {
            QStringLiteral("<HTTP %1 %2>").arg(reply.status).arg(QString::fromStdString(reply.errorCode()))};
    for (const auto& item : reply.json["items"]) {
        const auto& object = item_key.empty() ? item : item[item_key];
        ids.append(QString::fromStdString(object.value("id", "")));
    }
    return ids;
}

// One role of every row, in row order.
inline QStringList column(const QAbstractItemModel& model, int role) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, 0).data(role).toString());
    return values;
}

inline QStringList qids(const std::vector<std::string>& ids) {
    QStringList result;
    for (const auto& id : ids)
        result.append(QString::fromStdString(id));
    return result;
}

} // namespace fc::test
