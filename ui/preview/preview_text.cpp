#include "ui/preview/preview_text.h"

#include <QStringList>

#include <cmath>

namespace fc::ui {

QString formatClock(double seconds) {
    const int64_t total = seconds > 0 ? static_cast<int64_t>(std::floor(seconds)) : 0;
    const int64_t hours = total / 3600;
    const int64_t minutes = (total / 60) % 60;
    const int64_t secs = total % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QChar('0'))
            .arg(secs, 2, 10, QChar('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QChar('0'));
}

QString formatBytes(int64_t bytes) {
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    const double kb = bytes / 1000.0;
    if (kb < 1000)
        return QStringLiteral("%1 kB").arg(std::lround(kb));
    const double mb = kb / 1000.0;
    if (mb < 10)
        return QStringLiteral("%1 MB").arg(mb, 0, 'f', 1);
    if (mb < 1000)
        return QStringLiteral("%1 MB").arg(std::lround(mb));
    return QStringLiteral("%1 GB").arg(mb / 1000.0, 0, 'f', 1);
}

QString describeSource(const media::MediaInfo& info) {
    QStringList parts;
    if (info.video) {
        parts << QStringLiteral("%1×%2").arg(info.displayWidth()).arg(info.displayHeight());
        // 29.97 stays readable as "29.97 fps"; 30.0 as "30 fps".
        parts << QStringLiteral("%1 fps").arg(QString::number(info.video->frame_rate, 'g', 4));
    } else {
        parts << QStringLiteral("no video");
    }
    parts << formatClock(info.duration_ms / 1000.0);
    return parts.join(QStringLiteral(" · "));
}

QString describeStats(const PreviewStats& stats) {
    QStringList parts;
    parts << stats.rung_name;
    parts << QStringLiteral("%1 kb/s").arg(stats.bitrate_kbps);
    parts << QStringLiteral("PSNR %1 dB").arg(stats.psnr_db, 0, 'f', 1);
    parts << QStringLiteral("SSIM %1").arg(stats.ssim, 0, 'f', 3);
    if (stats.total_bytes > 0)
        parts << QStringLiteral("about %1 for the whole video").arg(formatBytes(stats.total_bytes));
    return parts.join(QStringLiteral(" · "));
}

QString describePreviewError(const Error& error) {
    const QString code = QString::fromStdString(error.code);
    QString sentence;
    if (code == QLatin1String("media_unreadable"))
        sentence = QStringLiteral("This file is not a video that can be read.");
    else if (code == QLatin1String("media_no_streams") || code == QLatin1String("no_video"))
        sentence = QStringLiteral("This file has no video track to preview.");
    else if (code == QLatin1String("media_empty"))
        sentence = QStringLiteral("This file has no frames (its duration is zero).");
    else if (code == QLatin1String("window_outside_rendition") || code == QLatin1String("no_frames"))
        sentence = QStringLiteral("There are no frames to compare in this window; choose another start.");
    else if (code == QLatin1String("session_expired") || code == QLatin1String("http_401"))
        sentence = QStringLiteral("Your session has ended; sign in again and retry.");
    else if (code == QLatin1String("network_error") || code == QLatin1String("timeout"))
        sentence = QStringLiteral("Could not download the rendition from the server: %1")
                       .arg(QString::fromStdString(error.message));
    else
        sentence = QString::fromStdString(error.message);
    if (sentence.isEmpty())
        sentence = QStringLiteral("The preview failed.");
    return QStringLiteral("%1 (%2)").arg(sentence, code);
}

} // namespace fc::ui
