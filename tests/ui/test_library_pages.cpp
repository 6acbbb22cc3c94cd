// The Subscriptions and Library pages and the Studio's Comments tab as QML renders them (offscreen), against
// a real framecastd with data: delegates exist by objectName with the server's content, thumbnails load
// through the image provider, a click (or Enter) on a video emits watchRequested with its id, and a few
// actions run from their buttons (open a playlist and remove an item, create a playlist, approve a held
// comment).
#include <QPointer>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

#include "app/app_shell.h"
#include "tests/ui/app_harness.h"
#include "tests/ui/quick_page_view.h"
#include "tests/ui/test_library_support.h"
#include "ui/library/library_controller.h"
#include "ui/studio/api_image_provider.h"

using namespace fc;
using namespace fc::test;

class TestLibraryPages : public QObject, QuickPageView {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    std::unique_ptr<ApiClient> m_api;
    std::optional<SignedUpUser> m_creator;
    std::unique_ptr<AppHarness> m_harness; // the viewer
    QString m_video;    // the creator's processed public video, in every list of the viewer
    QString m_playlist; // the viewer's playlist holding it, then m_second
    QString m_second;

    ui::LibraryController& library() { return *m_harness->app().library(); }

    bool show(const QString& qml_path) { return showQml(qml_path, m_harness->app()); }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // no VideoOutput here
        fc::app::prepareApplication();
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        m_creator = m_api->signUp("creator");
        QVERIFY(m_creator);
        const QString clip = studioClip(m_media.path());
        QVERIFY(!clip.isEmpty());
        m_video = QString::fromStdString(
            processedPublicVideo(m_server, *m_api, m_creator->access_token, clip, "Bunny for everyone"));
        QVERIFY(!m_video.isEmpty());

        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("pages"));
        const std::string viewer = accessToken(*m_harness);
        const std::string video = m_video.toStdString();
        QCOMPARE(
            m_api->call("PUT", "/api/v1/channels/" + m_creator->channel_id + "/subscription", viewer).status,
            200);
        QCOMPARE(m_api
                     ->call("POST", "/api/v1/videos/" + video + "/watch-position", viewer,
                            nlohmann::json{{"position_s", 2.0}})
                     .status,
                 204);
        const ApiReply playlist =
            m_api->call("POST", "/api/v1/playlists", viewer, nlohmann::json{{"title", "Bunnies"}});
        QCOMPARE(playlist.status, 201);
        m_playlist = QString::fromStdString(playlist.json.value("id", ""));
        m_second =
            QString::fromStdString(quickPublicVideo(m_server, m_creator->access_token, "Second bunny"));
        QVERIFY(!m_second.isEmpty());
        for (const QString& id : {m_video, m_second})
            QCOMPARE(m_api
                         ->call("POST", "/api/v1/playlists/" + m_playlist.toStdString() + "/items", viewer,
                                nlohmann::json{{"video_id", id.toStdString()}})
                         .status,
                     201);
        library().addToWatchLater(m_video);
        QTRY_COMPARE_WITH_TIMEOUT(library().statusMessage(), QStringLiteral("Added to Watch later"), 10000);
        // The lists loaded at sign-in, before this data existed; the pages refresh when shown again.
        library().refresh();
        QTRY_VERIFY_WITH_TIMEOUT(library().feed()->count() == 1 && library().history()->count() == 1 &&
                                     library().watchLater()->count() == 1 &&
                                     library().playlists()->count() == 2,
                                 10000);
    }

    void cleanupTestCase() {
        m_view.reset();
        m_harness.reset();
    }

    void subscriptionsPage() {
        QVERIFY(show(QStringLiteral("qrc:/qt/qml/Framecast/Pages/SubscriptionsPage.qml")));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("subscriptionsPage"));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("feedVideo_0")), 10000);
        QObject* card = find(QStringLiteral("feedVideo_0"));
        QCOMPARE(card->property("videoId").toString(), m_video);
        QCOMPARE(find(QStringLiteral("videoCardTitle"), card)->property("text").toString(),
                 QStringLiteral("Bunny for everyone"));
        QTRY_COMPARE_WITH_TIMEOUT(card->property("channelName").toString(),
                                  QString::fromStdString(m_creator->username), 10000);
        QObject* thumbnail = find(QStringLiteral("videoThumbnailImage"), card);
        QVERIFY(thumbnail);
        QTRY_COMPARE_WITH_TIMEOUT(thumbnail->property("status").toInt(), 1 /* Image.Ready */, 15000);
        QObject* channel = find(QStringLiteral("subscribedChannel_0"));
        QVERIFY(channel);
        QCOMPARE(channel->property("name").toString(), QString::fromStdString(m_creator->username));
        QVERIFY(find(QStringLiteral("unsubscribeButton"), channel));
        QVERIFY(!find(QStringLiteral("feedVideo_1")));

        QSignalSpy watch(m_view->rootObject(), SIGNAL(watchRequested(QString)));
        QVERIFY(click(card));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 1, 5000);
        QCOMPARE(watch.at(0).at(0).toString(), m_video);
        // Keyboard: the current card plays with Enter.
        qobject_cast<QQuickItem*>(card)->forceActiveFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 2, 5000);
        QCOMPARE(watch.at(1).at(0).toString(), m_video);
    }

    void libraryPage() {
        QVERIFY(show(QStringLiteral("qrc:/qt/qml/Framecast/Pages/LibraryPage.qml")));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("libraryPage"));
        QSignalSpy watch(m_view->rootObject(), SIGNAL(watchRequested(QString)));

        // History (the first tab), with the resume bar.
        QTRY_VERIFY2_WITH_TIMEOUT(find(QStringLiteral("historyRow_0")),
                                  qPrintable(QStringLiteral("history rows %1, error \"%2\"")
                                                 .arg(library().history()->count())
                                                 .arg(library().history()->errorMessage())),
                                  10000);
        QObject* history = find(QStringLiteral("historyRow_0"));
        QCOMPARE(history->property("videoId").toString(), m_video);
        QVERIFY(find(QStringLiteral("removeFromHistoryButton"), history));
        QVERIFY(find(QStringLiteral("resumeProgressBar"), history));
        QVERIFY(find(QStringLiteral("pauseHistoryButton")));
        QVERIFY(click(find(QStringLiteral("libraryRowTitle"), history)));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 1, 5000);
        QCOMPARE(watch.at(0).at(0).toString(), m_video);

        // Watch later.
        QVERIFY(click(find(QStringLiteral("watchLaterTab"))));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("watchLaterItem_0")), 10000);
        QObject* later = find(QStringLiteral("watchLaterItem_0"));
        QCOMPARE(later->property("videoId").toString(), m_video);
        for (const char* name : {"moveUpButton", "moveDownButton", "removeFromPlaylistButton", "dragHandle"})
            QVERIFY2(find(QString::fromLatin1(name), later), name);
        QVERIFY(click(later));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 2, 5000);
        QCOMPARE(watch.at(1).at(0).toString(), m_video);

        // Playlists: Watch later first, then ours; open it, play from it, remove its video.
        QVERIFY(click(find(QStringLiteral("playlistsTab"))));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("playlistRow_1")), 10000);
        QCOMPARE(propertyOf(QStringLiteral("playlistRow_0"), "isWatchLater").toBool(), true);
        QObject* ours = find(QStringLiteral("playlistRow_1"));
        QCOMPARE(ours->property("playlistId").toString(), m_playlist);
        QVERIFY(click(find(QStringLiteral("openPlaylistButton"), ours)));
        QTRY_VERIFY2_WITH_TIMEOUT(find(QStringLiteral("playlistItem_0")),
                                  qPrintable(QStringLiteral("opened \"%1\", %2 rows, error \"%3\"")
                                                 .arg(library().playlist()->playlistId())
                                                 .arg(library().playlist()->count())
                                                 .arg(library().playlist()->errorMessage())),
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("playlistTitleField"), "text").toString(),
                                  QStringLiteral("Bunnies"), 5000);
        QVERIFY(click(find(QStringLiteral("libraryRowTitle"), find(QStringLiteral("playlistItem_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 3, 5000);
        QCOMPARE(watch.at(2).at(0).toString(), m_video);

        // Reorder with Move down, then by dragging the second row's handle onto the first.
        const std::string items_path = "/api/v1/playlists/" + m_playlist.toStdString() + "/items";
        QVERIFY(click(find(QStringLiteral("moveDownButton"), find(QStringLiteral("playlistItem_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(serverIds(*m_api, items_path, accessToken(*m_harness), "video"),
                                  QStringList({m_second, m_video}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("playlistItem_0"), "videoId").toString(),
                                  m_second, 5000);
        QVERIFY(settled());
        auto* handle = qobject_cast<QQuickItem*>(
            find(QStringLiteral("dragHandle"), find(QStringLiteral("playlistItem_1"))));
        auto* target = qobject_cast<QQuickItem*>(find(QStringLiteral("playlistItem_0")));
        QVERIFY(handle && target);
        const QPoint from = handle->mapToScene(QPointF(handle->width() / 2, handle->height() / 2)).toPoint();
        const QPoint to = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::mousePress(m_view.get(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 5; ++step)
            QTest::mouseMove(m_view.get(), from + (to - from) * step / 5);
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, {}, to);
        QTRY_COMPARE_WITH_TIMEOUT(serverIds(*m_api, items_path, accessToken(*m_harness), "video"),
                                  QStringList({m_video, m_second}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("playlistItem_0"), "videoId").toString(), m_video,
                                  5000);

        // Remove the first video.
        QVERIFY(
            click(find(QStringLiteral("removeFromPlaylistButton"), find(QStringLiteral("playlistItem_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("playlistItem_0"), "videoId").toString(),
                                  m_second, 10000);
        QVERIFY(!find(QStringLiteral("playlistItem_1")));
        QCOMPARE(serverIds(*m_api, items_path, accessToken(*m_harness), "video"), QStringList({m_second}));

        // Back to the list, and a new playlist from the form.
        QVERIFY(click(find(QStringLiteral("playlistBackButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("newPlaylistTitleField")), 5000);
        find(QStringLiteral("newPlaylistTitleField"))
            ->setProperty("text", QStringLiteral("Made in the page"));
        QVERIFY(click(find(QStringLiteral("createPlaylistButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(library().playlists()->count(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("playlistRow_1"), "title").toString(),
                                  QStringLiteral("Made in the page"), 5000);
    }

    void studioCommentsTab() {
        // The viewer's own video, holding every comment; the creator comments on it.
        const std::string video = quickPublicVideo(m_server, accessToken(*m_harness), "Talk to me");
        QVERIFY(!video.empty());
        QCOMPARE(m_api
                     ->call("PATCH", "/api/v1/videos/" + video, accessToken(*m_harness),
                            nlohmann::json{{"comments_mode", "held"}})
                     .status,
                 200);
        const ApiReply posted = m_api->call("POST", "/api/v1/videos/" + video + "/comments",
                                            m_creator->access_token, nlohmann::json{{"text", "Nice one"}});
        QCOMPARE(posted.status, 201);

        QVERIFY(show(QStringLiteral("qrc:/qt/qml/Framecast/Studio/StudioPage.qml")));
        QVERIFY(click(find(QStringLiteral("studioCommentsTab"))));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("heldComment_0")), 10000);
        QObject* held = find(QStringLiteral("heldComment_0"));
        QCOMPARE(find(QStringLiteral("heldCommentText"), held)->property("text").toString(),
                 QStringLiteral("Nice one"));
        QVERIFY(find(QStringLiteral("blockAuthorButton"), held));
        QVERIFY(find(QStringLiteral("removeCommentButton"), held));
        QVERIFY(click(find(QStringLiteral("approveCommentButton"), held)));
        QTRY_VERIFY_WITH_TIMEOUT(!find(QStringLiteral("heldComment_0")), 10000);
        QCOMPARE(serverIds(*m_api, "/api/v1/videos/" + video + "/comments", {}),
                 QStringList({QString::fromStdString(posted.json.value("id", ""))}));
    }
};

QTEST_MAIN(TestLibraryPages)
#include "test_library_pages.moc"
