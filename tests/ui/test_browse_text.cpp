// The browsing pages' words (ui/discovery/discovery_text.h): compact view and subscriber counts.
#include <QtTest>

#include "ui/discovery/discovery_text.h"

using namespace fc;

class TestBrowseText : public QObject {
    Q_OBJECT
private slots:
    void views() {
        QCOMPARE(ui::compactViewsText(0), QStringLiteral("No views"));
        QCOMPARE(ui::compactViewsText(-3), QStringLiteral("No views"));
        QCOMPARE(ui::compactViewsText(1), QStringLiteral("1 view"));
        QCOMPARE(ui::compactViewsText(999), QStringLiteral("999 views"));
        QCOMPARE(ui::compactViewsText(1234), QStringLiteral("1.2K views"));
        QCOMPARE(ui::compactViewsText(15300), QStringLiteral("15K views"));
        QCOMPARE(ui::compactViewsText(2500000), QStringLiteral("2.5M views"));
    }

    void subscribers() {
        QCOMPARE(ui::compactSubscribersText(0), QStringLiteral("No subscribers"));
        QCOMPARE(ui::compactSubscribersText(1), QStringLiteral("1 subscriber"));
        QCOMPARE(ui::compactSubscribersText(12), QStringLiteral("12 subscribers"));
        QCOMPARE(ui::compactSubscribersText(1200), QStringLiteral("1.2K subscribers"));
    }
};

QTEST_GUILESS_MAIN(TestBrowseText)
#include "test_browse_text.moc"
