// App.social against a real framecastd: the open video's rating (like / dislike toggled as on YouTube, and
// what the server stored), the channel's subscription (and none on your own channel), the bell's unread count
// going up live when someone comments on my video, reading notifications, share links copied to the clipboard
// and opened again, and clearing on sign-out.
#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

#include "tests/ui/test_social_support.h"
#include "ui/social/share_link.h"
#include "ui/social/social_controller.h"

using namespace fc;
using namespace fc::test;

class TestSocialController : public QObject {
    Q_OBJECT
    SocialFixture m_fixture;
    QString m_theirs; // the other user's video
    QString m_mine;   // mine
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    ui::SocialController& social() { return *m_fixture.app().social(); }
    ui::NotificationsModel& notifications() { return *social().notifications(); }
    nlohmann::json myRating(const QString& video_id) {
        return m_fixture.api.get("/api/v1/videos/" + video_id.toStdString() + "/rating", m_fixture.myToken())
            .json;
    }

private slots:
    void initTestCase() {
        QString why;
        QVERIFY2(m_fixture.start(&why), qPrintable(why));
        m_theirs = m_fixture.insertVideo(m_fixture.other, "Their video");
        m_mine = m_fixture.insertVideo(m_fixture.me, "My video");
        QVERIFY(!m_theirs.isEmpty() && !m_mine.isEmpty());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            &notifications(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_fixture.harness.reset();
    }

    void likesAndDislikesToggle() {
        social().setVideoId(m_theirs);
        QTRY_VERIFY_WITH_TIMEOUT(social().videoLoaded(), 10000);
        QCOMPARE(social().myRating(), QString("none"));
        QVERIFY(!social().ownVideo());

        social().like();
        QTRY_COMPARE_WITH_TIMEOUT(social().myRating(), QString("like"), 10000);
        QCOMPARE(social().likeCount(), 1);
        QCOMPARE(social().likeText(), QString("1"));
        QCOMPARE(myRating(m_theirs).value("my_rating", ""), std::string("like"));

        QTRY_VERIFY(!social().busy());
        social().like(); // pressing like again clears it
        QTRY_COMPARE_WITH_TIMEOUT(social().myRating(), QString("none"), 10000);
        QCOMPARE(social().likeCount(), 0);

        QTRY_VERIFY(!social().busy());
        social().dislike();
        QTRY_COMPARE_WITH_TIMEOUT(social().myRating(), QString("dislike"), 10000);
        QCOMPARE(social().dislikeCount(), 1);
        QTRY_VERIFY(!social().busy());
        social().like(); // switches
        QTRY_COMPARE_WITH_TIMEOUT(social().myRating(), QString("like"), 10000);
        QCOMPARE(social().likeCount(), 1);
        QCOMPARE(social().dislikeCount(), 0);
        const nlohmann::json stored = myRating(m_theirs);
        QCOMPARE(stored.value("like_count", -1), 1);
        QCOMPARE(stored.value("dislike_count", -1), 0);

        // Opening the video again reads my rating back.
        social().setVideoId({});
        QCOMPARE(social().myRating(), QString("none"));
        social().setVideoId(m_theirs);
        QTRY_COMPARE_WITH_TIMEOUT(social().myRating(), QString("like"), 10000);
    }

    void subscribesAndUnsubscribes() {
        QTRY_VERIFY_WITH_TIMEOUT(social().canSubscribe() && !social().channelName().isEmpty(), 10000);
        QCOMPARE(social().channelId(), QString::fromStdString(m_fixture.other.channel_id));
        QVERIFY(!social().subscribed());
        QCOMPARE(social().subscriberCount(), 0);
        social().subscribe();
        QTRY_VERIFY_WITH_TIMEOUT(social().subscribed(), 10000);
        QCOMPARE(social().subscriberCount(), 1);
        QCOMPARE(social().subscriberText(), QString("1 subscriber"));
        const std::string path = "/api/v1/channels/" + m_fixture.other.channel_id + "/subscription";
        QVERIFY(m_fixture.api.get(path, m_fixture.myToken()).json.value("subscribed", false));
        QCOMPARE(m_fixture.api.get("/api/v1/channels/" + m_fixture.other.channel_id)
                     .json.value("subscriber_count", -1),
                 1);

        QTRY_VERIFY(!social().busy());
        social().toggleSubscription(); // the button: unsubscribes
        QTRY_VERIFY_WITH_TIMEOUT(!social().subscribed(), 10000);
        QCOMPARE(social().subscriberCount(), 0);
        QVERIFY(!m_fixture.api.get(path, m_fixture.myToken()).json.value("subscribed", true));

        // On my own video there is nothing to subscribe to.
        social().setVideoId(m_mine);
        QTRY_VERIFY_WITH_TIMEOUT(social().videoLoaded(), 10000);
        QVERIFY(social().ownVideo());
        QVERIFY(!social().canSubscribe());
        social().subscribe();
        QTest::qWait(200);
        QVERIFY(!social().busy());
        QVERIFY(social().errorMessage().isEmpty());
    }

    void bellCountsUpLive() {
        QTRY_VERIFY_WITH_TIMEOUT(notifications().live(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!notifications().loading(), 10000);
        const int unread = notifications().unreadCount();
        const QString comment = m_fixture.postAsOther(m_mine, "lovely video");
        QVERIFY(!comment.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(notifications().unreadCount(), unread + 1, 10000);
        QTRY_VERIFY(notifications().count() >= 1);
        const ui::NotificationRow row = notifications().row(0);
        QCOMPARE(row.kind, QString("video_comment"));
        QCOMPARE(row.video_id, m_mine);
        QCOMPARE(row.comment_id, comment);
        QVERIFY(!row.read);
        QVERIFY2(row.summary.contains("lovely video") && row.summary.contains("My video"),
                 qPrintable(row.summary));

        // Clicking it: read, and the shell is asked to play the video.
        QSignalSpy watch(&social(), &ui::SocialController::watchRequested);
        social().openNotification(row.id);
        QCOMPARE(watch.count(), 1);
        QCOMPARE(watch.at(0).at(0).toString(), m_mine);
        QCOMPARE(watch.at(0).at(1).toDouble(), -1.0); // where I left off
        QVERIFY(notifications().row(0).read);
        QCOMPARE(notifications().unreadCount(), unread); // at once
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.api.get("/api/v1/users/me/notifications", m_fixture.myToken())
                                      .json.value("unread_count", -1),
                                  unread, 10000);
        QTRY_COMPARE(notifications().unreadCount(), unread); // and the server's answer agrees

        m_fixture.postAsOther(m_mine, "one more");
        m_fixture.postAsOther(m_mine, "and another");
        QTRY_COMPARE_WITH_TIMEOUT(notifications().unreadCount(), unread + 2, 10000);
        notifications().markAllRead();
        QCOMPARE(notifications().unreadCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.api.get("/api/v1/users/me/notifications", m_fixture.myToken())
                                      .json.value("unread_count", -1),
                                  0, 10000);
        for (int i = 0; i < notifications().count(); ++i)
            QVERIFY(notifications().row(i).read);
    }

    void sharesALinkAtTheCurrentTime() {
        social().setVideoId(m_theirs);
        QSignalSpy copied(&social(), &ui::SocialController::linkCopied);
        social().share(83.7);
        QTRY_COMPARE_WITH_TIMEOUT(copied.count(), 1, 10000);
        const QString url = social().sharedUrl();
        QVERIFY2(url.endsWith("/watch/" + m_theirs + "?t=83"), qPrintable(url));
        QCOMPARE(QGuiApplication::clipboard()->text(), url);
        QVERIFY(social().shareMessage().contains(url));

        const auto link = ui::parseShareLink(url);
        QVERIFY(link);
        QCOMPARE(link->video_id, m_theirs);
        QCOMPARE(link->start_s, 83.0);
        QSignalSpy watch(&social(), &ui::SocialController::watchRequested);
        QVERIFY(social().openLink(url));
        QVERIFY(!social().openLink("bunny videos"));
        QCOMPARE(watch.count(), 1);
        QCOMPARE(watch.at(0).at(0).toString(), m_theirs);
        QCOMPARE(watch.at(0).at(1).toDouble(), 83.0);
    }

    void signingOutForgetsEverything() {
        m_fixture.app().session()->signOut();
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.app().session()->state(), ui::SessionController::State::SignedOut,
                                  10000);
        QCOMPARE(social().videoId(), QString());
        QCOMPARE(notifications().count(), 0);
        QCOMPARE(notifications().unreadCount(), 0);
        QVERIFY(!m_fixture.app().realtime()->topics().contains(
            "user:" + QString::fromStdString(m_fixture.me.id) + ":notifications"));
    }
};

QTEST_MAIN(TestSocialController)
#include "test_social_controller.moc"
