// Home, Trending and a channel page as QML renders them (offscreen), against a real framecastd with the
// browsing corpus (test_browse_support.h): cards show the server's titles, reasons and ranks; the home grid
// reads further pages by itself as its last cards come into reach; a category chip, a time-range tab and a
// sort tab change the model's request and the grid shows the matching titles; Subscribe on the channel page
// goes through App.social; a card click emits watchRequested with its id and a channel's name
// channelRequested.
#include <QPointer>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "app/app_shell.h"
#include "tests/ui/app_harness.h"
#include "tests/ui/quick_page_view.h"
#include "tests/ui/test_browse_support.h"
#include "ui/discovery/browse_controller.h"
#include "ui/studio/api_image_provider.h"

using namespace fc;
using namespace fc::test;

class TestBrowsePages : public QObject, QuickPageView {
    Q_OBJECT
    TestServer m_server{browseServerArgs()};
    std::unique_ptr<ApiClient> m_api;
    BrowseCorpus m_corpus;
    std::unique_ptr<AppHarness> m_harness;

    ui::BrowseController& browse() { return *m_harness->app().browse(); }

    // The title on the named card, or "" while it does not exist (a grid being rebuilt).
    QString cardTitle(const QString& card) {
        QObject* object = find(card);
        return object ? textOf(QStringLiteral("videoCardTitle"), object) : QString();
    }
    bool show(const QString& page) {
        return showQml(QStringLiteral("qrc:/qt/qml/Framecast/Pages/") + page, m_harness->app());
    }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // no VideoOutput here
        fc::app::prepareApplication();
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        QVERIFY(m_corpus.make(m_server, *m_api));
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("pages"));
        // The trending ranking and the category counts are recomputed every second.
        const auto reloaded = [](ui::JsonListModel& model, int count) {
            model.refresh();
            return QTest::qWaitFor([&] { return !model.loading(); }, 10000) && model.count() == count;
        };
        QTRY_VERIFY_WITH_TIMEOUT(reloaded(*browse().trending(), 3), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded(*browse().categories(), 3), 15000);
    }

    void cleanupTestCase() {
        m_view.reset();
        m_harness.reset();
    }

    void homePage() {
        ui::RecommendationsModel& home = *browse().home();
        QVERIFY(show(QStringLiteral("HomePage.qml")));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("homePage"));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("homeVideo_0")) && !home.loading(), 10000);
        QObject* card = find(QStringLiteral("homeVideo_0"));
        const QString first = home.index(0).data(ui::DiscoveryVideoModel::VideoIdRole).toString();
        QCOMPARE(card->property("videoId").toString(), first);
        QCOMPARE(textOf(QStringLiteral("videoCardTitle"), card),
                 home.index(0).data(ui::DiscoveryVideoModel::TitleRole).toString());
        const QString reason = home.index(0).data(ui::DiscoveryVideoModel::ReasonTextRole).toString();
        QVERIFY(!reason.isEmpty());
        QCOMPARE(textOf(QStringLiteral("videoCardReason"), card), reason);
        QVERIFY(!find(QStringLiteral("videoCardRank"), card)); // ranks are Trending's

        QSignalSpy watch(m_view->rootObject(), SIGNAL(watchRequested(QString)));
        QSignalSpy channel(m_view->rootObject(), SIGNAL(channelRequested(QString)));
        QVERIFY(click(find(QStringLiteral("videoCardChannel"), card)));
        QTRY_COMPARE_WITH_TIMEOUT(channel.count(), 1, 5000);
        QCOMPARE(channel.at(0).at(0).toString(), card->property("channelId").toString());
        QCOMPARE(watch.count(), 0); // the channel's name is not the card
        QVERIFY(click(card));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 1, 5000);
        QCOMPARE(watch.at(0).at(0).toString(), first);

        // Infinite grid: with pages of two, the view asks for the next page as its last card comes into
        // reach, until the whole feed (all nine listed videos fit on screen) is there.
        const int whole = int(m_api
                                  ->get("/api/v1/recommendations?limit=100",
                                        m_harness->app().api()->tokens().access_token.toStdString())
                                  .json.value("items", nlohmann::json::array())
                                  .size());
        QVERIFY(whole > 2);
        home.setPageSize(2);
        QVERIFY(click(find(QStringLiteral("refreshHomeButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(home.count(), whole, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("homeVideo_%1").arg(whole - 1)), 5000);
        home.setPageSize(20);
    }

    void trendingPage() {
        ui::TrendingModel& trending = *browse().trending();
        ui::CategoriesModel& categories = *browse().categories();
        QVERIFY(show(QStringLiteral("TrendingPage.qml")));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("trendingPage"));
        QTRY_COMPARE_WITH_TIMEOUT(cardTitle(QStringLiteral("trendingVideo_0")), QStringLiteral("Trend A"),
                                  10000);
        QCOMPARE(cardTitle(QStringLiteral("trendingVideo_2")), QStringLiteral("Trend C"));
        QCOMPARE(textOf(QStringLiteral("videoCardRank"), find(QStringLiteral("trendingVideo_0"))),
                 QStringLiteral("#1"));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("categoryChip_2")), 10000);
        QCOMPARE(textOf(QStringLiteral("categoryChip_all")), QStringLiteral("All"));

        // The Gaming chip: the request names the category and the grid shows its one video.
        const int gaming = int(categories.names().indexOf(QStringLiteral("Gaming")));
        QVERIFY(gaming >= 0);
        QVERIFY(click(find(QStringLiteral("categoryChip_%1").arg(gaming))));
        QTRY_COMPARE_WITH_TIMEOUT(trending.category(), QStringLiteral("Gaming"), 5000);
        QCOMPARE(trending.requestPath(),
                 QStringLiteral("/api/v1/videos/trending?time_range=week&category=Gaming"));
        QTRY_VERIFY_WITH_TIMEOUT(cardTitle(QStringLiteral("trendingVideo_0")) == QStringLiteral("Trend B") &&
                                     !find(QStringLiteral("trendingVideo_1")),
                                 10000);
        QVERIFY(find(QStringLiteral("categoryChip_%1").arg(gaming))->property("highlighted").toBool());

        // Today keeps the category.
        QVERIFY(click(find(QStringLiteral("trendingRange_day"))));
        QTRY_COMPARE_WITH_TIMEOUT(trending.timeRange(), QStringLiteral("day"), 5000);
        QCOMPARE(trending.requestPath(),
                 QStringLiteral("/api/v1/videos/trending?time_range=day&category=Gaming"));
        QTRY_VERIFY_WITH_TIMEOUT(!trending.loading() && cardTitle(QStringLiteral("trendingVideo_0")) ==
                                                            QStringLiteral("Trend B"),
                                 10000);

        // All again: the three of them; a card plays, its channel's name opens the channel.
        QVERIFY(click(find(QStringLiteral("categoryChip_all"))));
        QTRY_COMPARE_WITH_TIMEOUT(trending.category(), QString(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(cardTitle(QStringLiteral("trendingVideo_2")), QStringLiteral("Trend C"),
                                  10000);
        QSignalSpy watch(m_view->rootObject(), SIGNAL(watchRequested(QString)));
        QSignalSpy channel(m_view->rootObject(), SIGNAL(channelRequested(QString)));
        QVERIFY(click(find(QStringLiteral("trendingVideo_0"))));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 1, 5000);
        QCOMPARE(watch.at(0).at(0).toString(), m_corpus.qid("Trend A"));
        QVERIFY(click(find(QStringLiteral("videoCardChannel"), find(QStringLiteral("trendingVideo_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(channel.count(), 1, 5000);
        QCOMPARE(channel.at(0).at(0).toString(), QString::fromStdString(m_corpus.creator().channel_id));
        QVERIFY(click(find(QStringLiteral("trendingRange_week"))));
        QTRY_COMPARE_WITH_TIMEOUT(trending.timeRange(), QStringLiteral("week"), 5000);
    }

    void channelPage() {
        ui::ChannelVideosModel& videos = *browse().channelVideos();
        ui::SocialController& social = *m_harness->app().social();
        const QString channel_id = QString::fromStdString(m_corpus.creator().channel_id);
        QVERIFY(show(QStringLiteral("ChannelPage.qml")));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("channelPage"));
        QVERIFY(QMetaObject::invokeMethod(m_view->rootObject(), "openChannel", Q_ARG(QString, channel_id)));
        QCOMPARE(m_view->rootObject()->property("channelId").toString(), channel_id);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(QStringLiteral("channelNameText")),
                                  QString::fromStdString(m_corpus.creator().username), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            textOf(QStringLiteral("channelStatsText")).contains(QStringLiteral("6 videos")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(cardTitle(QStringLiteral("channelVideo_0")), QStringLiteral("Trend A"),
                                  10000);
        QCOMPARE(cardTitle(QStringLiteral("channelVideo_5")), QStringLiteral("Cooking pasta"));

        // The Popular tab: the request sorts by views and the grid follows.
        QVERIFY(click(find(QStringLiteral("channelSort_popular"))));
        QTRY_COMPARE_WITH_TIMEOUT(videos.sort(), QStringLiteral("popular"), 5000);
        QCOMPARE(videos.requestPath(),
                 QStringLiteral("/api/v1/channels/%1/videos?sort=popular").arg(channel_id));
        QTRY_COMPARE_WITH_TIMEOUT(cardTitle(QStringLiteral("channelVideo_0")),
                                  QStringLiteral("Bunny at night"), 10000);
        QCOMPARE(cardTitle(QStringLiteral("channelVideo_1")), QStringLiteral("Cooking pasta"));

        // Subscribe, through App.social.
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("channelSubscribeButton")), 10000);
        QCOMPARE(textOf(QStringLiteral("channelSubscribeButton")), QStringLiteral("Subscribe"));
        QVERIFY(click(find(QStringLiteral("channelSubscribeButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(social.subscribed() && !social.busy(), 10000);
        QCOMPARE(social.channelId(), channel_id);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(QStringLiteral("channelSubscribeButton")),
                                  QStringLiteral("Subscribed"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            textOf(QStringLiteral("channelStatsText")).contains(QStringLiteral("1 subscriber")), 5000);

        // A card plays its video.
        QSignalSpy watch(m_view->rootObject(), SIGNAL(watchRequested(QString)));
        QVERIFY(click(find(QStringLiteral("channelVideo_0"))));
        QTRY_COMPARE_WITH_TIMEOUT(watch.count(), 1, 5000);
        QCOMPARE(watch.at(0).at(0).toString(), m_corpus.qid("Bunny at night"));
    }
};

QTEST_MAIN(TestBrowsePages)
#include "test_browse_pages.moc"
