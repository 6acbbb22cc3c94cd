#include "ui/uploads/upload_outcome.h"

#include <algorithm>

namespace fc::ui {
namespace {

constexpr qint64 kFirstRetryMs = 2000;
constexpr qint64 kMaxRetryMs = 60000;

QString withServerMessage(const QString& lead, const UploadOutcome& outcome) {
    const QString detail = outcome.server_message.isEmpty() ? outcome.message : outcome.server_message;
    return detail.isEmpty() ? lead : lead + QStringLiteral(": ") + detail;
}

} // namespace

qint64 retryDelayMs(int failures) {
    const int doublings = std::clamp(failures - 1, 0, 10);
    return std::min(kMaxRetryMs, kFirstRetryMs << doublings);
}

UploadDecision decideAfterFailure(const UploadOutcome& outcome, const QString& server) {
    const QString& code = outcome.code;
    // Local problems with the file: uploading again would not help (or would send the wrong bytes).
    if (code == QLatin1String("file_missing") || code == QLatin1String("file_changed") ||
        code == QLatin1String("file_unreadable"))
        return {UploadAction::Fail, outcome.message};

    const int status = outcome.http_status;
    if (status == 0) {
        if (code == QLatin1String("timeout"))
            return {UploadAction::RetryLater,
                    QStringLiteral("The server at %1 stopped answering.").arg(server)};
        if (code == QLatin1String("network_error"))
            return {UploadAction::RetryLater,
                    QStringLiteral("Cannot reach the server at %1 (%2).").arg(server, outcome.message)};
        // protocol_error, invalid_offset, no_progress: the server and the file disagree.
        return {UploadAction::Fail, QStringLiteral("The upload could not continue: %1").arg(outcome.message)};
    }
    if (status == 401)
        return {UploadAction::RefreshSession, QStringLiteral("Your session has expired; sign in again.")};
    if (status == 404 || status == 410)
        return {UploadAction::Recreate,
                status == 410 ? QStringLiteral("The server let the unfinished upload expire.")
                              : QStringLiteral("The server no longer has the unfinished upload.")};
    if (status >= 500 || status == 409 || status == 429 || status == 460 || status == 408) {
        if (code == QLatin1String("storage_full"))
            return {UploadAction::RetryLater,
                    withServerMessage(QStringLiteral("The server's disk is full"), outcome)};
        if (status == 429)
            return {UploadAction::RetryLater, QStringLiteral("The server asks to slow down.")};
        if (status == 409 || status == 460)
            return {UploadAction::RetryLater,
                    withServerMessage(QStringLiteral("The server could not take the last piece"), outcome)};
        return {UploadAction::RetryLater,
                withServerMessage(QStringLiteral("The server had a problem (HTTP %1)").arg(status), outcome)};
    }
    if (code == QLatin1String("quota_exceeded"))
        return {UploadAction::Fail, withServerMessage(QStringLiteral("Your storage quota is full"), outcome)};
    if (code == QLatin1String("upload_too_large"))
        return {UploadAction::Fail,
                withServerMessage(QStringLiteral("The file is larger than this server accepts"), outcome)};
    if (code == QLatin1String("channel_missing"))
        return {UploadAction::Fail, QStringLiteral("Your account has no channel to upload to.")};
    return {UploadAction::Fail, withServerMessage(QStringLiteral("The server refused the upload"), outcome)};
}

} // namespace fc::ui
