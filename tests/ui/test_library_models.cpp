// The library's models (ui/library) against a real framecastd: the subscriptions feed and channels, history
// (remove, clear, pause), Watch later, playlists (create, rename, visibility, exact order after moves as the
// server reports it, delete), and refusals shown as error messages (an optimistic move rolled back).
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "tests/ui/app_harness.h"
#include "tests/ui/test_library_support.h"
#include "ui/library/library_controller.h"

using namespace fc;
using namespace fc::test;
using Tester = QAbstractItemModelTester;
using Video = ui::VideoListModel;

class TestLibraryModels : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    std::unique_ptr<AppHarness> m_harness; // the viewer, signed in through the app
    std::unique_ptr<ApiClient> m_api;
    std::optional<SignedUpUser> m_creator; // a channel the viewer follows, through REST
    std::string m_processed;               // the creator's public, processed video
    std::vector<std::unique_ptr<Tester>> m_testers;

    ui::LibraryController& library() { return *m_harness->app().library(); }
    std::string viewerToken() { return accessToken(*m_harness); }

    // Reloads a list and waits for the answer.
    static bool reloaded(ui::JsonListModel& model) {
        model.refresh();
        return QTest::qWaitFor([&] { return model.loaded() && !model.loading(); }, 10000);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        m_creator = m_api->signUp("creator");
        QVERIFY(m_creator);
        const QString clip = studioClip(m_media.path());
        QVERIFY(!clip.isEmpty());
        m_processed = processedPublicVideo(m_server, *m_api, m_creator->access_token, clip, "Fresh upload");
        QVERIFY(!m_processed.empty());

        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("viewer"));
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 library().feed(), library().channels(), library().history(), library().playlists(),
                 library().watchLater(), library().playlist(), library().review()})
            m_testers.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal));
        // Signing in loads every list; Watch later is opened (and made by the server).
        QTRY_VERIFY_WITH_TIMEOUT(library().watchLater()->isWatchLater() && library().watchLater()->loaded(),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(library().playlists()->loaded() && library().feed()->loaded(), 10000);
        QCOMPARE(library().feed()->count(), 0);
    }

    void cleanupTestCase() {
        m_testers.clear();
        m_harness.reset();
    }

    // The feed lists a followed channel's public, playable videos: not a private one, not an unprocessed one.
    void feedAndChannels() {
        const std::string creator = m_creator->access_token;
        const std::string pending = quickPublicVideo(m_server, creator, "Still uploading");
        QVERIFY(!pending.empty());
        const std::string channel_path = "/api/v1/channels/" + m_creator->channel_id + "/subscription";
        QCOMPARE(m_api->call("PUT", channel_path, viewerToken()).status, 200);

        library().refreshSubscriptions();
        ui::SubscriptionsFeedModel& feed = *library().feed();
        QTRY_COMPARE_WITH_TIMEOUT(column(feed, Video::VideoIdRole), qids({m_processed}), 10000);
        QCOMPARE(feed.index(0).data(Video::TitleRole).toString(), QStringLiteral("Fresh upload"));
        QCOMPARE(feed.index(0).data(Video::ViewsTextRole).toString(), QStringLiteral("No views"));
        QVERIFY(!feed.index(0).data(Video::AgeTextRole).toString().isEmpty()); // "just now", "1 minute ago"
        QCOMPARE(feed.index(0).data(Video::DurationTextRole).toString(), QStringLiteral("0:04"));
        QVERIFY(feed.index(0)
                    .data(Video::ThumbnailUrlRole)
                    .toUrl()
                    .toString()
                    .startsWith(QStringLiteral("image://framecast/api/v1/videos/")));
        // The channel's name is read once (the video object has only its id).
        QTRY_COMPARE_WITH_TIMEOUT(feed.index(0).data(Video::ChannelNameRole).toString(),
                                  QString::fromStdString(m_creator->username), 10000);

        ui::SubscribedChannelsModel& channels = *library().channels();
        QTRY_COMPARE_WITH_TIMEOUT(channels.count(), 1, 10000);
        const QModelIndex channel = channels.index(0);
        QCOMPARE(channel.data(ui::SubscribedChannelsModel::ChannelIdRole).toString(),
                 QString::fromStdString(m_creator->channel_id));
        QCOMPARE(channel.data(ui::SubscribedChannelsModel::NameRole).toString(),
                 QString::fromStdString(m_creator->username));
        QCOMPARE(channel.data(ui::SubscribedChannelsModel::SubscribersTextRole).toString(),
                 QStringLiteral("1 subscriber"));

        // Made private: gone from the feed.
        const std::string video_path = "/api/v1/videos/" + m_processed;
        QCOMPARE(m_api->call("PATCH", video_path, creator, nlohmann::json{{"visibility", "private"}}).status,
                 200);
        QVERIFY(reloaded(feed));
        QCOMPARE(feed.count(), 0);
        QCOMPARE(m_api->call("PATCH", video_path, creator, nlohmann::json{{"visibility", "public"}}).status,
                 200);
        QVERIFY(reloaded(feed));
        QCOMPARE(column(feed, Video::VideoIdRole), qids({m_processed}));

        // Unsubscribing from the list: the row goes, the server agrees, and the feed empties.
        QSignalSpy unsubscribed(&channels, &ui::SubscribedChannelsModel::unsubscribed);
        channels.unsubscribe(QString::fromStdString(m_creator->channel_id));
        QTRY_COMPARE_WITH_TIMEOUT(unsubscribed.count(), 1, 10000);
        QCOMPARE(channels.count(), 0);
        QCOMPARE(m_api->get(channel_path, viewerToken()).json.value("subscribed", true), false);
        QTRY_VERIFY_WITH_TIMEOUT(feed.count() == 0 && !feed.loading(), 10000);
    }

    void historyRemoveClearAndPause() {
        const std::string viewer = viewerToken();
        const std::string other = quickPublicVideo(m_server, m_creator->access_token, "Watched second");
        QVERIFY(!other.empty());
        auto watch = [&](const std::string& id, double position_s) {
            return m_api
                ->call("POST", "/api/v1/videos/" + id + "/watch-position", viewer,
                       nlohmann::json{{"position_s", position_s}})
                .status;
        };
        QCOMPARE(watch(m_processed, 1.0), 204);
        QCOMPARE(watch(other, 3.0), 204);

        ui::HistoryModel& history = *library().history();
        QVERIFY(reloaded(history));
        QCOMPARE(column(history, Video::VideoIdRole), qids({other, m_processed})); // most recent first
        QCOMPARE(history.index(1).data(ui::HistoryModel::PositionSRole).toDouble(), 1.0);
        // 1 s of the 4 s clip; the unprocessed one has no duration.
        QVERIFY(qAbs(history.index(1).data(ui::HistoryModel::ProgressRole).toDouble() - 0.25) < 0.02);
        QCOMPARE(history.index(0).data(ui::HistoryModel::ProgressRole).toDouble(), 0.0);
        QVERIFY(!history.index(0).data(ui::HistoryModel::WatchedAgoTextRole).toString().isEmpty());

        history.remove(QString::fromStdString(other));
        QTRY_COMPARE_WITH_TIMEOUT(history.count(), 1, 10000);
        QCOMPARE(serverIds(*m_api, "/api/v1/users/me/history", viewer, "video"), qids({m_processed}));

        // Paused: the server keeps no new positions.
        QVERIFY(!history.paused());
        history.setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(history.paused(), 10000);
        QCOMPARE(m_api->get("/api/v1/users/me/history/settings", viewer).json.value("paused", false), true);
        QCOMPARE(watch(other, 2.0), 204);
        QVERIFY(reloaded(history));
        QCOMPARE(column(history, Video::VideoIdRole), qids({m_processed}));
        history.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(!history.paused(), 10000);
        QCOMPARE(watch(other, 2.0), 204);
        QVERIFY(reloaded(history));
        QCOMPARE(history.count(), 2);

        history.clearAll();
        QTRY_COMPARE_WITH_TIMEOUT(history.count(), 0, 10000);
        QCOMPARE(serverIds(*m_api, "/api/v1/users/me/history", viewer, "video"), QStringList());
        QVERIFY(history.errorMessage().isEmpty());
    }

    void watchLaterAddAndRemove() {
        ui::PlaylistItemsModel& later = *library().watchLater();
        const QString id = QString::fromStdString(m_processed);
        library().addToWatchLater(id);
        QTRY_COMPARE_WITH_TIMEOUT(library().statusMessage(), QStringLiteral("Added to Watch later"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(column(later, Video::VideoIdRole), QStringList({id}), 10000);
        const std::string items_path = "/api/v1/playlists/" + later.playlistId().toStdString() + "/items";
        QCOMPARE(serverIds(*m_api, items_path, viewerToken(), "video"), QStringList({id}));
        // Watch later's count in the playlists list follows.
        ui::PlaylistsModel& playlists = *library().playlists();
        QTRY_COMPARE_WITH_TIMEOUT(playlists.index(0).data(ui::PlaylistsModel::ItemCountRole).toInt(), 1,
                                  10000);
        QVERIFY(playlists.index(0).data(ui::PlaylistsModel::IsWatchLaterRole).toBool());

        library().addToWatchLater(id);
        QTRY_COMPARE_WITH_TIMEOUT(library().statusMessage(), QStringLiteral("Already in Watch later"), 10000);

        later.remove(id);
        QTRY_COMPARE_WITH_TIMEOUT(later.count(), 0, 10000);
        QCOMPARE(serverIds(*m_api, items_path, viewerToken(), "video"), QStringList());
    }

    void playlistsCreateRenameMoveRemove() {
        const std::string viewer = viewerToken();
        ui::PlaylistsModel& playlists = *library().playlists();
        QSignalSpy created(&playlists, &ui::PlaylistsModel::playlistCreated);
        playlists.create(QStringLiteral("Road trip"), QStringLiteral("unlisted"));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
        const QString id = created.at(0).at(0).toString();
        QCOMPARE(playlists.rowOfKey(id), 1); // after Watch later
        QCOMPARE(playlists.index(1).data(ui::PlaylistsModel::TitleRole).toString(),
                 QStringLiteral("Road trip"));
        QCOMPARE(playlists.index(1).data(ui::PlaylistsModel::VisibilityRole).toString(),
                 QStringLiteral("unlisted"));

        playlists.rename(id, QStringLiteral("  Summer road trip "));
        QTRY_COMPARE_WITH_TIMEOUT(playlists.titleOf(id), QStringLiteral("Summer road trip"), 10000);
        playlists.setVisibility(id, QStringLiteral("public"));
        QTRY_COMPARE_WITH_TIMEOUT(
            playlists.index(playlists.rowOfKey(id)).data(ui::PlaylistsModel::VisibilityRole).toString(),
            QStringLiteral("public"), 10000);
        const nlohmann::json stored = m_api->get("/api/v1/playlists/" + id.toStdString(), viewer).json;
        QCOMPARE(stored.value("title", ""), std::string("Summer road trip"));
        QCOMPARE(stored.value("visibility", ""), std::string("public"));

        // Four videos, then moves; after each the order is exactly what the server lists.
        std::vector<std::string> videos{m_processed};
        for (const char* title : {"Second", "Third", "Fourth"})
            videos.push_back(quickPublicVideo(m_server, m_creator->access_token, title));
        for (const auto& video : videos) {
            QSignalSpy added(&library(), &ui::LibraryController::addedToPlaylist);
            library().addToPlaylist(id, QString::fromStdString(video));
            QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 10000);
        }
        ui::PlaylistItemsModel& items = *library().playlist();
        library().openPlaylist(id);
        QTRY_COMPARE_WITH_TIMEOUT(items.title(), QStringLiteral("Summer road trip"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(column(items, Video::VideoIdRole), qids(videos), 10000);
        const std::string items_path = "/api/v1/playlists/" + id.toStdString() + "/items";
        const QStringList a = qids(videos);
        const QList<QPair<int, int>> moves{{0, 2}, {3, 0}, {1, 2}, {2, 1}};
        const QList<QStringList> expected{{a[1], a[2], a[0], a[3]},
                                          {a[3], a[1], a[2], a[0]},
                                          {a[3], a[2], a[1], a[0]},
                                          {a[3], a[1], a[2], a[0]}};
        for (int i = 0; i < moves.size(); ++i) {
            QSignalSpy edited(&items, &ui::PlaylistItemsModel::itemsEdited);
            items.move(moves[i].first, moves[i].second);
            QCOMPARE(column(items, Video::VideoIdRole), expected[i]); // at once
            QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, 10000);
            QVERIFY2(items.errorMessage().isEmpty(), qPrintable(items.errorMessage()));
            QCOMPARE(serverIds(*m_api, items_path, viewer, "video"), expected[i]);
        }
        // The positions the model shows are the server's.
        QList<qint64> server_positions;
        const ApiReply listed = m_api->get(items_path, viewer);
        for (const auto& item : listed.json.value("items", nlohmann::json::array()))
            server_positions.append(item.value("position", qint64(-1)));
        QCOMPARE(items.positions(), server_positions);
        QVERIFY(reloaded(items));
        QCOMPARE(column(items, Video::VideoIdRole), expected.last());
        QTRY_COMPARE_WITH_TIMEOUT(
            playlists.index(playlists.rowOfKey(id)).data(ui::PlaylistsModel::ItemCountRole).toInt(), 4,
            10000);

        // Removing an item and moving again still lands where the server says.
        items.remove(a[1]);
        QTRY_COMPARE_WITH_TIMEOUT(items.count(), 3, 10000);
        QSignalSpy edited(&items, &ui::PlaylistItemsModel::itemsEdited);
        items.move(2, 0);
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, 10000);
        QCOMPARE(column(items, Video::VideoIdRole), QStringList({a[0], a[3], a[2]}));
        QCOMPARE(serverIds(*m_api, items_path, viewer, "video"), QStringList({a[0], a[3], a[2]}));

        // Deleting from the list: the row goes, the open view closes, the server forgets it.
        playlists.remove(id);
        QTRY_COMPARE_WITH_TIMEOUT(playlists.rowOfKey(id), -1, 10000);
        QVERIFY(items.playlistId().isEmpty());
        QCOMPARE(m_api->get("/api/v1/playlists/" + id.toStdString(), viewer).status, 404);
    }

    // Refusals become readable errors; an optimistic move the server refuses goes back.
    void refusedCallsShowErrors() {
        const std::string viewer = viewerToken();
        ui::PlaylistsModel& playlists = *library().playlists();
        const QString later_id = library().watchLater()->playlistId();
        playlists.rename(later_id, QStringLiteral("Not allowed"));
        QTRY_VERIFY_WITH_TIMEOUT(!playlists.errorMessage().isEmpty(), 10000);
        QVERIFY2(playlists.errorMessage().startsWith(QStringLiteral("Could not rename the playlist: ")),
                 qPrintable(playlists.errorMessage()));
        QCOMPARE(playlists.index(0).data(ui::PlaylistsModel::IsWatchLaterRole).toBool(), true);
        playlists.clearError();

        QSignalSpy created(&playlists, &ui::PlaylistsModel::playlistCreated);
        playlists.create(QStringLiteral("Soon gone"));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
        const QString id = created.at(0).at(0).toString();
        const QString first =
            QString::fromStdString(quickPublicVideo(m_server, m_creator->access_token, "One"));
        const QString second =
            QString::fromStdString(quickPublicVideo(m_server, m_creator->access_token, "Two"));
        for (const QString& video : {first, second}) {
            QSignalSpy added(&library(), &ui::LibraryController::addedToPlaylist);
            library().addToPlaylist(id, video);
            QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 10000);
        }
        ui::PlaylistItemsModel& items = *library().playlist();
        library().openPlaylist(id);
        QTRY_COMPARE_WITH_TIMEOUT(column(items, Video::VideoIdRole), QStringList({first, second}), 10000);

        // Deleted elsewhere (another device): the move shows, is refused, and goes back.
        QCOMPARE(m_api->call("DELETE", "/api/v1/playlists/" + id.toStdString(), viewer).status, 204);
        items.move(0, 1);
        QCOMPARE(column(items, Video::VideoIdRole), QStringList({second, first}));
        QTRY_VERIFY_WITH_TIMEOUT(!items.errorMessage().isEmpty(), 10000);
        QVERIFY2(items.errorMessage().startsWith(QStringLiteral("Could not move “One”: ")),
                 qPrintable(items.errorMessage()));
        QCOMPARE(column(items, Video::VideoIdRole), QStringList({first, second}));

        // Adding to a playlist that is gone.
        library().addToPlaylist(id, first);
        QTRY_VERIFY_WITH_TIMEOUT(!library().errorMessage().isEmpty(), 10000);
        QVERIFY2(library().errorMessage().startsWith(QStringLiteral("Could not add the video to ")),
                 qPrintable(library().errorMessage()));
    }

    // Signing out empties every list.
    void signOutClears() {
        m_harness->app().session()->signOut();
        QTRY_VERIFY_WITH_TIMEOUT(library().playlists()->count() == 0 && library().watchLater()->count() == 0,
                                 10000);
        QVERIFY(library().watchLater()->playlistId().isEmpty());
        QCOMPARE(library().history()->count(), 0);
    }
};

QTEST_MAIN(TestLibraryModels)
#include "test_library_models.moc"
