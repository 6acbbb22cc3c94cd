// The comments panel's model (App.social.comments) against a real framecastd: the first page in each sort,
// paging by cursor, replies opened and paged per thread, posting / replying / editing / deleting, others'
// new comments counted into newCount (not inserted under the reader) until showNew(), edits, reactions and
// deletions from others applied in place, pin and heart on the user's own video, readable errors, and the
// first page read again when the live topic is granted after a reconnect. QAbstractItemModelTester watches
// every change.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "tests/ui/test_social_support.h"
#include "ui/social/social_controller.h"

using namespace fc;
using namespace fc::test;
using Model = ui::CommentsModel;

namespace {

QStringList ids(const Model& model) {
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << model.row(i).id;
    return out;
}

QVariant roleOf(const Model& model, const QString& id, int role) {
    const int row = model.rowOf(id);
    return row < 0 ? QVariant() : model.index(row).data(role);
}

} // namespace

class TestSocialComments : public QObject {
    Q_OBJECT
    SocialFixture m_fixture;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_video;      // the other user's video
    QStringList m_seeded; // its five top-level comments, oldest first
    QString m_popular;    // the one with replies (first by "top")
    SignedUpUser m_third; // replies and live comments (the server holds a 6th comment within 2 min)

    ui::SocialController& social() { return *m_fixture.app().social(); }
    Model& comments() { return *social().comments(); }
    bool settled() { return comments().loaded() && !comments().loading(); }

private slots:
    void initTestCase() {
        QString why;
        QVERIFY2(m_fixture.start(&why), qPrintable(why));
        m_video = m_fixture.insertVideo(m_fixture.other, "Other's video");
        QVERIFY(!m_video.isEmpty());
        for (int i = 0; i < 5; ++i) {
            m_seeded << m_fixture.postAsOther(m_video, "seed comment " + std::to_string(i));
            QVERIFY(!m_seeded.last().isEmpty());
            QTest::qWait(5); // distinct creation times for newest / oldest
        }
        m_popular = m_seeded.at(1);
        auto third = m_fixture.api.signUp("third");
        QVERIFY(third);
        m_third = *third;
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_fixture.postAs(m_third, m_video, "reply " + std::to_string(i), m_popular).isEmpty());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            &comments(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_fixture.harness.reset();
    }

    void loadsSortsAndPages() {
        comments().setPageSize(2);
        social().setVideoId(m_video);
        QCOMPARE(comments().videoId(), m_video);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);
        QCOMPARE(comments().count(), 2);
        QCOMPARE(comments().row(0).id, m_popular); // top: the thread with replies scores highest
        QCOMPARE(comments().totalCount(), 8);      // 5 comments + 3 replies
        QCOMPARE(comments().commentsMode(), QString("on"));
        QVERIFY(comments().hasMore());
        while (comments().canFetchMore()) {
            comments().fetchMore();
            QTRY_VERIFY_WITH_TIMEOUT(!comments().loading(), 10000);
        }
        QCOMPARE(comments().count(), 5);
        QStringList sorted = ids(comments());
        sorted.sort();
        QStringList expected = m_seeded;
        expected.sort();
        QCOMPARE(sorted, expected); // every comment once

