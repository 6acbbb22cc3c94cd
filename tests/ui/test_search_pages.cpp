// Search as QML renders it (offscreen), in the real Shell against a real framecastd with a small corpus:
// typing in the search field shows suggestions, Down + Enter (or a click) searches one and shows the Search
// page with results; Enter alone searches the text; Esc closes the list; results show escaped highlights, a
// filter picked in the bar changes the results, a channel name opens the channel page, scrolling to the end
// reads the next page; a result opens the player, whose related videos sit beside the picture when the window
// is wide and under the comments when it is narrow, and a click on one plays it.
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
#include "tests/ui/test_search_support.h"
#include "ui/discovery/search_controller.h"
#include "ui/studio/api_image_provider.h"

using namespace fc;
using namespace fc::test;

class TestSearchPages : public QObject, QuickPageView {
    Q_OBJECT
    TestServer m_server{{QStringLiteral("--recs-refresh-s"), QStringLiteral("1")}};
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<DirectDatabase> m_db;
    std::optional<SignedUpUser> m_creator;
    std::unique_ptr<AppHarness> m_harness;
    QString m_park, m_tricks, m_clip, m_garden;

    ui::SearchResultsModel& results() { return *m_harness->app().search()->results(); }
    QObject* root() { return m_view->rootObject(); }
    // Focuses the search field, empties it and types text as a person would.
    bool typeInSearchField(const QString& text) {
        QObject* field = find(QStringLiteral("searchField"));
        if (!click(field))
            return false;
        QTest::keyClick(m_view.get(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_view.get(), Qt::Key_Backspace);
        for (const QChar c : text) // QTest::keyClicks takes widgets only
            QTest::keyClick(m_view.get(), c.toLatin1());
        return field->property("text").toString() == text;
    }
    bool suggestionsShown() { return propertyOf(QStringLiteral("searchSuggestions"), "visible").toBool(); }
    int currentPage() { return root()->property("currentPage").toInt(); }

private slots:
    void initTestCase() {
        fc::app::prepareApplication();
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // nothing is played here
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        m_creator = m_api->signUp("burrow");
        QVERIFY(m_creator);
        m_db = std::make_unique<DirectDatabase>(m_server.dataDir());
        constexpr int64_t kMinute = 60 * 1000;
        m_park = qs(insertListedVideo(
            *m_db, *m_creator,
            {"Bunny in the park", "A big bunny wakes up.", {"bunny"}, "Film", 10 * kMinute, 500}));
        m_tricks = qs(insertListedVideo(*m_db, *m_creator,
                                        {"Bunny <i>tricks</i>", "Jumps.", {}, "Comedy", kMinute, 10}));
        m_clip = qs(
            insertListedVideo(*m_db, *m_creator, {"Bunny clip", "Short.", {"bunny"}, "Film", kMinute, 50}));
        m_garden = qs(insertListedVideo(
            *m_db, *m_creator, {"Gardening basics", "Lettuce and fences.", {}, "Education", kMinute, 5}));
        QVERIFY(!m_park.isEmpty() && !m_tricks.isEmpty() && !m_clip.isEmpty() && !m_garden.isEmpty());
        for (int n = 1; n <= 25; ++n)
            QVERIFY(!insertListedVideo(*m_db, *m_creator,
                                       {"Zebra " + std::to_string(n), "", {}, "Nature", kMinute, n})
                         .empty());
        // Suggestions and related videos come from what the server rebuilds in the background (about a
        // second): wait until it knows the corpus.
        auto suggested = [&](const std::string& text) {
            return m_api->get("/api/v1/search/suggest?q=" + text).json.dump();
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            suggested("bunny%20i").find("Bunny in the park") != std::string::npos &&
                suggested("gard").find("Gardening basics") != std::string::npos &&
                m_api->get("/api/v1/search?q=zebrra").json.value("corrected_query", nlohmann::json()) ==
                    "zebra",
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_api->get("/api/v1/videos/" + m_park.toStdString() + "/related")
                                         .json.value("items", nlohmann::json::array())
                                         .size() > 0,
                                 20000);

        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("seeker"));

        QVERIFY(
            showQml(QStringLiteral("qrc:/qt/qml/Framecast/App/Shell.qml"), m_harness->app(), {1400, 900}));
    }

    void cleanupTestCase() {
        m_view.reset();
        m_harness.reset();
    }

