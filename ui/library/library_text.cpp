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

QString ageText(const QDateTime& then, const QDateTime& now) {
    if (!then.isValid() || !now.isValid())
        return {};
    const qint64 seconds = std::max<qint64>(0, then.secsTo(now));
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (minutes < 1)
        return tr("just now");
    if (hours < 1)
        return minutes == 1 ? tr("1 minute ago") : tr("%1 minutes ago").arg(minutes);
    if (days < 1)
        return hours == 1 ? tr("1 hour ago") : tr("%1 hours ago").arg(hours);
    if (days < 7)
        return days == 1 ? tr("1 day ago") : tr("%1 days ago").arg(days);
    if (days < 30)
        return days / 7 == 1 ? tr("1 week ago") : tr("%1 weeks ago").arg(days / 7);
    if (days < 365)
        return days / 30 == 1 ? tr("1 month ago") : tr("%1 months ago").arg(days / 30);
    return days / 365 == 1 ? tr("1 year ago") : tr("%1 years ago").arg(days / 365);
}

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
