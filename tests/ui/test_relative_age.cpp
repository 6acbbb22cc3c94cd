// Relative ages (ui/models/relative_age.h), the one implementation every list uses, and their refresh: a list
// left on screen must not say "just now" forever. The refresh is checked on a list that, as the app's models
// do, computes its age role from the clock at each read.
#include <QAbstractListModel>
#include <QSignalSpy>
#include <QtTest>

#include "ui/models/relative_age.h"

using namespace fc;

namespace {

class AgesModel : public QAbstractListModel {
public:
    static constexpr int kAgeRole = Qt::UserRole + 7;
    explicit AgesModel(QList<QDateTime> times) : m_times(std::move(times)) {}
    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(m_times.size());
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (role != kAgeRole || !index.isValid())
            return {};
        return ui::ageText(m_times.at(index.row()), QDateTime::currentDateTimeUtc());
    }

private:
    QList<QDateTime> m_times;
};

} // namespace

class TestRelativeAge : public QObject {
    Q_OBJECT
private slots:
    void saysAges() {
        const QDateTime now =
            QDateTime::fromString(QStringLiteral("2026-01-31T12:00:00.000Z"), Qt::ISODateWithMs);
        QCOMPARE(ui::ageText(now.addSecs(-20), now), QStringLiteral("just now"));
        QCOMPARE(ui::ageText(now.addSecs(30), now), QStringLiteral("just now")); // a clock slightly ahead
        QCOMPARE(ui::ageText(now.addSecs(-60), now), QStringLiteral("1 minute ago"));
        QCOMPARE(ui::ageText(now.addSecs(-59 * 60), now), QStringLiteral("59 minutes ago"));
        QCOMPARE(ui::ageText(now.addSecs(-3600), now), QStringLiteral("1 hour ago"));
        QCOMPARE(ui::ageText(now.addSecs(-3 * 3600), now), QStringLiteral("3 hours ago"));
        QCOMPARE(ui::ageText(now.addDays(-1), now), QStringLiteral("1 day ago"));
        QCOMPARE(ui::ageText(now.addDays(-2), now), QStringLiteral("2 days ago"));
        QCOMPARE(ui::ageText(now.addDays(-15), now), QStringLiteral("2 weeks ago"));
        QCOMPARE(ui::ageText(now.addDays(-65), now), QStringLiteral("2 months ago"));
        QCOMPARE(ui::ageText(now.addDays(-365), now), QStringLiteral("1 year ago"));
        QCOMPARE(ui::ageText(now.addDays(-800), now), QStringLiteral("2 years ago"));
        QCOMPARE(ui::ageText(QDateTime(), now), QString());
    }

    void aShownAgeMovesOnWithTheClock() {
        // Published 59.5 s ago: "just now" at first, "1 minute ago" once the clock passes the minute.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        AgesModel model({now.addMSecs(-59'500), now.addDays(-3), now.addSecs(-10)});
        const int role = AgesModel::kAgeRole;
        QCOMPARE(model.data(model.index(0), role).toString(), QStringLiteral("just now"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ui::refreshAgesPeriodically(&model, {role}, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);
        // Every row, the age role only.
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), model.rowCount() - 1);
        QCOMPARE(changed.first().at(2).value<QList<int>>(), QList<int>{role});
        // What a view re-reads then has moved on.
        QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(0), role).toString(), QStringLiteral("1 minute ago"),
                                  5000);
        QCOMPARE(model.data(model.index(1), role).toString(), QStringLiteral("3 days ago"));
    }
};

QTEST_MAIN(TestRelativeAge)
#include "test_relative_age.moc"
