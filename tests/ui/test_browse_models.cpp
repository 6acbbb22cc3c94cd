// App.browse's models (ui/discovery) against a real framecastd with a small listed corpus
// (test_browse_support.h): categories, trending by time range and category, the home feed's recommendations
// (reasons, paging, watched videos left out, reloads after watching and at sign-out), a channel's details and
// videos by sort with Subscribe through App.social, and failures as readable messages. Every model runs under
// a Fatal QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <vector>

#include "tests/ui/app_harness.h"
#include "tests/ui/test_browse_support.h"
#include "ui/discovery/browse_controller.h"

using namespace fc;
using namespace fc::test;
using Tester = QAbstractItemModelTester;
using Card = ui::DiscoveryVideoModel;

namespace {

// Reloads a list and waits for the answer (or the failure).
bool reloaded(ui::JsonListModel& model) {
    model.refresh();
    return QTest::qWaitFor([&] { return !model.loading(); }, 10000) && model.errorMessage().isEmpty();
}

// Reads every page (fetchMore until the server has no more); false on a failure or time-out.
bool fetchedAll(ui::JsonListModel& model) {
    while (model.canFetchMore()) {
        model.fetchMore();
        if (!QTest::qWaitFor([&] { return !model.loading(); }, 10000) || !model.errorMessage().isEmpty())
            return false;
    }
    return true;
}

QStringList column(const QAbstractItemModel& model, int role) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, 0).data(role).toString());
    return values;
}

QStringList titles(const QAbstractItemModel& model) {
    return column(model, Card::TitleRole);
}

} // namespace

class TestBrowseModels : public QObject {
    Q_OBJECT
    TestServer m_server{browseServerArgs()};
    std::unique_ptr<ApiClient> m_api;
    BrowseCorpus m_corpus;
    std::unique_ptr<AppHarness> m_harness; // the viewer, signed in through the app
    std::vector<std::unique_ptr<Tester>> m_testers;

    ui::BrowseController& browse() { return *m_harness->app().browse(); }
    ui::SocialController& social() { return *m_harness->app().social(); }
    std::string viewerToken() { return m_harness->app().api()->tokens().access_token.toStdString(); }
    QString creatorChannel() { return QString::fromStdString(m_corpus.creator().channel_id); }