    // Type, see suggestions, Down + Enter: the Search page with the suggestion's results.
    void suggestionsThenEnter() {
        QVERIFY(typeInSearchField(QStringLiteral("bunny i")));
        QTRY_VERIFY_WITH_TIMEOUT(suggestionsShown() && find(QStringLiteral("searchSuggestion_0")), 10000);
        QCOMPARE(propertyOf(QStringLiteral("searchSuggestionText"), "text",
                            find(QStringLiteral("searchSuggestion_0")))
                     .toString(),
                 QStringLiteral("Bunny in the park"));
        QCOMPARE(propertyOf(QStringLiteral("searchSuggestionList"), "currentIndex").toInt(), -1);
        QTest::keyClick(m_view.get(), Qt::Key_Down);
        QCOMPARE(propertyOf(QStringLiteral("searchSuggestionList"), "currentIndex").toInt(), 0);
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QCOMPARE(currentPage(), 6);
        QCOMPARE(propertyOf(QStringLiteral("searchField"), "text").toString(),
                 QStringLiteral("Bunny in the park"));
        QTRY_VERIFY_WITH_TIMEOUT(!suggestionsShown(), 5000); // after the closing transition
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchResult_0")), 10000);
        QCOMPARE(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(), m_park);
        QCOMPARE(propertyOf(QStringLiteral("searchQueryLabel"), "text").toString(),
                 QStringLiteral("Results for “Bunny in the park”"));
    }

