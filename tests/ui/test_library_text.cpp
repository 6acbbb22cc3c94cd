// The library's pure helpers (ui/library/library_text.h): counts in words, why a comment was
// held, resume fractions and percent-encoded API paths.
#include <QLocale>
#include <QtTest>

#include "ui/library/library_text.h"

using namespace fc;

class TestLibraryText : public QObject {
    Q_OBJECT
private slots:
    void texts() {
        QCOMPARE(ui::viewsText(0), QStringLiteral("No views"));
        QCOMPARE(ui::viewsText(1), QStringLiteral("1 view"));
        QCOMPARE(ui::viewsText(1234), QStringLiteral("%1 views").arg(QLocale().toString(1234)));
        QCOMPARE(ui::subscribersText(1), QStringLiteral("1 subscriber"));
        QCOMPARE(ui::videoCountText(0), QStringLiteral("0 videos"));
        QCOMPARE(ui::playlistCountText(3, 0), QStringLiteral("3 videos"));
        QCOMPARE(ui::playlistCountText(1, 1), QStringLiteral("1 video · 1 unavailable video hidden"));
        QCOMPARE(ui::playlistCountText(0, 2), QStringLiteral("0 videos · 2 unavailable videos hidden"));
        QCOMPARE(ui::heldReasonText(QStringLiteral("link")), QStringLiteral("Contains a link"));
        QCOMPARE(ui::heldReasonText(QStringLiteral("review_all")),
                 QStringLiteral("You hold all comments on this video for review"));
        QCOMPARE(ui::heldReasonText(QStringLiteral("new_rule")),
                 QStringLiteral("Held for review (new_rule)"));
        QCOMPARE(ui::resumeFraction(2.0, 4000), 0.5);
        QCOMPARE(ui::resumeFraction(9.0, 4000), 1.0);
        QCOMPARE(ui::resumeFraction(2.0, -1), 0.0);
        QCOMPARE(ui::apiPath(QStringLiteral("/api/v1/playlists/%1/items/%2"), QStringLiteral("a/b"),
                             QStringLiteral("%2")),
                 QStringLiteral("/api/v1/playlists/a%2Fb/items/%252"));
    }
};

QTEST_MAIN(TestLibraryText)
#include "test_library_text.moc"
