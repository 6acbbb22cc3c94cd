// The upload lock table: one writer per upload, and termination's wait for a writer bounded so that
// requests cannot pile up waiting (each pins a request worker): one waiter per upload, kMaxWaiting in all.
#include <future>

#include <QtTest>

#include "server/uploads/upload_locks.h"

using namespace fc::server::uploads;
using Outcome = UploadLockTable::Outcome;
using namespace std::chrono_literals;

class TestUploadLocksUnit : public QObject {
    Q_OBJECT

private slots:
    void oneWriterPerUpload() {
        UploadLockTable table;
        auto held = table.tryLock("a");
        QVERIFY(held);
        QVERIFY(!table.tryLock("a"));
        QVERIFY(table.tryLock("b"));
        held->release();
        QVERIFY(table.tryLock("a"));
    }

    void aFreeLockIsTakenAtOnceAndAHeldOneTimesOut() {
        UploadLockTable table;
        auto free = table.lockWithin("a", 0ms);
        QCOMPARE(free.outcome, Outcome::Acquired);
        QVERIFY(free.lock);
        auto late = table.lockWithin("a", 1ms);
        QCOMPARE(late.outcome, Outcome::TimedOut);
        QVERIFY(!late.lock);
        QCOMPARE(table.waitingCount(), size_t(0));
    }

    void aWaiterGetsTheLockWhenTheWriterLetsGo() {
        UploadLockTable table;
        auto writer = table.tryLock("a");
        auto waiter = std::async(std::launch::async, [&] { return table.lockWithin("a", 60s).outcome; });
        QTRY_COMPARE(table.waitingCount(), size_t(1));
        writer->release();
        QCOMPARE(waiter.get(), Outcome::Acquired);
        QCOMPARE(table.waitingCount(), size_t(0));
    }

    void moreWaitersAreRefusedWithoutWaiting() {
        UploadLockTable table;
        auto a = table.tryLock("a");
        auto b = table.tryLock("b");
        auto c = table.tryLock("c");
        auto first = std::async(std::launch::async, [&] { return table.lockWithin("a", 60s).outcome; });
        QTRY_COMPARE(table.waitingCount(), size_t(1));
        // A second waiter for the same upload does not wait (the writers still hold every lock, so a
        // wait could only end after 60 s).
        QCOMPARE(table.lockWithin("a", 60s).outcome, Outcome::Busy);
        auto second = std::async(std::launch::async, [&] { return table.lockWithin("b", 60s).outcome; });
        QTRY_COMPARE(table.waitingCount(), UploadLockTable::kMaxWaiting);
        // kMaxWaiting wait already: another upload's terminate is refused at once too.
        QCOMPARE(table.lockWithin("c", 60s).outcome, Outcome::Busy);
        a->release();
        b->release();
        QCOMPARE(first.get(), Outcome::Acquired);
        QCOMPARE(second.get(), Outcome::Acquired);
    }
};

QTEST_GUILESS_MAIN(TestUploadLocksUnit)
#include "test_upload_locks_unit.moc"
