// Comments, ratings, share links and the bell in the app, end to end through its window (Xvfb, xcb: the
// player's VideoOutput needs OpenGL). The app user signs up and uploads a clip (test-side tus, as that user);
// pasting the video's share link into the search field opens the player at its time. The user writes a
// comment in the panel under the picture; a second user following video:<id>:comments on a WebSocket
// receives it. The second user then comments over REST: the app shows "1 new comment" instead of moving the
// list, and clicking the pill shows it. Like, Share (a link at the current time on the clipboard), and back
// in the shell the bell counts the second user's comment; clicking its notification opens the video again.
// Screenshots of each step in <build>/tests/e2e/screenshots-comments/.
#include <QClipboard>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

#include "app/app_shell.h"
#include "tests/e2e/e2e_app.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "tests/support/ws_client.h"
#include "ui/app/app_context.h"

using namespace fc;
using namespace fc::test;

class TestCommentsE2e : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    QTemporaryDir m_config;
    QTemporaryDir m_data;
    QString m_clip;
    E2eApp m_e2e{m_server, m_config.path(), m_data.path(), QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)};
    ui::AppContext* m_app = nullptr; // m_e2e's, while it is open
    UiDriver* m_ui = nullptr;
    QQuickWindow* m_window = nullptr;
    std::string m_videoId;
    SignedUpUser m_viewer; // the second user
    WsClient m_viewerSocket;
    const QString m_myComment = QStringLiteral("Lovely light in this shot, look at the sky");
    const QString m_theirComment = QStringLiteral("Agreed, the colours are great");
    int m_unreadBefore = 0; // e.g. "your video is ready"

    QObject* player() const {
        QQuickItem* page = m_ui->find(QStringLiteral("playerPage"));
        return page ? page->property("player").value<QObject*>() : nullptr;
    }
    QString text(const QString& object_name) const {
        QQuickItem* item = m_ui->find(object_name);
        return item ? item->property("text").toString() : QString();
    }
    // Scrolls the watch page so the item is on screen, as the mouse wheel would.
    QQuickItem* scrolledTo(const QString& object_name) {
        QQuickItem* item = m_ui->waitFor(object_name);
        QQuickItem* scroller = m_ui->find(QStringLiteral("playerScroller"));
        if (!item || !scroller)
            return item;
        auto* content = scroller->property("contentItem").value<QQuickItem*>();
        const double y = item->mapToItem(content, QPointF(0, 0)).y();
        const double max_y =
            std::max(0.0, scroller->property("contentHeight").toDouble() - scroller->height());
        scroller->setProperty("contentY", std::clamp(y - scroller->height() / 3, 0.0, max_y));
        QTest::qWait(100);
        return item;
    }

    // Back, at the top of the picture: scrolled back up to, and brought back by moving the pointer over the
    // picture (the controls hide while playing).
    bool clickBack() {
        scrolledTo(QStringLiteral("videoOutput"));
        if (QQuickItem* output = m_ui->find(QStringLiteral("videoOutput"))) {
            const QPoint over =
                output->mapToScene(QPointF(output->width() / 2, output->height() / 3)).toPoint();
            QTest::mouseMove(m_window, over);
            QTest::mouseMove(m_window, over + QPoint(3, 0));
        }
        return m_ui->click(m_ui->waitFor(QStringLiteral("playerBackButton"), 5000));
    }

