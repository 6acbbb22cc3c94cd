// The creator's comment review queue (ui/library CommentReviewModel) and a video's comments setting
// (CommentsModeSetting) against a real framecastd: a video set to hold every comment, another user's comments
// appearing in the queue with why they were held; approve (published, listed), remove (gone), block the
// author (their next comment is refused), and a refused action as an error message.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "tests/ui/app_harness.h"
#include "tests/ui/test_library_support.h"
#include "ui/library/library_controller.h"

using namespace fc;
using namespace fc::test;
using Tester = QAbstractItemModelTester;
using Review = ui::CommentReviewModel;

class TestCommentReview : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::unique_ptr<AppHarness> m_harness; // the creator, signed in through the app
    std::unique_ptr<ApiClient> m_api;
    std::optional<SignedUpUser> m_commenter;
    std::string m_video;
    std::unique_ptr<Tester> m_tester;

    ui::CommentReviewModel& review() { return *m_harness->app().library()->review(); }

    ApiReply comment(const std::string& text) {
        return m_api->call("POST", "/api/v1/videos/" + m_video + "/comments", m_commenter->access_token,
                           nlohmann::json{{"text", text}});
    }
    // The ids of the video's published comments, as anyone reads them.
    QStringList publishedIds() { return serverIds(*m_api, "/api/v1/videos/" + m_video + "/comments", {}); }
    // Waits until the queue lists exactly these comment ids (reloading it).
    bool queueIs(const QStringList& ids) {
        review().refresh();
        return QTest::qWaitFor(
            [&] { return !review().loading() && column(review(), Review::CommentIdRole) == ids; }, 10000);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        m_commenter = m_api->signUp("commenter");
        QVERIFY(m_commenter);
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("creator"));
        m_video = quickPublicVideo(m_server, accessToken(*m_harness), "Hold my comments");
        QVERIFY(!m_video.empty());
        m_tester = std::make_unique<Tester>(&review(), Tester::FailureReportingMode::Fatal);
        QTRY_VERIFY_WITH_TIMEOUT(review().loaded(), 10000);
        QCOMPARE(review().count(), 0);
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_harness.reset();
    }

    // The edit dialog's setting: read from the video, saved with PATCH, as the server then reports it.
    void commentsModeSetting() {
        ui::CommentsModeSetting& mode = *m_harness->app().library()->commentsMode();
        mode.load(QString::fromStdString(m_video));
        QTRY_VERIFY_WITH_TIMEOUT(!mode.busy(), 10000);
        QCOMPARE(mode.mode(), QStringLiteral("on"));
        QSignalSpy saved(&mode, &ui::CommentsModeSetting::saved);
        mode.save(QStringLiteral("held"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(mode.mode(), QStringLiteral("held"));
        QVERIFY(mode.errorMessage().isEmpty());
        QCOMPARE(
            m_api->get("/api/v1/videos/" + m_video, accessToken(*m_harness)).json.value("comments_mode", ""),
            std::string("held"));

        mode.save(QStringLiteral("sometimes"));
        QTRY_VERIFY_WITH_TIMEOUT(!mode.errorMessage().isEmpty(), 10000);
        QVERIFY2(mode.errorMessage().startsWith(QStringLiteral("Could not change the comments setting: ")),
                 qPrintable(mode.errorMessage()));
        QCOMPARE(mode.mode(), QStringLiteral("held")); // unchanged
    }

    void heldCommentIsApproved() {
        const ApiReply posted = comment("First!");
        QCOMPARE(posted.status, 201);
        QCOMPARE(posted.json.value("status", ""), std::string("held"));
        const QString id = QString::fromStdString(posted.json.value("id", ""));
        QVERIFY(queueIs({id}));
        const QModelIndex row = review().index(0);
        QCOMPARE(row.data(Review::TextRole).toString(), QStringLiteral("First!"));
        QCOMPARE(row.data(Review::AuthorNameRole).toString(), QString::fromStdString(m_commenter->username));
        QCOMPARE(row.data(Review::AuthorIdRole).toString(), QString::fromStdString(m_commenter->id));
        QCOMPARE(row.data(Review::VideoIdRole).toString(), QString::fromStdString(m_video));
        QCOMPARE(row.data(Review::VideoTitleRole).toString(), QStringLiteral("Hold my comments"));
        QCOMPARE(row.data(Review::HeldReasonRole).toString(), QStringLiteral("review_all"));
        QCOMPARE(row.data(Review::HeldReasonTextRole).toString(),
                 QStringLiteral("You hold all comments on this video for review"));
        QVERIFY(!publishedIds().contains(id));

        QSignalSpy approved(&review(), &Review::approved);
        review().approve(id);
        QTRY_COMPARE_WITH_TIMEOUT(approved.count(), 1, 10000);
        QCOMPARE(review().count(), 0);
        QCOMPARE(publishedIds(), QStringList({id}));
        QVERIFY(queueIs({}));
    }

    void heldCommentIsRemoved() {
        const ApiReply posted = comment("Buy followers now");
        QCOMPARE(posted.status, 201);
        const QString id = QString::fromStdString(posted.json.value("id", ""));
        QVERIFY(queueIs({id}));
        QSignalSpy removed(&review(), &Review::removed);
        review().remove(id);
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 10000);
        QCOMPARE(review().count(), 0);
        QVERIFY(!publishedIds().contains(id));
        QVERIFY(queueIs({}));
    }

    void blockedAuthorCannotComment() {
        const ApiReply posted = comment("You again");
        QCOMPARE(posted.status, 201);
        const QString id = QString::fromStdString(posted.json.value("id", ""));
        QVERIFY(queueIs({id}));
        QSignalSpy blocked(&review(), &Review::authorBlocked);
        review().blockAuthor(id);
        QTRY_COMPARE_WITH_TIMEOUT(blocked.count(), 1, 10000);
        QCOMPARE(blocked.at(0).at(0).toString(), QString::fromStdString(m_commenter->id));
        QVERIFY(review().index(0).data(Review::AuthorBlockedRole).toBool()); // still waits for a decision
        const ApiReply refused = comment("Let me in");
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), std::string("blocked_from_channel"));
        const std::string blocked_path =
            "/api/v1/channels/" + m_harness->app().session()->channelId().toStdString() + "/blocked-users";
        QCOMPARE(serverIds(*m_api, blocked_path, accessToken(*m_harness)),
                 QStringList({QString::fromStdString(m_commenter->id)}));
    }

    void refusedActionShowsError() {
        review().approve(QStringLiteral("AAAAAAAAAAA"));
        QTRY_VERIFY_WITH_TIMEOUT(!review().errorMessage().isEmpty(), 10000);
        QVERIFY2(review().errorMessage().startsWith(QStringLiteral("Could not approve the comment: ")),
                 qPrintable(review().errorMessage()));
        QCOMPARE(review().count(), 1);
    }
};

QTEST_MAIN(TestCommentReview)
#include "test_comment_review.moc"
