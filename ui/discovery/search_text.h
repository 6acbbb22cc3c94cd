#pragma once
// What search shows in words, and its small pure helpers (tested without a server): the request path of a
// search from its query and filters, the filters' choices with their labels, and the server's highlighted
// text made safe for Text.StyledText.
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace fc::ui {

// A search as the user set it up; empty strings are "any" (docs/API.md §17, GET /api/v1/search).
struct SearchFilters {
    QString query;
    QString type = QStringLiteral("video"); // video | channel
    QString sort = QStringLiteral("relevance");
    QString duration; // "" | short | medium | long
    QString uploaded; // "" | hour | day | week | month | year
    QString category; // "" or a category name
};

// "/api/v1/search?q=…&type=…&sort=…[&duration=…][&uploaded=…][&category=…]", every value percent-encoded; the
// query trimmed. Duration, upload date and category are left out for channels (they do not apply there).
QString searchPath(const SearchFilters& filters);

// "/api/v1/search/suggest?q=…&limit=N".
QString suggestPath(const QString& text, int limit);

// The choices of each filter as [{"value": "date", "label": "Upload date"}, …], the default first.
QVariantList searchTypeOptions();
QVariantList searchSortOptions();
QVariantList searchDurationOptions();
QVariantList searchUploadedOptions();
// "Any category" ("") and then each name.
QVariantList searchCategoryOptions(const QStringList& categories);
// True when value is one of options' values.
bool isSearchOption(const QVariantList& options, const QString& value);

// The server's highlights are HTML-escaped text with <b>…</b> around matched words. This keeps exactly that
// and nothing else, so a server that forgot to escape still cannot style or link anything: <b> and </b> stay,
// &lt; &gt; &amp; &quot; stay, other entities become their character (escaped again when it is one of <>&"),
// and every other <, > or & is escaped. The result is safe for Text.StyledText.
QString styledHighlight(const QString& highlighted);

// Plain text (a title without highlights) escaped for Text.StyledText.
QString styledPlain(const QString& text);

} // namespace fc::ui