private slots:
    void initTestCase() {
        app::prepareApplication();
        QDir(QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)).removeRecursively();
        m_clip = makeClip(
            m_media.path(), sharedMedia("big_buck_bunny.mp4"), 20, 8,
            {"-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "64k"},
            QStringLiteral("bbb_comments.mp4"));
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));

        QVERIFY(m_e2e.open(true));
        m_app = m_e2e.app();
        m_ui = m_e2e.ui();
        m_window = m_e2e.window();
    }

    void cleanupTestCase() { m_e2e.close(); }

    void signUpAndUpload() {
        const QString name = QStringLiteral("creator%1").arg(QCoreApplication::applicationPid() % 100000);
        QVERIFY(m_e2e.signUp(name));

        m_videoId = m_e2e.uploadReady(m_clip);
        QVERIFY(!m_videoId.empty());
        ApiClient api(m_server);

        auto viewer = api.signUp("viewer");
        QVERIFY(viewer);
        m_viewer = *viewer;
        QVERIFY(m_viewerSocket.open(m_server, m_viewer.access_token));
        const std::string topic = "video:" + m_videoId + ":comments";
        QCOMPARE(m_viewerSocket.subscribe(topic).value("type", ""), std::string("subscribed"));
        m_ui->screenshot(QStringLiteral("signed-in"));
    }

    void shareLinkOpensThePlayerAtItsTime() {
        const QString link = QString::fromStdString(m_server.url("/watch/" + m_videoId + "?t=4"));
        QVERIFY(m_ui->typeInto(QStringLiteral("searchField"), link));
        m_ui->screenshot(QStringLiteral("share-link-pasted"));
        QTest::keyClick(m_window, Qt::Key_Return);
        QVERIFY(m_ui->waitFor(QStringLiteral("playerPage")));
        QObject* controller = player();
        QVERIFY(controller);
        QCOMPARE(controller->property("videoId").toString(), QString::fromStdString(m_videoId));
        QTRY_COMPARE_WITH_TIMEOUT(controller->property("state").toString(), QString("playing"), 30000);
        QVERIFY2(controller->property("position_s").toDouble() >= 3.9,
                 qPrintable(QString::number(controller->property("position_s").toDouble())));
        QMetaObject::invokeMethod(controller, "pause");
        QTRY_COMPARE_WITH_TIMEOUT(controller->property("state").toString(), QString("paused"), 10000);

        // My own video: no Subscribe, but the panel and the actions are there.
        QVERIFY(m_ui->waitFor(QStringLiteral("likeButton")));
        QVERIFY(m_ui->find(QStringLiteral("shareButton")));
        QTRY_VERIFY(m_app->social()->videoLoaded());
        QVERIFY(!m_ui->find(QStringLiteral("subscribeButton")));
        QVERIFY(scrolledTo(QStringLiteral("commentsPanel")));
        m_ui->screenshot(QStringLiteral("player-at-4s"));
    }

    void postsACommentThatOthersSeeLive() {
        QVERIFY(scrolledTo(QStringLiteral("commentComposer")));
        // Keys typed into the box stay there: "k" and space do not pause or play the video.
        QVERIFY(m_ui->typeInto(QStringLiteral("commentComposer"), m_myComment));
        QCOMPARE(player()->property("state").toString(), QString("paused"));
        m_ui->screenshot(QStringLiteral("comment-typed"));
        QVERIFY(m_ui->click(QStringLiteral("commentPostButton")));

        QQuickItem* first = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((first = m_ui->find(QStringLiteral("commentText_0"))) &&
                                     first->property("text").toString() == m_myComment,
                                 10000);
        QTRY_COMPARE(text(QStringLiteral("commentComposer")), QString()); // cleared once posted
        QTRY_COMPARE(text(QStringLiteral("commentCountLabel")), QString("1 comment"));
        const auto event =
            m_viewerSocket.waitFor("comment_created", "video:" + m_videoId + ":comments", 10000);
        QVERIFY(event);
        QCOMPARE(QString::fromStdString((*event)["data"]["comment"].value("text", "")), m_myComment);
        m_ui->screenshot(QStringLiteral("comment-posted"));
    }

    void othersCommentWaitsBehindThePill() {
        QTRY_VERIFY(m_app->social()->notifications()->live());
        QTest::qWait(200); // the first page of notifications, read when the topic was granted
        m_unreadBefore = m_app->social()->notifications()->unreadCount();
        ApiClient api(m_server);
        const ApiReply posted =
            api.call("POST", "/api/v1/videos/" + m_videoId + "/comments", m_viewer.access_token,
                     nlohmann::json{{"text", m_theirComment.toStdString()}});
        QCOMPARE(posted.status, 201);
        QQuickItem* pill = m_ui->waitFor(QStringLiteral("newCommentsPill"));
        QVERIFY(pill);
        QVERIFY2(pill->property("text").toString().contains("1 new comment"),
                 qPrintable(pill->property("text").toString()));
        QCOMPARE(text(QStringLiteral("commentText_0")), m_myComment); // the list did not move
        QVERIFY(!m_ui->find(QStringLiteral("commentRow_1")));
        scrolledTo(QStringLiteral("newCommentsPill"));
        m_ui->screenshot(QStringLiteral("new-comments-pill"));

        QVERIFY(m_ui->click(pill));
        QTRY_COMPARE(text(QStringLiteral("commentText_0")), m_theirComment);
        QCOMPARE(text(QStringLiteral("commentText_1")), m_myComment);
        QTRY_VERIFY(!m_ui->find(QStringLiteral("newCommentsPill")));
        QTRY_COMPARE(text(QStringLiteral("commentCountLabel")), QString("2 comments"));
        m_ui->screenshot(QStringLiteral("new-comment-shown"));
    }

    void repliesFromTheList() {
        const QString reply = QStringLiteral("Thanks, it was a lucky evening");
        QVERIFY(m_ui->click(scrolledTo(QStringLiteral("commentReplyButton_0"))));
        QVERIFY(m_ui->typeInto(QStringLiteral("replyComposer_0"), reply));
        QVERIFY(m_ui->click(QStringLiteral("replyPostButton_0")));
        // The thread opens with the reply under it; the reply box closes.
        QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("commentText_1")), reply, 10000);
        QTRY_VERIFY(!m_ui->find(QStringLiteral("replyComposer_0")));
        QCOMPARE(text(QStringLiteral("commentRepliesButton_0")), QString("▴ Hide replies"));
        QCOMPARE(text(QStringLiteral("commentText_2")), m_myComment);
        scrolledTo(QStringLiteral("commentRow_1"));
        m_ui->screenshot(QStringLiteral("replied"));
    }

    void likesAndSharesTheVideo() {
        scrolledTo(QStringLiteral("likeButton"));
        QVERIFY(m_ui->click(QStringLiteral("likeButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->social()->myRating(), QString("like"), 10000);
        QTRY_VERIFY(m_ui->find(QStringLiteral("likeButton"))->property("text").toString().endsWith("1"));
        QVERIFY(m_ui->click(QStringLiteral("shareButton")));
        QQuickItem* message = m_ui->waitFor(QStringLiteral("shareMessage"));
        QVERIFY(message);
        const QString url = QGuiApplication::clipboard()->text();
        QVERIFY2(url.contains("/watch/" + QString::fromStdString(m_videoId) + "?t="), qPrintable(url));
        QVERIFY(m_app->social()->shareMessage().contains(url));
        m_ui->screenshot(QStringLiteral("liked-and-shared"));
    }

    void savesTheVideoToWatchLater() {
        scrolledTo(QStringLiteral("saveButton"));
        QVERIFY(m_ui->click(QStringLiteral("saveButton")));
        QQuickItem* watchLater = m_ui->waitFor(QStringLiteral("savePlaylist_0"));
        QVERIFY(watchLater);
        QCOMPARE(watchLater->property("isWatchLater").toBool(), true);
        QVERIFY(m_ui->click(watchLater));
        QVERIFY(m_ui->waitFor(QStringLiteral("saveMessage")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->find(QStringLiteral("savePlaylist_0")), 5000); // the popup closed
        m_ui->screenshot(QStringLiteral("saved-to-watch-later"));
        // The server has it in the creator's Watch later.
        ApiClient api(m_server);
        const auto items =
            api.get("/api/v1/playlists/watch-later/items", m_app->api()->tokens().access_token.toStdString());
        QCOMPARE(items.status, 200);
        QCOMPARE(items.json["items"].size(), size_t(1));
        QCOMPARE(items.json["items"][0]["video"].value("id", ""), m_videoId);
    }

    void fullScreenShowsThePictureAlone() {
        QQuickItem* page = m_ui->find(QStringLiteral("playerPage"));
        QVERIFY(page);
        QTest::keyClick(m_window, Qt::Key_F);
        QTRY_VERIFY_WITH_TIMEOUT(page->property("fullScreen").toBool(), 5000);
        QTRY_VERIFY(!m_ui->find(QStringLiteral("commentsPanel")));
        QVERIFY(!m_ui->find(QStringLiteral("likeButton")));
        QQuickItem* output = m_ui->find(QStringLiteral("videoOutput"));
        QVERIFY(output);
        QTRY_COMPARE(output->height(), page->height());
        m_ui->screenshot(QStringLiteral("full-screen"));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!page->property("fullScreen").toBool(), 5000);
        QVERIFY(m_ui->waitFor(QStringLiteral("commentsPanel")));
    }

    void theBellCountsTheirCommentAndOpensTheVideo() {
        QVERIFY(clickBack());
        QTRY_VERIFY(!m_ui->find(QStringLiteral("playerPage")));
        QQuickItem* badge = m_ui->waitFor(QStringLiteral("notificationsBadge"));
        QVERIFY(badge);
        QTRY_COMPARE(text(QStringLiteral("notificationsBadge")), QString::number(m_unreadBefore + 1));
        m_ui->screenshot(QStringLiteral("bell-badge"));
        QVERIFY(m_ui->click(QStringLiteral("notificationsBell")));
        QQuickItem* row = m_ui->waitFor(QStringLiteral("notificationRow_0"));
        QVERIFY(row);
        QCOMPARE(m_app->social()->notifications()->row(0).kind, QString("video_comment"));
        m_ui->screenshot(QStringLiteral("notifications"));
        QVERIFY(m_ui->click(row));
        QVERIFY(m_ui->waitFor(QStringLiteral("playerPage")));
        QCOMPARE(player()->property("videoId").toString(), QString::fromStdString(m_videoId));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->social()->notifications()->unreadCount(), m_unreadBefore, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(player()->property("state").toString(), QString("playing"), 30000);
        m_ui->screenshot(QStringLiteral("opened-from-notification"));
        QVERIFY(clickBack());
        QTRY_VERIFY(!m_ui->find(QStringLiteral("playerPage")));
        if (m_unreadBefore > 0) { // the rest: "Mark all read"
            QVERIFY(m_ui->click(QStringLiteral("notificationsBell")));
            QVERIFY(m_ui->click(QStringLiteral("markAllReadButton")));
            QTest::keyClick(m_window, Qt::Key_Escape);
        }
        QTRY_VERIFY(!m_ui->find(QStringLiteral("notificationsBadge")));
        m_ui->screenshot(QStringLiteral("all-read"));
    }
};

QTEST_MAIN(TestCommentsE2e)
#include "test_comments_e2e.moc"