    // The whole home feed, read page by page; empty on failure.
    QStringList wholeFeed() {
        ui::RecommendationsModel& home = *browse().home();
        if (!reloaded(home) || !fetchedAll(home))
            return {};
        return column(home, Card::VideoIdRole);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        QVERIFY(m_corpus.make(m_server, *m_api));
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("browser"));
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 browse().home(), browse().trending(), browse().categories(), browse().channelVideos()})
            m_testers.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal));
        // Signing in loads the home feed and trending.
        QTRY_VERIFY_WITH_TIMEOUT(browse().home()->loaded() && browse().trending()->loaded(), 10000);
    }

    void categories() {
        ui::CategoriesModel& categories = *browse().categories();
        // Counted by the trending refresh (every second here). Most videos first; the private video counts
        // nothing.
        const auto names = [&] { return reloaded(categories) ? categories.names() : QStringList(); };
        QTRY_COMPARE_WITH_TIMEOUT(names(), (QStringList{"Music", "Film", "Gaming"}), 15000);
        QCOMPARE(column(categories, ui::CategoriesModel::VideoCountRole), (QStringList{"4", "3", "2"}));
        QCOMPARE(categories.index(0).data(ui::CategoriesModel::NameRole).toString(), QStringLiteral("Music"));
        QVERIFY(!categories.canFetchMore());
    }

    void trendingByRangeAndCategory() {
        ui::TrendingModel& trending = *browse().trending();
        QCOMPARE(trending.timeRange(), QStringLiteral("week"));
        QCOMPARE(trending.requestPath(), QStringLiteral("/api/v1/videos/trending?time_range=week"));
        // The ranking shows the engagement within a refresh (a second here).
        const auto reloadedTitles = [&] { return reloaded(trending) ? titles(trending) : QStringList(); };
        QTRY_COMPARE_WITH_TIMEOUT(reloadedTitles(), BrowseCorpus::trendingTitles(), 15000);
        const QModelIndex top = trending.index(0);
        QCOMPARE(top.data(Card::VideoIdRole).toString(), m_corpus.qid("Trend A"));
        QCOMPARE(top.data(Card::ReasonKindRole).toString(), QStringLiteral("trending"));
        QCOMPARE(top.data(Card::ReasonTextRole).toString(), QStringLiteral("Trending"));
        QCOMPARE(top.data(Card::ChannelIdRole).toString(), creatorChannel());
        QCOMPARE(top.data(Card::ChannelNameRole).toString(),
                 QString::fromStdString(m_corpus.creator().username));
        QCOMPARE(top.data(Card::ViewsTextRole).toString(), QStringLiteral("10 views"));
        QCOMPARE(top.data(Card::AgeTextRole).toString(), QStringLiteral("1 day ago"));
        QCOMPARE(top.data(Card::DurationTextRole).toString(), QStringLiteral("1:35"));
        QVERIFY(top.data(Card::ScoreRole).toDouble() > trending.index(1).data(Card::ScoreRole).toDouble());
        QVERIFY(trending.computedAt().isValid());

        // A category narrows the list; the time range keeps it.
        trending.setCategory(QStringLiteral("Music"));
        QCOMPARE(trending.requestPath(),
                 QStringLiteral("/api/v1/videos/trending?time_range=week&category=Music"));
        QVERIFY(QTest::qWaitFor([&] { return !trending.loading(); }, 10000));
        QCOMPARE(titles(trending), (QStringList{"Trend A", "Trend C"}));
        trending.setTimeRange(QStringLiteral("day"));
        QCOMPARE(trending.requestPath(),
                 QStringLiteral("/api/v1/videos/trending?time_range=day&category=Music"));
        QVERIFY(QTest::qWaitFor([&] { return !trending.loading(); }, 10000));
        QCOMPARE(titles(trending), (QStringList{"Trend A", "Trend C"}));
        trending.setTimeRange(QStringLiteral("year")); // not a range: ignored
        QCOMPARE(trending.timeRange(), QStringLiteral("day"));
        trending.setCategory(QStringLiteral("Gaming"));
        QVERIFY(QTest::qWaitFor([&] { return !trending.loading(); }, 10000));
        QCOMPARE(titles(trending), QStringList{"Trend B"});

        // Page by page: the same ranking.
        trending.setCategory({});
        trending.setTimeRange(QStringLiteral("week"));
        trending.setPageSize(2);
        QVERIFY(reloaded(trending));
        QCOMPARE(trending.count(), 2);
        QVERIFY(trending.canFetchMore());
        QVERIFY(fetchedAll(trending));
        QCOMPARE(titles(trending), BrowseCorpus::trendingTitles());
        trending.setPageSize(20);
    }

    void homeFeed() {
        ui::RecommendationsModel& home = *browse().home();
        QVERIFY(reloaded(home));
        QVERIFY(home.count() > 0);
        // Only listed videos, each once, each with its reason in words.
        const QStringList feed = wholeFeed();
        QVERIFY(!feed.isEmpty());
        QVERIFY(!feed.contains(m_corpus.qid("Secret bunny")));
        QCOMPARE(QSet<QString>(feed.cbegin(), feed.cend()).size(), feed.size());
        const QStringList kinds{"because_you_watched", "subscription", "trending", "popular", "fresh"};
        for (int row = 0; row < home.count(); ++row) {
            const QModelIndex index = home.index(row);
            QVERIFY2(kinds.contains(index.data(Card::ReasonKindRole).toString()),
                     qPrintable(index.data(Card::ReasonKindRole).toString()));
            QVERIFY(!index.data(Card::ReasonTextRole).toString().isEmpty());
            QVERIFY(!index.data(Card::TitleRole).toString().isEmpty());
            QVERIFY(!index.data(Card::ChannelNameRole).toString().isEmpty());
        }
        // The feed the app pages through is the one the server lists in one answer.
        QStringList server = serverFeed();
        QStringList sorted = feed;
        sorted.sort();
        server.sort();
        QCOMPARE(sorted, server);

        // Small pages: the same videos, none twice.
        home.setPageSize(4);
        QVERIFY(reloaded(home));
        QCOMPARE(home.count(), std::min<int>(4, int(feed.size())));
        QVERIFY(fetchedAll(home));
        QStringList paged = column(home, Card::VideoIdRole);
        QCOMPARE(QSet<QString>(paged.cbegin(), paged.cend()).size(), paged.size());
        paged.sort();
        QCOMPARE(paged, sorted);
        home.setPageSize(20);
    }

    void homeFeedLeavesWatchedOut() {
        const std::string park = m_corpus.id("Bunny in the park");
        QCOMPARE(m_api
                     ->call("POST", "/api/v1/videos/" + park + "/watch-position", viewerToken(),
                            nlohmann::json{{"position_s", 80.0}})
                     .status,
                 204);
        QCOMPARE(m_api
                     ->call("PUT", "/api/v1/videos/" + park + "/rating", viewerToken(),
                            nlohmann::json{{"rating", "like"}})
                     .status,
                 200);
        // Within a model refresh: never the watched video, and something because of it.
        const QString parkId = QString::fromStdString(park);
        ui::RecommendationsModel& home = *browse().home();
        const auto because = [&] {
            const QStringList feed = wholeFeed();
            if (feed.isEmpty() || feed.contains(parkId))
                return false;
            const QStringList reasons = column(home, Card::ReasonVideoIdRole);
            const int row = int(reasons.indexOf(parkId));
            return row >= 0 && home.index(row).data(Card::ReasonTextRole).toString() ==
                                   QStringLiteral("Because you watched Bunny in the park");
        };
        QTRY_VERIFY_WITH_TIMEOUT(because(), 20000);
    }

    void channelBySort() {
        ui::ChannelDetails& channel = *browse().channel();
        ui::ChannelVideosModel& videos = *browse().channelVideos();
        browse().openChannel(creatorChannel());
        QCOMPARE(videos.requestPath(),
                 QStringLiteral("/api/v1/channels/%1/videos?sort=newest").arg(creatorChannel()));
        QTRY_VERIFY_WITH_TIMEOUT(channel.loaded() && videos.loaded() && !videos.loading(), 10000);
        const QString username = QString::fromStdString(m_corpus.creator().username);
        QCOMPARE(channel.channelId(), creatorChannel());
        QCOMPARE(channel.name(), username);
        QCOMPARE(channel.handleText(), QStringLiteral("@") + username);
        QCOMPARE(channel.videoCount(), 6);
        QCOMPARE(channel.videoCountText(), QStringLiteral("6 videos"));
        QCOMPARE(titles(videos), BrowseCorpus::newestTitles());
        QCOMPARE(column(videos, Card::ReasonTextRole), QStringList(6, QString())); // plain videos

        videos.setSort(QStringLiteral("popular"));
        QVERIFY(videos.requestPath().endsWith(QStringLiteral("?sort=popular")));
        QVERIFY(QTest::qWaitFor([&] { return !videos.loading(); }, 10000));
        QCOMPARE(titles(videos), BrowseCorpus::popularTitles());
        QCOMPARE(videos.index(0).data(Card::ViewsTextRole).toString(), QStringLiteral("9K views"));
        videos.setSort(QStringLiteral("bogus")); // not a sort: ignored
        QCOMPARE(videos.sort(), QStringLiteral("popular"));

        // Oldest first, page by page.
        videos.setPageSize(4);
        videos.setSort(QStringLiteral("oldest"));
        QVERIFY(QTest::qWaitFor([&] { return !videos.loading(); }, 10000));
        QCOMPARE(videos.count(), 4);
        QVERIFY(fetchedAll(videos));
        QStringList oldest = BrowseCorpus::newestTitles();
        std::reverse(oldest.begin(), oldest.end());
        QCOMPARE(titles(videos), oldest);
        videos.setPageSize(20);
        // Opening the channel again starts at its newest.
        browse().openChannel(creatorChannel());
        QCOMPARE(videos.sort(), QStringLiteral("oldest")); // the same channel keeps its sort
        browse().openChannel({});
        QCOMPARE(videos.count(), 0);
        browse().openChannel(creatorChannel());
        QCOMPARE(videos.sort(), QStringLiteral("newest"));
        QVERIFY(QTest::qWaitFor([&] { return !videos.loading(); }, 10000));
    }

    void channelSubscribeThroughSocial() {
        browse().openChannel(creatorChannel());
        QCOMPARE(social().channelId(), creatorChannel());
        QVERIFY(social().videoId().isEmpty());
        QVERIFY(!social().videoLoaded());
        QTRY_COMPARE_WITH_TIMEOUT(social().channelName(), QString::fromStdString(m_corpus.creator().username),
                                  10000);
        QVERIFY(social().canSubscribe());
        QVERIFY(!social().subscribed());
        social().toggleSubscription();
        QTRY_VERIFY_WITH_TIMEOUT(social().subscribed() && !social().busy(), 10000);
        QCOMPARE(social().subscriberCount(), 1);
        const std::string path = "/api/v1/channels/" + m_corpus.creator().channel_id + "/subscription";
        QCOMPARE(m_api->get(path, viewerToken()).json.value("subscribed", false), true);
        social().toggleSubscription();
        QTRY_VERIFY_WITH_TIMEOUT(!social().subscribed() && !social().busy(), 10000);
        QCOMPARE(m_api->get(path, viewerToken()).json.value("subscribed", true), false);

        // The player takes App.social over; closing it gives the channel page its channel back and reloads
        // the home feed (what was watched leaves it).
        QSignalSpy homeLoading(browse().home(), &ui::JsonListModel::loadingChanged);
        social().setVideoId(m_corpus.qid("Trend A"));
        QVERIFY(social().videoId() == m_corpus.qid("Trend A"));
        social().setVideoId({});
        QCOMPARE(social().channelId(), creatorChannel());
        QVERIFY(browse().home()->loading());
        QVERIFY(QTest::qWaitFor([&] { return !browse().home()->loading(); }, 10000));
    }

    void failuresInWords() {
        ui::ChannelDetails& channel = *browse().channel();
        ui::ChannelVideosModel& videos = *browse().channelVideos();
        const QString missing = QString::fromStdString(fc::newId());
        browse().openChannel(missing);
        QVERIFY(!channel.loaded());
        QTRY_VERIFY_WITH_TIMEOUT(!channel.errorMessage().isEmpty() && !videos.errorMessage().isEmpty(),
                                 10000);
        QVERIFY2(channel.errorMessage().startsWith(QStringLiteral("Could not load the channel: ")),
                 qPrintable(channel.errorMessage()));
        QVERIFY2(videos.errorMessage().startsWith(QStringLiteral("Could not load the channel's videos: ")),
                 qPrintable(videos.errorMessage()));
        for (const QString& message : {channel.errorMessage(), videos.errorMessage()})
            QVERIFY2(!message.contains(QStringLiteral("channel_not_found")) && !message.contains('{'),
                     qPrintable(message));
        QCOMPARE(videos.count(), 0);
        channel.clearError();
        QVERIFY(channel.errorMessage().isEmpty());
    }

    void signOutReloadsAnonymously() {
        const QString park = m_corpus.qid("Bunny in the park");
        QVERIFY(!wholeFeed().contains(park));
        m_harness->app().session()->signOut();
        QTRY_COMPARE_WITH_TIMEOUT(m_harness->app().session()->state(),
                                  ui::SessionController::State::SignedOut, 10000);
        QVERIFY(social().channelId().isEmpty());
        // The anonymous feed (cold start) has no history to leave anything out.
        QTRY_VERIFY_WITH_TIMEOUT(browse().home()->loaded() && !browse().home()->loading(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(wholeFeed().contains(park), 15000);
    }

    void serverGoneInWords() {
        m_server.kill();
        for (ui::JsonListModel* model : std::initializer_list<ui::JsonListModel*>{
                 browse().home(), browse().trending(), browse().categories()}) {
            QVERIFY(!reloaded(*model));
            QVERIFY2(model->errorMessage().startsWith(QStringLiteral("Could not load ")),
                     qPrintable(model->errorMessage()));
            QVERIFY(model->errorMessage().size() > QStringLiteral("Could not load the categories: ").size());
        }
    }

    void cleanupTestCase() {
        m_testers.clear();
        m_harness.reset();
    }

private:
    QStringList serverFeed() {
        const ApiReply reply = m_api->get("/api/v1/recommendations?limit=100", viewerToken());
        QStringList ids;
        for (const auto& item : reply.json.value("items", nlohmann::json::array()))
            ids.append(QString::fromStdString(item["video"].value("id", "")));
        return ids;
    }
};

QTEST_MAIN(TestBrowseModels)
#include "test_browse_models.moc"
