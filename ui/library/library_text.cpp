#include "ui/library/library_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QUrl>

#include <algorithm>

namespace fc::ui {
namespace {

QString tr(const char* text, int n = -1) {
    return QCoreApplication::translate("Library", text, nullptr, n);
}

QString encoded(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

QString viewsText(qint64 views) {
    if (views <= 0)
        return tr("No views");
    if (views == 1)
        return tr("1 view");
    return tr("%1 views").arg(QLocale().toString(views));
}

QString subscribersText(qint64 subscribers) {
    if (subscribers == 1)
        return tr("1 subscriber");
    return tr("%1 subscribers").arg(QLocale().toString(std::max<qint64>(0, subscribers)));
}

QString videoCountText(qint64 videos) {
    if (videos == 1)
        return tr("1 video");
    return tr("%1 videos").arg(QLocale().toString(std::max<qint64>(0, videos)));
}

QString playlistCountText(qint64 visible_videos, qint64 hidden_videos) {
    const QString visible = videoCountText(visible_videos);
    if (hidden_videos <= 0)
        return visible;
    if (hidden_videos == 1)
        return tr("%1 · 1 unavailable video hidden").arg(visible);
    return tr("%1 · %2 unavailable videos hidden").arg(visible, QLocale().toString(hidden_videos));
}

QString heldReasonText(const QString& held_reason) {
    if (held_reason == QLatin1String("profanity"))
        return tr("Contains a blocked word");
    if (held_reason == QLatin1String("link"))
        return tr("Contains a link");
    if (held_reason == QLatin1String("repetition"))
        return tr("Repeated text");
    if (held_reason == QLatin1String("rate"))
        return tr("Many comments in a short time");
    if (held_reason == QLatin1String("reported"))
        return tr("Reported by viewers");
    if (held_reason == QLatin1String("review_all"))
        return tr("You hold all comments on this video for review");
    if (held_reason.isEmpty())
        return tr("Held for review");
    return tr("Held for review (%1)").arg(held_reason);
}

double resumeFraction(double position_s, qint64 duration_ms) {
    if (duration_ms <= 0 || position_s <= 0)
        return 0.0;
    return std::clamp(position_s * 1000.0 / double(duration_ms), 0.0, 1.0);
}

QString apiPath(const QString& pattern, const QString& arg1, const QString& arg2) {
    // One pass (QString::arg with several arguments), so an encoded argument is never substituted again.
    if (pattern.contains(QLatin1String("%2")))
        return pattern.arg(encoded(arg1), encoded(arg2));
    return pattern.arg(encoded(arg1));
}

} // namespace fc::ui
