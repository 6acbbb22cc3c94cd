#include "ui/uploads/upload_text.h"

#include <algorithm>

#include <cmath>

namespace fc::ui {

QString formatBytes(qint64 bytes) {
    static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(std::max<qint64>(0, bytes));
    double value = static_cast<double>(bytes);
    int unit = -1;
    while (value >= 1000 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    // Three significant digits at most, no trailing ".0".
    const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
    QString number = QString::number(value, 'f', decimals);
    if (number.contains(QLatin1Char('.'))) {
        while (number.endsWith(QLatin1Char('0')))
            number.chop(1);
        if (number.endsWith(QLatin1Char('.')))
            number.chop(1);
    }
    return number + QLatin1Char(' ') + QLatin1String(kUnits[unit]);
}

QString formatDuration(qint64 seconds) {
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return seconds % 60 == 0 ? QStringLiteral("%1 min").arg(seconds / 60)
                                 : QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    const qint64 minutes = (seconds % 3600) / 60;
    return minutes == 0 ? QStringLiteral("%1 h").arg(seconds / 3600)
                        : QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(minutes);
}

QString formatSpeed(double bytes_per_second) {
    return formatBytes(static_cast<qint64>(std::llround(bytes_per_second))) + QStringLiteral("/s");
}

qint64 uploadEtaSeconds(const UploadItem& item) {
    if (item.state != UploadState::Uploading || item.speed_bytes_per_s < 1)
        return -1;
    const qint64 left = std::max<qint64>(0, item.file_size_bytes - item.sent_bytes);
    return static_cast<qint64>(std::ceil(static_cast<double>(left) / item.speed_bytes_per_s));
}

QString uploadProgressText(const UploadItem& item) {
    const qint64 done = std::max(item.sent_bytes, item.acknowledged_bytes);
    QString text = QStringLiteral("%1 of %2").arg(formatBytes(done), formatBytes(item.file_size_bytes));
    if (item.state != UploadState::Uploading)
        return text;
    if (item.speed_bytes_per_s >= 1)
        text += QStringLiteral(" · ") + formatSpeed(item.speed_bytes_per_s);
    if (const qint64 eta = uploadEtaSeconds(item); eta >= 0)
        text += QStringLiteral(" · %1 left").arg(formatDuration(eta));
    return text;
}

QString uploadStateText(const UploadItem& item, qint64 now_ms) {
    switch (item.state) {
    case UploadState::Waiting:
        return QStringLiteral("Waiting to upload");
    case UploadState::Uploading:
        return item.upload_path.isEmpty() ? QStringLiteral("Starting the upload…")
                                          : QStringLiteral("Uploading");
    case UploadState::Paused:
        return QStringLiteral("Paused");
    case UploadState::Retrying: {
        const qint64 seconds = std::max<qint64>(0, (item.next_attempt_ms - now_ms + 999) / 1000);
        return QStringLiteral("%1 Retrying in %2.").arg(item.message, formatDuration(seconds));
    }
    case UploadState::NeedsSignIn:
        return item.message.isEmpty() ? QStringLiteral("Sign in again to continue this upload.")
                                      : item.message;
    case UploadState::Processing:
        if (item.server_status == QLatin1String("processing")) {
            QString text = QStringLiteral("Processing… %1 %").arg(qRound(item.processing_progress * 100));
            if (item.processing_eta_ms > 0)
                text += QStringLiteral(" (about %1 left)")
                            .arg(formatDuration((item.processing_eta_ms + 999) / 1000));
            return text;
        }
        if (item.server_status == QLatin1String("queued"))
            return QStringLiteral("Processing… waiting for a turn");
        return QStringLiteral("Processing… checking the file");
    case UploadState::Ready:
        return QStringLiteral("Ready");
    case UploadState::Failed:
        return item.message.isEmpty() ? QStringLiteral("Failed") : item.message;
    case UploadState::Cancelled:
        return QStringLiteral("Cancelled");
    case UploadState::Invalid:
        break;
    }
    return {};
}

} // namespace fc::ui