    // Enter without picking searches the text as typed; Esc closes the list and keeps the text; a click on
    // a suggestion searches it.
    void enterEscapeAndClick() {
        QVERIFY(typeInSearchField(QStringLiteral("bunny")));
        QTRY_VERIFY_WITH_TIMEOUT(suggestionsShown(), 10000);
        QTest::keyClick(m_view.get(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!suggestionsShown(), 5000); // after the closing transition
        QCOMPARE(propertyOf(QStringLiteral("searchField"), "text").toString(), QStringLiteral("bunny"));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(results().query(), QStringLiteral("bunny"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchResult_2")), 10000);
        QVERIFY(!find(QStringLiteral("searchResult_3")));
        QCOMPARE(propertyOf(QStringLiteral("searchTotalLabel"), "text").toString(),
                 QStringLiteral("3 results"));

        QVERIFY(typeInSearchField(QStringLiteral("gard")));
        QTRY_VERIFY_WITH_TIMEOUT(suggestionsShown() && find(QStringLiteral("searchSuggestion_0")), 10000);
        QVERIFY(click(find(QStringLiteral("searchSuggestion_0"))));
        QTRY_COMPARE_WITH_TIMEOUT(results().query(), QStringLiteral("Gardening basics"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(),
                                  m_garden, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!suggestionsShown(), 5000); // after the closing transition
    }

    // A title with markup shows as written; the highlighted word is bold (StyledText, never RichText).
    void escapedHighlights() {
        QVERIFY(typeInSearchField(QStringLiteral("tricks")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(),
                                  m_tricks, 10000);
        QObject* title = find(QStringLiteral("libraryRowTitle"), find(QStringLiteral("searchResult_0")));
        QVERIFY(title);
        QCOMPARE(title->property("textFormat").toInt(), 4 /* Text.StyledText */);
        const QString text = title->property("text").toString();
        QVERIFY2(text.contains(QStringLiteral("&lt;i&gt;")) && !text.contains(QStringLiteral("<i>")) &&
                     text.contains(QStringLiteral("<b>tricks</b>")),
                 qPrintable(text));
        // The channel's name is a link to its page.
        QVERIFY(click(find(QStringLiteral("libraryRowChannelLink"), find(QStringLiteral("searchResult_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), 7, 5000);
    }

    // The filter bar drives the model and follows it.
    void filterBar() {
        QVERIFY(typeInSearchField(QStringLiteral("bunny")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchResult_2")), 10000);
        QObject* sort = find(QStringLiteral("searchSortFilter"));
        QObject* duration = find(QStringLiteral("searchDurationFilter"));
        QVERIFY(sort && duration);
        QCOMPARE(sort->property("currentIndex").toInt(), 0);
        // Picking "View count" (as a click on the entry would) sorts by views.
        QVERIFY(QMetaObject::invokeMethod(sort, "activated", Q_ARG(int, 2)));
        QCOMPARE(results().sort(), QStringLiteral("views"));
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(), m_park,
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_1"), "videoId").toString(), m_clip,
                                  10000);
        QCOMPARE(sort->property("currentIndex").toInt(), 2);
        // Under 4 minutes: the park (10 min) goes.
        QVERIFY(QMetaObject::invokeMethod(duration, "activated", Q_ARG(int, 1)));
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(), m_clip,
                                  10000);
        QVERIFY(find(QStringLiteral("clearFiltersButton")));
        // Clearing goes back to the defaults, and the bar follows.
        QVERIFY(click(find(QStringLiteral("clearFiltersButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(sort->property("currentIndex").toInt(), 0, 5000);
        QCOMPARE(duration->property("currentIndex").toInt(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchResult_2")), 10000);
        // Channels: the duration filter does not apply.
        results().setType(QStringLiteral("channel"));
        QVERIFY(!duration->property("enabled").toBool());
        results().setType(QStringLiteral("video"));
        QVERIFY(duration->property("enabled").toBool());
    }

    // The list asks for the next page when it is scrolled to its end.
    void infiniteScroll() {
        QVERIFY(typeInSearchField(QStringLiteral("zebra")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(results().count(), 20, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!results().loading(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchResult_0")), 10000);
        QVERIFY(!find(QStringLiteral("correctedQueryRow")));
        QObject* list = find(QStringLiteral("searchResultsList"));
        QVERIFY(list);
        QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtEnd"));
        QTRY_COMPARE_WITH_TIMEOUT(results().count(), 25, 10000);
        QVERIFY(!results().canFetchMore());
    }

    // A typo: "Showing results for" the corrected query.
    void correctedQuery() {
        QVERIFY(typeInSearchField(QStringLiteral("zebrra")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("correctedQueryRow")), 10000);
        QCOMPARE(propertyOf(QStringLiteral("correctedQueryLabel"), "text").toString(),
                 QStringLiteral("zebra"));
        QVERIFY(find(QStringLiteral("searchResult_0")));
    }

    // Nothing found: the empty state names the query.
    void emptyState() {
        QVERIFY(typeInSearchField(QStringLiteral("xylophone")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("searchEmptyState")), 10000);
        QVERIFY(!find(QStringLiteral("searchResult_0")));
    }

    // A result opens the player; related videos beside the picture when wide, under the comments when
    // narrow; a click on one plays it.
    void relatedBesideThePlayer() {
        QVERIFY(typeInSearchField(QStringLiteral("park")));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(propertyOf(QStringLiteral("searchResult_0"), "videoId").toString(), m_park,
                                  10000);
        QVERIFY(click(find(QStringLiteral("libraryRowTitle"), find(QStringLiteral("searchResult_0")))));
        QObject* player = find(QStringLiteral("playerPage"));
        QTRY_VERIFY_WITH_TIMEOUT(player && player->property("active").toBool(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("relatedVideo_0")), 10000);
        const QString first = propertyOf(QStringLiteral("relatedVideo_0"), "videoId").toString();
        QVERIFY(!first.isEmpty() && first != m_park);

        auto* panel = qobject_cast<QQuickItem*>(find(QStringLiteral("relatedVideos")));
        auto* picture = qobject_cast<QQuickItem*>(find(QStringLiteral("playerPicture")));
        QVERIFY(panel && picture);
        QVERIFY(settled());
        QVERIFY2(panel->x() >= picture->width() && panel->y() < picture->height(), "beside the picture");
        m_view->resize(900, 900);
        QTRY_VERIFY_WITH_TIMEOUT(panel->y() > picture->height() && panel->x() < picture->width() / 2, 5000);
        auto* comments = qobject_cast<QQuickItem*>(find(QStringLiteral("commentsPanel")));
        QVERIFY(comments);
        QVERIFY(panel->mapToScene({0, 0}).y() > comments->mapToScene({0, 0}).y());
        m_view->resize(1400, 900);

        QVERIFY(click(find(QStringLiteral("libraryRowTitle"), find(QStringLiteral("relatedVideo_0")))));
        QTRY_COMPARE_WITH_TIMEOUT(
            player->property("player").value<QObject*>()->property("videoId").toString(), first, 5000);
        // The list follows the new video: never the one playing.
        QTRY_COMPARE_WITH_TIMEOUT(m_harness->app().search()->related()->videoId(), first, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_harness->app().search()->related()->loading(), 10000);
        QVERIFY(!columnOf(*m_harness->app().search()->related(), "videoId").contains(first));
    }
};

QTEST_MAIN(TestSearchPages)
#include "test_search_pages.moc"
