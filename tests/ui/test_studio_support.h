#pragma once
// Shared by the Studio tests: uploads made test-side (core/transfer's tus client, not the uploads feature),
// the short clip they send, and waiting for a row of the Studio list.
#include <QFileInfo>
#include <QString>
#include <QTest>

#include <optional>
#include <string>

#include "core/transfer/tus_client.h"
#include "tests/support/test_server.h"
#include "tests/ui/app_harness.h"
#include "ui/studio/my_videos_model.h"

namespace fc::test {

struct TestUpload {
    QString video_id;
    std::string upload_url;
};

inline std::string accessToken(AppHarness& harness) {
    return harness.app().api()->tokens().access_token.toStdString();
}

// Creates a tus upload (and so the video, `uploading`) without sending bytes.
inline std::optional<TestUpload> createUpload(const TestServer& server, const std::string& token,
                                              const std::string& title, int64_t length_bytes,
                                              const std::string& visibility = "private") {
    transfer::TusClient tus(token);
    auto created = tus.create(server.url("/api/v1/uploads"), length_bytes,
                              {{"filename", title + ".mp4"}, {"title", title}, {"visibility", visibility}});
    if (!created)
        return std::nullopt;
    return TestUpload{QString::fromStdString(created->video_id), created->upload_url};
}

// 4 s of Big Buck Bunny at 320x180 (processes in a few seconds).
inline QString studioClip(const QString& dir) {
    return makeClip(
        dir, sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 20, 4,
        {"-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "64k"},
        QStringLiteral("bbb_320x180.mp4"));
}

inline QVariant roleOf(const ui::MyVideosModel& model, const QString& video_id, int role) {
    const int row = model.rowOf(video_id);
    return row < 0 ? QVariant() : model.index(row).data(role);
}

} // namespace fc::test
