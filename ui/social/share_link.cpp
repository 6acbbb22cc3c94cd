#include "ui/social/share_link.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace fc::ui {
namespace {

bool looksLikeVideoId(const QString& id) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{11}$"));
    return pattern.match(id).hasMatch();
}

} // namespace

std::optional<double> parseStartTime(const QString& text) {
    static const QRegularExpression seconds_only(QStringLiteral("^(\\d{1,7})s?$"));
    static const QRegularExpression clock(
        QStringLiteral("^(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,7})s)?$"));
    const QString trimmed = text.trimmed().toLower();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (const auto match = seconds_only.match(trimmed); match.hasMatch())
        return match.captured(1).toDouble();
    const auto match = clock.match(trimmed);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toDouble() * 3600 + match.captured(2).toDouble() * 60 +
           match.captured(3).toDouble();
}

std::optional<ShareLink> parseShareLink(const QString& text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    // framecast://watch/<id>: "watch" is the host; http(s)://host/watch/<id>: the first path segment.
    QString rest;
    if (scheme == QLatin1String("framecast")) {
        if (url.host() != QLatin1String("watch"))
            return std::nullopt;
        rest = url.path();
    } else if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        if (url.host().isEmpty() || !url.path().startsWith(QLatin1String("/watch/")))
            return std::nullopt;
        rest = url.path().mid(QStringLiteral("/watch").size());
    } else {
        return std::nullopt;
    }
    if (rest.endsWith(QLatin1Char('/')))
        rest.chop(1);
    if (!rest.startsWith(QLatin1Char('/')))
        return std::nullopt;
    const QString id = rest.mid(1);
    if (!looksLikeVideoId(id))
        return std::nullopt;
    ShareLink link;
    link.video_id = id;
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("t"))) {
        // A malformed t still opens the video, from the start.
        if (const auto start = parseStartTime(query.queryItemValue(QStringLiteral("t"))))
            link.start_s = *start;
    }
    return link;
}

} // namespace fc::ui
