#include "ui/social/social_text.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

#include "ui/api/api_client.h"

namespace fc::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("SocialText", text);
}

QString quoted(const QString& text) {
    return QStringLiteral("“%1”").arg(text);
}

} // namespace

QString compactCount(qint64 count) {
    const auto scaled = [](qint64 value, qint64 unit, const char* suffix) {
        // One decimal below 10 units ("1.2K"), none above ("15K"); never rounds up past what was counted.
        if (value < 10 * unit) {
            const qint64 tenths = value * 10 / unit;
            return tenths % 10 == 0 ? QStringLiteral("%1%2").arg(tenths / 10).arg(QLatin1String(suffix))
                                    : QStringLiteral("%1.%2%3")
                                          .arg(tenths / 10)
                                          .arg(tenths % 10)
                                          .arg(QLatin1String(suffix));
        }
        return QStringLiteral("%1%2").arg(value / unit).arg(QLatin1String(suffix));
    };
    if (count < 1000)
        return QString::number(std::max<qint64>(0, count));
    if (count < 1000000)
        return scaled(count, 1000, "K");
    if (count < 1000000000)
        return scaled(count, 1000000, "M");
    return scaled(count, 1000000000, "B");
}

int retryAfterSeconds(const QString& message) {
    static const QRegularExpression pattern(QStringLiteral("in (\\d+) ?s\\b"));
    const QRegularExpressionMatch match = pattern.match(message);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QString describeSocialError(const ApiError& error) {
    const QString& code = error.code;
    if (code == QLatin1String("comments_disabled"))
        return tr("Comments are turned off.");
    if (code == QLatin1String("blocked_from_channel"))
        return tr("The creator of this channel has blocked you from commenting.");
    if (code == QLatin1String("rate_limited")) {
        const int seconds = retryAfterSeconds(error.message);
        return seconds > 0 ? tr("You're posting too fast — try again in %1 s.").arg(seconds)
                           : tr("You're posting too fast — try again in a moment.");
    }
    if (code == QLatin1String("comment_not_found"))
        return tr("That comment is no longer there.");
    if (code == QLatin1String("comment_deleted"))
        return tr("That comment was deleted.");
    if (code == QLatin1String("not_comment_author"))
        return tr("You can only edit your own comments.");
    if (code == QLatin1String("not_video_owner"))
        return tr("Only the video's creator can do that.");
    if (code == QLatin1String("cannot_subscribe_to_self"))
        return tr("You cannot subscribe to your own channel.");
    if (code == QLatin1String("video_not_found"))
        return tr("This video is not available.");
    if (code == QLatin1String("invalid_request") && !error.message.isEmpty())
        return error.message;
    return ApiClient::describe(error);
}

QString notificationSummary(const QJsonObject& notification) {
    const QString kind = notification.value(QStringLiteral("kind")).toString();
    const QJsonObject actor = notification.value(QStringLiteral("actor")).toObject();
    QString who = actor.value(QStringLiteral("display_name")).toString();
    if (who.isEmpty())
        who = actor.value(QStringLiteral("username")).toString();
    if (who.isEmpty())
        who = tr("Someone");
    const QString title = notification.value(QStringLiteral("video")).toObject().value("title").toString();
    const QString text = notification.value(QStringLiteral("text")).toString().simplified();
    if (kind == QLatin1String("video_comment"))
        return tr("%1 commented on %2: %3").arg(who, quoted(title), text);
    if (kind == QLatin1String("comment_reply"))
        return tr("%1 replied to your comment: %2").arg(who, text);
    if (kind == QLatin1String("new_video"))
        return tr("%1 uploaded %2").arg(who, quoted(title));
    if (kind == QLatin1String("video_processed"))
        return notification.value(QStringLiteral("status")).toString() == QLatin1String("failed")
                   ? tr("%1 could not be processed").arg(quoted(title))
                   : tr("%1 is ready to watch").arg(quoted(title));
    return text;
}

} // namespace fc::ui
