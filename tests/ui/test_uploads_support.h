#pragma once
// Shared by the upload queue tests: clips, the app's queue and rows, waiting for a row's state, and what the
// server says about an upload (tus HEAD) or a video (GET with the owner's token).
#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QFile>
#include <QTest>
#include <QUrl>

#include <memory>
#include <string>

#include "core/transfer/tus_client.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "tests/ui/app_harness.h"
#include "ui/uploads/uploads_controller.h"

namespace fc::test {

using ui::UploadQueueModel;
namespace UploadState = ui::UploadState;

// A stream copy of Big Buck Bunny from 10 s on: about 65 kB per second of clip.
inline QString uploadClip(const QString& dir, double seconds, const QString& name) {
    return makeClip(dir, sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 10, seconds, {}, name);
}

inline QString fileSha256(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

inline ui::UploadsController& uploads(AppHarness& harness) {
    return *harness.app().uploads();
}

inline UploadQueueModel& queue(AppHarness& harness) {
    return *harness.app().uploads()->queue();
}

// Fails the test at the first inconsistency the model reports.
inline std::unique_ptr<QAbstractItemModelTester> testModel(AppHarness& harness) {
    return std::make_unique<QAbstractItemModelTester>(&queue(harness),
                                                      QAbstractItemModelTester::FailureReportingMode::Fatal);
}

inline QVariant role(AppHarness& harness, int row, int role) {
    return queue(harness).index(row).data(role);
}

inline int stateOf(AppHarness& harness, int row) {
    return role(harness, row, UploadQueueModel::StateRole).toInt();
}

inline qint64 acknowledgedOf(AppHarness& harness, int row) {
    return role(harness, row, UploadQueueModel::BytesAcknowledgedRole).toLongLong();
}

inline QString describeRow(AppHarness& harness, int row) {
    return QStringLiteral("state %1: %2 [%3]")
        .arg(stateOf(harness, row))
        .arg(role(harness, row, UploadQueueModel::StateTextRole).toString(),
             role(harness, row, UploadQueueModel::ProgressTextRole).toString());
}

inline bool waitForState(AppHarness& harness, int row, UploadState::Value state, int timeout_ms = 20000) {
    return QTest::qWaitFor([&] { return stateOf(harness, row) == state; }, timeout_ms);
}

inline void addFile(AppHarness& harness, const QString& path) {
    uploads(harness).addFiles({QUrl::fromLocalFile(path)});
}

inline std::string appToken(AppHarness& harness) {
    return harness.app().api()->tokens().access_token.toStdString();
}

// The server's offset for the row's upload (tus HEAD), or -status when it refused (e.g. -404).
inline int64_t serverOffset(const TestServer& server, const std::string& token, const QString& upload_path) {
    transfer::TusClient tus(token);
    auto offset = tus.queryOffset(server.url(upload_path.toStdString()));
    if (offset)
        return offset->offset_bytes;
    return -tus.lastRefusal().http_status;
}

inline QString uploadPathOf(AppHarness& harness, int row) {
    const ui::UploadItem* item = queue(harness).at(row);
    return item ? item->upload_path : QString();
}

inline QString videoIdOf(AppHarness& harness, int row) {
    return role(harness, row, UploadQueueModel::VideoIdRole).toString();
}

} // namespace fc::test
