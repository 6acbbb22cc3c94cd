#include "ui/discovery/search_text.h"

#include <QCoreApplication>
#include <QUrl>
#include <QVariantMap>

namespace fc::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Search", text);
}

QString encoded(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QVariantMap option(const char* value, const QString& label) {
    return {{QStringLiteral("value"), QString::fromLatin1(value)}, {QStringLiteral("label"), label}};
}

// The character(s) an entity name (between & and ;) stands for, or an empty string when it is none we know.
QString decodeEntity(const QString& name) {
    if (name == QLatin1String("lt"))
        return QStringLiteral("<");
    if (name == QLatin1String("gt"))
        return QStringLiteral(">");
    if (name == QLatin1String("amp"))
        return QStringLiteral("&");
    if (name == QLatin1String("quot"))
        return QStringLiteral("\"");
    if (name == QLatin1String("apos"))
        return QStringLiteral("'");
    if (name == QLatin1String("nbsp"))
        return QString(QChar(0x00A0));
    if (name.size() < 2 || name.at(0) != QLatin1Char('#'))
        return {};
    bool ok = false;
    const bool hex = name.at(1) == QLatin1Char('x') || name.at(1) == QLatin1Char('X');
    const uint code = hex ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
    if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return {};
    const char32_t character = code;
    return QString::fromUcs4(&character, 1);
}

} // namespace

QString searchPath(const SearchFilters& filters) {
    QString path = QStringLiteral("/api/v1/search?q=%1&type=%2&sort=%3")
                       .arg(encoded(filters.query.trimmed()), encoded(filters.type), encoded(filters.sort));
    if (filters.type == QLatin1String("channel"))
        return path;
    if (!filters.duration.isEmpty())
        path += QStringLiteral("&duration=") + encoded(filters.duration);
    if (!filters.uploaded.isEmpty())
        path += QStringLiteral("&uploaded=") + encoded(filters.uploaded);
    if (!filters.category.isEmpty())
        path += QStringLiteral("&category=") + encoded(filters.category);
    return path;
}

QString suggestPath(const QString& text, int limit) {
    return QStringLiteral("/api/v1/search/suggest?q=%1&limit=%2").arg(encoded(text)).arg(limit);
}

QVariantList searchTypeOptions() {
    return {option("video", tr("Videos")), option("channel", tr("Channels"))};
}

QVariantList searchSortOptions() {
    return {option("relevance", tr("Relevance")), option("date", tr("Upload date")),
            option("views", tr("View count")), option("rating", tr("Rating"))};
}

QVariantList searchDurationOptions() {
    return {option("", tr("Any duration")), option("short", tr("Under 4 minutes")),
            option("medium", tr("4–20 minutes")), option("long", tr("Over 20 minutes"))};
}

QVariantList searchUploadedOptions() {
    return {option("", tr("Any time")),        option("hour", tr("Last hour")),
            option("day", tr("Today")),        option("week", tr("This week")),
            option("month", tr("This month")), option("year", tr("This year"))};
}

QVariantList searchCategoryOptions(const QStringList& categories) {
    QVariantList options{option("", tr("Any category"))};
    for (const QString& name : categories)
        options.append(QVariantMap{{QStringLiteral("value"), name}, {QStringLiteral("label"), name}});
    return options;
}

bool isSearchOption(const QVariantList& options, const QString& value) {
    for (const QVariant& choice : options)
        if (choice.toMap().value(QStringLiteral("value")).toString() == value)
            return true;
    return false;
}

QString styledHighlight(const QString& highlighted) {
    static const QString kOpen = QStringLiteral("<b>");
    static const QString kClose = QStringLiteral("</b>");
    constexpr int kLongestEntity = 10; // "&#x10FFFF;"
    QString out;
    out.reserve(highlighted.size() + 16);
    int open = 0; // <b> not closed yet
    for (qsizetype i = 0; i < highlighted.size();) {
        const QChar c = highlighted.at(i);
        if (c == QLatin1Char('<')) {
            if (QStringView(highlighted).mid(i, kOpen.size()) == kOpen) {
                out += kOpen;
                ++open;
                i += kOpen.size();
            } else if (QStringView(highlighted).mid(i, kClose.size()) == kClose) {
                if (open > 0) { // a stray </b> is dropped
                    out += kClose;
                    --open;
                }
                i += kClose.size();
            } else {
                out += QStringLiteral("&lt;");
                ++i;
            }
        } else if (c == QLatin1Char('>')) {
            out += QStringLiteral("&gt;");
            ++i;
        } else if (c == QLatin1Char('&')) {
            const qsizetype end = highlighted.indexOf(QLatin1Char(';'), i + 1);
            const QString decoded = end > i && end - i <= kLongestEntity
                                        ? decodeEntity(highlighted.mid(i + 1, end - i - 1))
                                        : QString();
            if (decoded.isEmpty()) {
                out += QStringLiteral("&amp;");
                ++i;
            } else {
                out += styledPlain(decoded);
                i = end + 1;
            }
        } else {
            out += c;
            ++i;
        }
    }
    for (; open > 0; --open)
        out += kClose;
    return out;
}

QString styledPlain(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('<'))
            out += QStringLiteral("&lt;");
        else if (c == QLatin1Char('>'))
            out += QStringLiteral("&gt;");
        else if (c == QLatin1Char('&'))
            out += QStringLiteral("&amp;");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("&quot;");
        else
            out += c;
    }
    return out;
}

} // namespace fc::ui