        comments().setSort(Model::Sort::Newest);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().count() == 2, 10000);
        QCOMPARE(ids(comments()), (QStringList{m_seeded.at(4), m_seeded.at(3)}));
        comments().setSort(Model::Sort::Oldest);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().row(0).id == m_seeded.at(0), 10000);
        QCOMPARE(comments().index(0).data(Model::AuthorNameRole).toString(),
                 QString::fromStdString(m_fixture.other.username));
        QCOMPARE(comments().index(0).data(Model::TextRole).toString(), QString("seed comment 0"));
        QCOMPARE(comments().index(0).data(Model::IsMineRole).toBool(), false);
        QCOMPARE(comments().index(0).data(Model::CanReportRole).toBool(), true);
    }

    void opensAndPagesReplies() {
        const int top = comments().rowOf(m_popular); // oldest first: on the first page
        QVERIFY(top >= 0);
        QCOMPARE(comments().index(top).data(Model::ReplyCountRole).toInt(), 3);
        comments().toggleReplies(m_popular);
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(top + 2).data(Model::IsReplyRole).toBool(), true, 10000);
        QCOMPARE(comments().row(top + 1).text, QString("reply 0")); // oldest first
        QCOMPARE(comments().row(top + 2).thread_id, m_popular);
        QVERIFY(comments().index(top + 2).data(Model::MoreRepliesRole).toBool()); // page size 2 of 3
        QVERIFY(!comments().index(top + 1).data(Model::MoreRepliesRole).toBool());
        comments().loadMoreReplies(m_popular);
        QTRY_COMPARE_WITH_TIMEOUT(comments().row(top + 3).text, QString("reply 2"), 10000);
        QVERIFY(!comments().index(top + 3).data(Model::MoreRepliesRole).toBool());
        const int with_replies = comments().count();
        comments().toggleReplies(m_popular); // hide
        QCOMPARE(comments().count(), with_replies - 3);
        QVERIFY(!comments().index(top).data(Model::RepliesShownRole).toBool());
    }

    void postsRepliesEditsAndDeletes() {
        comments().setSort(Model::Sort::Newest);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().row(0).id == m_seeded.at(4), 10000);
        const int total = comments().totalCount();
        QSignalSpy posted(&comments(), &Model::commentPosted);
        comments().post(QStringLiteral("  hello from the app  "));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, 10000);
        const QString mine = posted.at(0).at(0).toString();
        QCOMPARE(comments().row(0).id, mine); // at once, at the top
        QCOMPARE(comments().row(0).text, QString("hello from the app"));
        QVERIFY(comments().index(0).data(Model::IsMineRole).toBool());
        QVERIFY(comments().index(0).data(Model::CanEditRole).toBool());
        QTRY_COMPARE(comments().totalCount(), total + 1);
        QCOMPARE(comments().newCount(), 0); // mine never waits behind the pill

        comments().reply(mine, QStringLiteral("and a reply"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 2, 10000);
        const QString reply = posted.at(1).at(0).toString();
        QCOMPARE(posted.at(1).at(1).toString(), mine);
        QTRY_COMPARE_WITH_TIMEOUT(comments().rowOf(reply), 1, 10000); // the thread opened with it
        QCOMPARE(comments().row(0).reply_count, 1);
        QVERIFY(comments().row(0).replies_shown);

        comments().edit(reply, QStringLiteral("an edited reply"));
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(comments(), reply, Model::TextRole).toString(),
                                  QString("an edited reply"), 10000);
        QVERIFY(roleOf(comments(), reply, Model::EditedRole).toBool());
        const ApiReply stored = m_fixture.api.get("/api/v1/comments/" + mine.toStdString() + "/replies");
        QCOMPARE(stored.json["items"][0].value("text", ""), std::string("an edited reply"));

        comments().remove(reply);
        QTRY_COMPARE_WITH_TIMEOUT(comments().rowOf(reply), -1, 10000);
        comments().post(QStringLiteral("short-lived"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 3, 10000);
        const QString short_lived = posted.at(2).at(0).toString();
        QCOMPARE(comments().row(0).id, short_lived);
        comments().remove(short_lived);
        QTRY_COMPARE_WITH_TIMEOUT(comments().rowOf(short_lived), -1, 10000);
        QVERIFY(comments().errorMessage().isEmpty());
    }

    void myHeldCommentSaysSo() {
        QSignalSpy posted(&comments(), &Model::commentPosted);
        comments().post(QStringLiteral("more at http://example.org/bunny"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, 10000);
        const QString held = posted.at(0).at(0).toString();
        QCOMPARE(comments().row(0).id, held); // shown to me, marked
        QVERIFY(comments().index(0).data(Model::HeldRole).toBool());
        QVERIFY2(comments().notice().contains("held for review"), qPrintable(comments().notice()));
        const ApiReply listed = m_fixture.api.get("/api/v1/videos/" + m_video.toStdString() + "/comments");
        for (const auto& item : listed.json["items"]) // not to anyone else
            QVERIFY(item.value("id", "") != held.toStdString());
        comments().clearNotice();
    }

    void othersNewCommentsWaitBehindThePill() {
        QTRY_VERIFY_WITH_TIMEOUT(comments().live(), 10000);
        const QStringList before = ids(comments());
        const int total = comments().totalCount();
        auto fourth = m_fixture.api.signUp("fourth");
        QVERIFY(fourth);
        const QString first = m_fixture.postAs(*fourth, m_video, "live one");
        const QString second = m_fixture.postAs(*fourth, m_video, "live two");
        QTRY_COMPARE_WITH_TIMEOUT(comments().newCount(), 2, 10000);
        QCOMPARE(ids(comments()), before); // nothing moved under the reader
        QTRY_COMPARE(comments().totalCount(), total + 2);
        comments().showNew();
        QCOMPARE(comments().newCount(), 0);
        QCOMPARE(comments().row(0).id, second); // newest first, at the top
        QCOMPARE(comments().row(1).id, first);
        QCOMPARE(comments().count(), before.size() + 2);

        // A reply from someone else counts up its thread in place.
        const int top = comments().rowOf(first);
        QVERIFY(!m_fixture.postAs(m_third, m_video, "a live reply", first).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(top).data(Model::ReplyCountRole).toInt(), 1, 10000);
        QCOMPARE(comments().newCount(), 0);
        QCOMPARE(comments().rowOf(first), top);
    }

    void aSecondFollowerLeavingKeepsTheTopic() {
        // Another part of the app follows and then stops following the same topic: the list must stay live.
        QTRY_VERIFY_WITH_TIMEOUT(comments().live(), 10000);
        ui::RealtimeClient& realtime = *m_fixture.app().realtime();
        const QString topic = "video:" + m_video + ":comments";
        realtime.subscribe(topic);
        realtime.unsubscribe(topic);
        QVERIFY(realtime.topics().contains(topic));
        const int waiting = comments().newCount();
        auto fifth = m_fixture.api.signUp("fifth"); // a fresh author: others' posting pace is their tests'
        QVERIFY(fifth);
        QVERIFY(!m_fixture.postAs(*fifth, m_video, "still live").isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(comments().newCount(), waiting + 1, 10000);
        comments().showNew();
    }

    void othersChangesApplyInPlace() {
        const QString target = m_seeded.at(4);
        const int at = comments().rowOf(target);
        QVERIFY(at >= 0);
        comments().like(target);
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(at).data(Model::MyReactionRole).toString(),
                                  QString("like"), 10000);
        QCOMPARE(comments().index(at).data(Model::LikeCountRole).toInt(), 1);
        comments().like(target); // again: taken back
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(at).data(Model::MyReactionRole).toString(), QString(),
                                  10000);
        QCOMPARE(comments().index(at).data(Model::LikeCountRole).toInt(), 0);
        comments().dislike(target);
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(at).data(Model::DislikeCountRole).toInt(), 1, 10000);

        // An edit of a comment that is not in the list (a reply in a closed thread) adds nothing; the
        // reaction event after it (same topic, in order) shows that it was handled.
        const ApiReply replies =
            m_fixture.api.get("/api/v1/comments/" + m_popular.toStdString() + "/replies");
        const QString hidden = QString::fromStdString(replies.json["items"][0].value("id", ""));
        QCOMPARE(comments().rowOf(hidden), -1);
        const QVariant replies_before = roleOf(comments(), m_popular, Model::ReplyCountRole);
        QCOMPARE(m_fixture.api
                     .call("PATCH", "/api/v1/comments/" + hidden.toStdString(), m_third.access_token,
                           nlohmann::json{{"text", "reply 0, edited"}})
                     .status,
                 200);
        const std::string path = "/api/v1/comments/" + target.toStdString();
        QCOMPARE(
            m_fixture.callAsOther("PUT", path + "/reaction", nlohmann::json{{"reaction", "like"}}).status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(at).data(Model::LikeCountRole).toInt(), 1, 10000);
        QCOMPARE(comments().newCount(), 0);
        QCOMPARE(comments().rowOf(hidden), -1);
        QCOMPARE(roleOf(comments(), m_popular, Model::ReplyCountRole), replies_before);
        QCOMPARE(comments().index(at).data(Model::MyReactionRole).toString(),
                 QString("dislike")); // still mine

        QCOMPARE(
            m_fixture.callAsOther("PATCH", path, nlohmann::json{{"text", "seed comment 4, edited"}}).status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(comments().index(at).data(Model::TextRole).toString(),
                                  QString("seed comment 4, edited"), 10000);
        QVERIFY(comments().index(at).data(Model::EditedRole).toBool());
        QCOMPARE(comments().rowOf(target), at);

        QCOMPARE(m_fixture.callAsOther("DELETE", path).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(comments().rowOf(target), -1, 10000);
    }

    void reloadsAfterAReconnect() {
        ui::AppContext& app = m_fixture.app();
        app.realtime()->close();
        QTRY_VERIFY(!comments().live());
        const QString missed = m_fixture.postAs(m_third, m_video, "posted while offline");
        QVERIFY(!missed.isEmpty());
        QTest::qWait(300);
        QCOMPARE(comments().rowOf(missed), -1);
        QCOMPARE(comments().newCount(), 0); // no event came
        app.realtime()->open(app.api()->baseUrl(), app.api()->tokens().access_token);
        QTRY_VERIFY_WITH_TIMEOUT(comments().live(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(comments().rowOf(missed), 0, 10000); // the first page, read again
    }

    void ownerPinsAndHearts() {
        const QString mine = m_fixture.insertVideo(m_fixture.me, "My video");
        const QString first = m_fixture.postAsOther(mine, "great video");
        const QString second = m_fixture.postAsOther(mine, "seconded");
        social().setVideoId(mine);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().canModerate() && comments().rowOf(first) >= 0 &&
                                     comments().rowOf(second) >= 0,
                                 10000);
        QVERIFY(comments().index(0).data(Model::CanModerateRole).toBool());
        QVERIFY(comments().index(0).data(Model::CanDeleteRole).toBool()); // the owner may delete
        QVERIFY(!comments().index(0).data(Model::CanEditRole).toBool());
        // Pinning the lower one lifts it to the top at once, as the server will list it.
        const QString theirs = comments().row(1).id;
        const QString other = comments().row(0).id;
        QSignalSpy moved(&comments(), &QAbstractItemModel::rowsMoved);
        comments().setPinned(theirs, true);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(comments(), theirs, Model::PinnedRole).toBool(), 10000);
        QCOMPARE(comments().row(0).id, theirs);
        QCOMPARE(comments().row(1).id, other);
        QCOMPARE(moved.count(), 1);
        comments().setHearted(theirs, true);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(comments(), theirs, Model::HeartedRole).toBool(), 10000);
        const ApiReply listed = m_fixture.api.get("/api/v1/videos/" + mine.toStdString() + "/comments");
        QVERIFY(listed.json["items"][0].value("pinned", false));
        QVERIFY(listed.json["items"][0].value("hearted", false));

        // My own comment goes below the pinned one.
        QSignalSpy posted(&comments(), &Model::commentPosted);
        comments().post(QStringLiteral("thanks!"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, 10000);
        QCOMPARE(comments().row(0).id, theirs);
        QCOMPARE(comments().row(1).id, posted.at(0).at(0).toString());
    }

    void errorsAreReadable() {
        const QString mine = social().videoId();
        const ApiReply off =
            m_fixture.api.call("PATCH", "/api/v1/videos/" + mine.toStdString(), m_fixture.myToken(),
                               nlohmann::json{{"comments_mode", "off"}});
        QCOMPARE(off.status, 200);
        comments().reload();
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().commentsOff(), 10000);
        comments().post(QStringLiteral("anyone?"));
        QTRY_VERIFY_WITH_TIMEOUT(!comments().errorMessage().isEmpty(), 10000);
        QVERIFY2(comments().errorMessage().contains("Comments are turned off"),
                 qPrintable(comments().errorMessage()));
        comments().clearError();
        comments().post(QStringLiteral("   "));
        QCOMPARE(comments().errorMessage(), QString("Write something first."));
    }

    void reportsOthersCommentsOnly() {
        comments().setPageSize(50);
        social().setVideoId(m_video);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && comments().count() > 0, 10000);
        comments().report(m_seeded.at(0), QStringLiteral("spam"));
        QTRY_COMPARE_WITH_TIMEOUT(comments().notice(), QString("Thanks — the comment was reported."), 10000);
        comments().clearNotice();
        QString mine;
        for (int i = 0; i < comments().count() && mine.isEmpty(); ++i)
            if (comments().index(i).data(Model::IsMineRole).toBool())
                mine = comments().row(i).id;
        QVERIFY(!mine.isEmpty());
        QVERIFY(!roleOf(comments(), mine, Model::CanReportRole).toBool());
        comments().report(mine, QStringLiteral("other")); // the server refuses too
        QTRY_VERIFY_WITH_TIMEOUT(comments().errorMessage().startsWith("Could not report the comment: "),
                                 10000);
        comments().clearError();
    }

    void leavingTheVideoEmptiesTheList() {
        social().setVideoId({});
        QCOMPARE(comments().count(), 0);
        QVERIFY(!comments().live());
        QVERIFY(!m_fixture.app().realtime()->topics().contains("video:" + m_video + ":comments"));
    }

    // Last: a second app on a server that limits comments to 2 a minute.
    void postingTooFastSaysWhenToTryAgain() {
        SocialFixture limited({"--rate-limits", "comments=2/min"});
        QString why;
        QVERIFY2(limited.start(&why), qPrintable(why));
        const QString video = limited.insertVideo(limited.other, "Limited");
        ui::SocialController& social = *limited.app().social();
        Model& model = *social.comments();
        social.setVideoId(video);
        QTRY_VERIFY_WITH_TIMEOUT(model.loaded(), 10000);
        QSignalSpy posted(&model, &Model::commentPosted);
        for (int i = 0; i < 2; ++i) {
            model.post(QStringLiteral("comment number %1").arg(i));
            QTRY_COMPARE_WITH_TIMEOUT(posted.count(), i + 1, 10000);
        }
        model.post(QStringLiteral("one too many"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.errorMessage().isEmpty(), 10000);
        QVERIFY2(model.errorMessage().contains(
                     QRegularExpression("You're posting too fast — try again in [0-9]+ s\\.")),
                 qPrintable(model.errorMessage()));
        QCOMPARE(posted.count(), 2);
        QCOMPARE(model.count(), 2);
    }
};

QTEST_MAIN(TestSocialComments)
#include "test_social_comments.moc"
