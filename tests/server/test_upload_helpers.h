#pragma once
// Shared by the upload tests (test_upload*.cpp): raw tus calls, file fingerprints, waiting for a video's
// status.
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/transfer/tus_client.h"
#include "core/util/base64.h"
#include "core/util/hashing.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

namespace fc::test {

inline const std::string kUploadsPath = "/api/v1/uploads";

inline std::string fileSha256(const QString& path) {
    auto digest = sha256FileHex(path.toStdString());
    return digest ? *digest : std::string("unreadable:") + path.toStdString();
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QString writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// Headers every tus request carries, plus the bearer token.
inline transfer::HeaderList tusHeaders(const std::string& token, transfer::HeaderList extra = {}) {
    transfer::HeaderList headers = {{"Tus-Resumable", "1.0.0"}};
    if (!token.empty())
        headers.emplace_back("Authorization", "Bearer " + token);
    for (auto& header : extra)
        headers.push_back(std::move(header));
    return headers;
}

inline std::string metadataPair(const std::string& key, const std::string& value) {
    return key + " " + base64Encode(value);
}

// POST /api/v1/uploads with Upload-Length (or Upload-Defer-Length: 1 when length < 0).
inline ApiReply createUpload(ApiClient& api, const std::string& token, int64_t length,
                             const std::string& metadata = metadataPair("filename", "clip.mp4")) {
    transfer::HttpCall call;
    call.method = "POST";
    call.url = kUploadsPath;
    call.headers = tusHeaders(token);
    if (length >= 0)
        call.headers.emplace_back("Upload-Length", std::to_string(length));
    else
        call.headers.emplace_back("Upload-Defer-Length", "1");
    if (!metadata.empty())
        call.headers.emplace_back("Upload-Metadata", metadata);
    return api.raw(std::move(call));
}

inline ApiReply patchUpload(ApiClient& api, const std::string& token, const std::string& location,
                            int64_t offset, const std::string& body, transfer::HeaderList extra = {}) {
    transfer::HttpCall call;
    call.method = "PATCH";
    call.url = location;
    call.headers = tusHeaders(token, {{"Content-Type", "application/offset+octet-stream"},
                                      {"Upload-Offset", std::to_string(offset)}});
    for (auto& header : extra)
        call.headers.push_back(std::move(header));
    call.body = body;
    return api.raw(std::move(call));
}

inline ApiReply headUpload(ApiClient& api, const std::string& token, const std::string& location) {
    transfer::HttpCall call;
    call.method = "HEAD";
    call.url = location;
    call.headers = tusHeaders(token);
    return api.raw(std::move(call));
}

inline int64_t headerNumber(const ApiReply& reply, const std::string& name) {
    const auto value = reply.raw.header(name);
    return value ? std::stoll(*value) : -1;
}

inline std::string header(const ApiReply& reply, const std::string& name) {
    return reply.raw.header(name).value_or("<missing>");
}

// Polls GET /api/v1/videos/<id> until its status is one of statuses (or the timeout); returns the last body.
inline nlohmann::json waitForVideoStatus(ApiClient& api, const std::string& token,
                                         const std::string& video_id, const std::set<std::string>& statuses,
                                         int timeout_ms = 30000) {
    QElapsedTimer timer;
    timer.start();
    nlohmann::json last;
    while (timer.elapsed() < timeout_ms) {
        const ApiReply reply = api.get("/api/v1/videos/" + video_id, token);
        last = reply.json;
        if (reply.status == 200 && statuses.count(reply.json.value("status", "")))
            return last;
        QThread::msleep(100);
    }
    return last;
}

// Uploads a whole file with the tus client as user; the new video's id, or "" on failure.
inline std::string uploadWithTus(const TestServer& server, const std::string& token, const QString& file,
                                 const std::string& visibility = "public") {
    transfer::TusClient tus(token);
    auto created =
        tus.create(server.url(kUploadsPath), QFileInfo(file).size(),
                   {{"filename", QFileInfo(file).fileName().toStdString()}, {"visibility", visibility}});
    if (!created || !tus.uploadFile(created->upload_url, file.toStdString(), 0))
        return {};
    return created->video_id;
}

// Frames ffprobe decodes from a file or URL (a playlist is followed as a player would).
inline int ffprobeFrames(const QString& url_or_path, const QString& stream) {
    QProcess process;
    process.start("ffprobe", {"-v", "error", "-select_streams", stream, "-count_frames", "-show_entries",
                              "stream=nb_read_frames", "-of", "csv=p=0", url_or_path});
    process.waitForFinished(120000);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed().split('\n').first().toInt();
}

inline QString partFile(const TestServer& server, const std::string& location) {
    const std::string id = location.substr(location.rfind('/') + 1);
    return server.dataDir() + "/uploads/" + QString::fromStdString(id) + ".part";
}

inline QString sourceFile(const TestServer& server, const std::string& video_id) {
    return server.dataDir() + "/media/" + QString::fromStdString(video_id) + "/source";
}

} // namespace fc::test
