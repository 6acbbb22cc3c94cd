// Search's pure helpers (ui/discovery/search_text): the request path from a query and filters, the filters'
// choices, and the highlighted text made safe for Text.StyledText whatever the server sent.
#include <QTextDocumentFragment>
#include <QtTest>

#include "ui/discovery/search_text.h"

using namespace fc::ui;

namespace {
// What a Text item with StyledText would show: the text with entities decoded and <b> gone.
QString shown(const QString& styled) {
    return QTextDocumentFragment::fromHtml(styled).toPlainText();
}
} // namespace

class TestSearchText : public QObject {
    Q_OBJECT
private slots:
    void pathCarriesQueryAndFilters() {
        SearchFilters filters;
        filters.query = QStringLiteral("  big bunny & co  ");
        QCOMPARE(searchPath(filters),
                 QStringLiteral("/api/v1/search?q=big%20bunny%20%26%20co&type=video&sort=relevance"));
        filters.sort = QStringLiteral("views");
        filters.duration = QStringLiteral("short");
        filters.uploaded = QStringLiteral("week");
        filters.category = QStringLiteral("Film & Animation");
        QCOMPARE(searchPath(filters),
                 QStringLiteral("/api/v1/search?q=big%20bunny%20%26%20co&type=video&sort=views"
                                "&duration=short&uploaded=week&category=Film%20%26%20Animation"));
        // Channels take only q and sort.
        filters.type = QStringLiteral("channel");
        QCOMPARE(searchPath(filters),
                 QStringLiteral("/api/v1/search?q=big%20bunny%20%26%20co&type=channel&sort=views"));
        QCOMPARE(suggestPath(QStringLiteral("bu bun"), 8),
                 QStringLiteral("/api/v1/search/suggest?q=bu%20bun&limit=8"));
    }

    void options() {
        QCOMPARE(searchSortOptions().size(), 4);
        QCOMPARE(searchSortOptions().first().toMap().value(QStringLiteral("value")).toString(),
                 QStringLiteral("relevance"));
        QVERIFY(isSearchOption(searchDurationOptions(), QStringLiteral("")));
        QVERIFY(isSearchOption(searchDurationOptions(), QStringLiteral("long")));
        QVERIFY(!isSearchOption(searchDurationOptions(), QStringLiteral("forever")));
        QVERIFY(isSearchOption(searchUploadedOptions(), QStringLiteral("hour")));
        QVERIFY(isSearchOption(searchTypeOptions(), QStringLiteral("channel")));
        const QVariantList categories = searchCategoryOptions({QStringLiteral("Music")});
        QCOMPARE(categories.size(), 2);
        QCOMPARE(categories.at(0).toMap().value(QStringLiteral("value")).toString(), QString());
        QCOMPARE(categories.at(1).toMap().value(QStringLiteral("label")).toString(), QStringLiteral("Music"));
    }

    // What the server sends (escaped, <b> around matches) passes unchanged.
    void escapedHighlightPassesThrough() {
        const QString server =
            QStringLiteral("<b>Bunny</b> &lt;i&gt;tricks&lt;/i&gt; &amp; &quot;more&quot;");
        QCOMPARE(styledHighlight(server), server);
        QCOMPARE(shown(styledHighlight(server)), QStringLiteral("Bunny <i>tricks</i> & \"more\""));
    }

    // Anything but <b>…</b> is shown as written, even when the server forgot to escape it.
    void unescapedMarkupIsShownLiterally() {
        const QString raw =
            QStringLiteral("<b>Bunny</b> <i>tricks</i> <a href=\"x\">link</a> <img src=y> & co");
        const QString styled = styledHighlight(raw);
        QVERIFY2(!styled.contains(QStringLiteral("<i>")) && !styled.contains(QStringLiteral("<a ")) &&
                     !styled.contains(QStringLiteral("<img")),
                 qPrintable(styled));
        QCOMPARE(shown(styled),
                 QStringLiteral("Bunny <i>tricks</i> <a href=\"x\">link</a> <img src=y> & co"));
        QVERIFY(styled.startsWith(QStringLiteral("<b>Bunny</b>")));
    }

    void entitiesAndUnbalancedTags() {
        // Numeric and other entities become characters (StyledText knows only a few names).
        QCOMPARE(styledHighlight(QStringLiteral("It&#39;s &#x3C;ok&#62; &apos;x&apos;")),
                 QStringLiteral("It's &lt;ok&gt; 'x'"));
        // An unknown or broken entity is an ampersand as written.
        QCOMPARE(styledHighlight(QStringLiteral("&bogus; &#xZZ; & ;")),
                 QStringLiteral("&amp;bogus; &amp;#xZZ; &amp; ;"));
        // A stray </b> goes, an open <b> is closed.
        QCOMPARE(styledHighlight(QStringLiteral("a</b> <b>b")), QStringLiteral("a <b>b</b>"));
        QCOMPARE(styledHighlight(QString()), QString());
        QCOMPARE(styledPlain(QStringLiteral("<i>\"R&D\"</i>")),
                 QStringLiteral("&lt;i&gt;&quot;R&amp;D&quot;&lt;/i&gt;"));
    }
};

QTEST_MAIN(TestSearchText)
#include "test_search_text.moc"
