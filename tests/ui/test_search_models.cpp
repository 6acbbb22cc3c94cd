// App.search's models (ui/discovery) against a real framecastd with a small known corpus: search results
// with highlights, every filter changing the request and the results, paging with the cursor, a typo giving
// "Showing results for …", highlights that stay escaped, errors in words, suggestions (debounced; an answer
// for an older text is dropped), related videos (never the video itself) and the category choices. Every
// model runs under QAbstractItemModelTester (Fatal).
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSet>
#include <QTextDocumentFragment>
#include <QtTest>

#include <memory>

#include "tests/ui/app_harness.h"
#include "tests/ui/test_search_support.h"
#include "ui/discovery/search_controller.h"

using namespace fc;
using namespace fc::test;
using Tester = QAbstractItemModelTester;

namespace {
QString shown(const QString& styled) {
    return QTextDocumentFragment::fromHtml(styled).toPlainText();
}
QSet<QString> setOf(const QStringList& list) {
    return QSet<QString>(list.begin(), list.end());
}
} // namespace

class TestSearchModels : public QObject {
    Q_OBJECT
    // Quick background refreshes: related videos' model, the category counts.
    TestServer m_server{{QStringLiteral("--recs-refresh-s"), QStringLiteral("1"),
                         QStringLiteral("--trending-refresh-s"), QStringLiteral("1")}};
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<DirectDatabase> m_db;
    std::optional<SignedUpUser> m_creator;
    std::optional<SignedUpUser> m_zoo;
    std::unique_ptr<AppHarness> m_harness;
    std::vector<std::unique_ptr<Tester>> m_testers;
    QString m_park, m_clip, m_documentary, m_tricks, m_garden, m_secret;
    QStringList m_zebras;

    ui::SearchController& search() { return *m_harness->app().search(); }
    ui::SearchResultsModel& results() { return *search().results(); }
    ui::SearchSuggestionsModel& suggestions() { return *search().suggestions(); }

    QString add(const SignedUpUser& owner, const CorpusVideo& video) {
        return qs(insertListedVideo(*m_db, owner, video));
    }
    // Waits for the search (or filter change) just started to be answered.
    bool answered() {
        return QTest::qWaitFor([&] { return !results().loading(); }, 10000) &&
               results().errorMessage().isEmpty();
    }
    bool searched(const QString& text) {
        results().search(text);
        return answered();
    }
    QStringList ids() { return columnOf(results(), "videoId"); }
    // What the server suggests for text, as the model asks it (8 at most).
    QStringList serverSuggestions(const std::string& text) {
        QStringList texts;
        const ApiReply reply = m_api->get("/api/v1/search/suggest?limit=8&q=" + text);
        for (const auto& suggestion : reply.json.value("suggestions", nlohmann::json::array()))
            texts.append(qs(suggestion.value("text", "")));
        return texts;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_server.start());
        m_api = std::make_unique<ApiClient>(m_server);
        m_creator = m_api->signUp("burrow");
        m_zoo = m_api->signUp("zoo");
        QVERIFY(m_creator && m_zoo);
        QCOMPARE(m_api
                     ->call("PATCH", "/api/v1/channels/" + m_creator->channel_id, m_creator->access_token,
                            nlohmann::json{{"name", "Bunny Burrow"}})
                     .status,
                 200);
        m_db = std::make_unique<DirectDatabase>(m_server.dataDir());
        QVERIFY(m_db->isOpen());
        constexpr int64_t kHour = 3600 * 1000;
        constexpr int64_t kMinute = 60 * 1000;
        m_park = add(*m_creator, {"Bunny in the park",
                                  "A big bunny wakes up in the park and meets three rodents.",
                                  {"animation", "bunny"},
                                  "Film",
                                  10 * kMinute,
                                  500,
                                  2 * kHour});
        m_clip =
            add(*m_creator, {"Short bunny clip", "Thirty seconds.", {}, "Music", kMinute, 50, 72 * kHour});
        m_documentary = add(*m_creator, {"The long bunny documentary",
                                         "Everything about rabbits.",
                                         {},
                                         "Film",
                                         30 * kMinute,
                                         5000,
                                         400 * 24 * kHour});
        m_tricks =
            add(*m_creator, {"Bunny <i>tricks</i>", "Jumps.", {}, "Comedy", 5 * kMinute, 10, 5 * kHour});
        m_garden = add(*m_creator, {"Gardening basics",
                                    "Keep the bunny out of the lettuce with a fence.",
                                    {},
                                    "Education",
                                    5 * kMinute,
                                    20,
                                    kHour});
        CorpusVideo secret{"Secret bunny", "", {}, "Film", kMinute, 9999, kHour};
        secret.visibility = "private";
        m_secret = add(*m_creator, secret);
        for (int n = 1; n <= 25; ++n)
            m_zebras.append(add(*m_zoo, {"Zebra stripes part " + std::to_string(n),
                                         "Stripes.",
                                         {"zebra"},
                                         "Nature",
                                         2 * kMinute,
                                         n,
                                         n * kHour}));
        QVERIFY(!m_park.isEmpty() && !m_secret.isEmpty() && !m_zebras.contains(QString()));
        // The index takes rows at once; the spelling vocabulary, suggestions and category counts are rebuilt
        // in the background (about a second): wait until the server knows the corpus.
        QTRY_VERIFY_WITH_TIMEOUT(
            serverSuggestions("zebra").size() == 8 && serverSuggestions("gard").size() == 1 &&
                m_api->get("/api/v1/categories").json.dump().find("Nature") != std::string::npos,
            20000);

        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("seeker"));
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 search().results(), search().suggestions(), search().related()})
            m_testers.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal));
    }

    void cleanupTestCase() {
        m_testers.clear();
        m_harness.reset();
    }

    // Listed videos only, the private one never; highlights mark the matched word; the channel's name rides
    // along; a title match ranks above a description-only match.
    void searchFindsListedVideosWithHighlights() {
        QVERIFY(searched(QStringLiteral("bunny")));
        QCOMPARE(results().query(), QStringLiteral("bunny"));
        QCOMPARE(setOf(ids()), setOf({m_park, m_clip, m_documentary, m_tricks, m_garden}));
        QCOMPARE(results().estimatedTotal(), 5);
        QCOMPARE(results().correctedQuery(), QString());
        QVERIFY(!ids().contains(m_secret));
        const int park = ids().indexOf(m_park);
        const int garden = ids().indexOf(m_garden);
        QVERIFY2(park < garden, "a title match ranks above a description-only match");
        const QModelIndex row = results().index(park);
        QCOMPARE(columnOf(results(), "kind").at(park), QStringLiteral("video"));
        QCOMPARE(columnOf(results(), "channelName").at(park), QStringLiteral("Bunny Burrow"));
        QCOMPARE(columnOf(results(), "channelId").at(park), qs(m_creator->channel_id));
        const QString title = row.data(roleOf(results(), "highlightedTitle")).toString();
        QVERIFY2(title.contains(QStringLiteral("<b>Bunny</b>")), qPrintable(title));
        QCOMPARE(shown(title), QStringLiteral("Bunny in the park"));
        const QString description = columnOf(results(), "highlightedDescription").at(garden);
        QVERIFY2(description.contains(QStringLiteral("<b>bunny</b>")), qPrintable(description));
        QVERIFY(columnOf(results(), "viewsText").at(park).contains(QStringLiteral("500")));
        QVERIFY(!columnOf(results(), "ageText").at(park).isEmpty());
        QVERIFY(!results().canFetchMore());
        // The last word is a prefix: results appear as you type.
        QVERIFY(searched(QStringLiteral("gardeni")));
        QCOMPARE(ids(), QStringList{m_garden});
    }

    // Each filter goes into the request and narrows or orders the results; an unknown value is ignored.
    void filtersChangeRequestAndResults() {
        QVERIFY(searched(QStringLiteral("bunny")));
        QVERIFY(!results().filtered());

        results().setDuration(QStringLiteral("short"));
        QVERIFY(results().loading()); // a filter starts a new search at once
        QVERIFY(ui::searchPath(results().filters()).contains(QStringLiteral("&duration=short")));
        QVERIFY(answered());
        QCOMPARE(ids(), QStringList{m_clip});
        QVERIFY(results().filtered());
        results().setDuration(QStringLiteral("forever"));
        QCOMPARE(results().duration(), QStringLiteral("short"));
        QVERIFY(!results().loading());
        results().setDuration(QStringLiteral("long"));
        QVERIFY(answered());
        QCOMPARE(ids(), QStringList{m_documentary});
        results().setDuration(QStringLiteral("medium"));
        QVERIFY(answered());
        QCOMPARE(setOf(ids()), setOf({m_park, m_tricks, m_garden}));
        results().setDuration({});

        results().setUploaded(QStringLiteral("day"));
        QVERIFY(answered());
        QCOMPARE(setOf(ids()), setOf({m_park, m_tricks, m_garden}));
        results().setUploaded(QStringLiteral("year"));
        QVERIFY(answered());
        QCOMPARE(setOf(ids()), setOf({m_park, m_clip, m_tricks, m_garden}));
        results().setUploaded({});

        results().setCategory(QStringLiteral("film")); // case-insensitive
        QVERIFY(ui::searchPath(results().filters()).contains(QStringLiteral("&category=film")));
        QVERIFY(answered());
        QCOMPARE(setOf(ids()), setOf({m_park, m_documentary}));
        results().setCategory({});

        results().setSort(QStringLiteral("views"));
        QVERIFY(answered());
        QCOMPARE(ids(), (QStringList{m_documentary, m_park, m_clip, m_garden, m_tricks}));
        results().setSort(QStringLiteral("date"));
        QVERIFY(answered());
        QCOMPARE(ids(), (QStringList{m_garden, m_park, m_tricks, m_clip, m_documentary}));

        results().resetFilters();
        QVERIFY(answered());
        QVERIFY(!results().filtered());
        QCOMPARE(results().sort(), QStringLiteral("relevance"));
        QCOMPARE(results().count(), 5);

        // Channels: the channel object with its name, highlighted, and its counts.
        results().setType(QStringLiteral("channel"));
        QVERIFY(answered());
        QCOMPARE(columnOf(results(), "kind"), QStringList{QStringLiteral("channel")});
        QCOMPARE(columnOf(results(), "channelId"), QStringList{qs(m_creator->channel_id)});
        QCOMPARE(columnOf(results(), "channelName"), QStringList{QStringLiteral("Bunny Burrow")});
        QVERIFY(columnOf(results(), "highlightedTitle").at(0).contains(QStringLiteral("<b>Bunny</b>")));
        QCOMPARE(columnOf(results(), "handle").at(0), qs(m_creator->username));
        QVERIFY(columnOf(results(), "subscribersText").at(0).contains(QStringLiteral("subscriber")));
        QCOMPARE(columnOf(results(), "channelDetail").at(0),
                 QStringLiteral("@%1 · 0 subscribers · 5 videos").arg(qs(m_creator->username)));
        results().setType(QStringLiteral("video"));
        QVERIFY(answered());
        QCOMPARE(results().count(), 5);
    }

    // 25 matches: a page of 20, then the rest through fetchMore with the cursor, no row twice.
    void pagingWithTheCursor() {
        QVERIFY(searched(QStringLiteral("zebra")));
        QCOMPARE(results().count(), 20);
        QCOMPARE(results().estimatedTotal(), 25);
        QVERIFY(results().canFetchMore());
        results().fetchMore();
        QVERIFY(answered());
        QCOMPARE(results().count(), 25);
        QCOMPARE(setOf(ids()), setOf(m_zebras));
        QVERIFY(!results().canFetchMore());
    }

    void typoShowsCorrectedQuery() {
        QVERIFY(searched(QStringLiteral("zebrra")));
        QCOMPARE(results().correctedQuery(), QStringLiteral("zebra"));
        QCOMPARE(results().count(), 20);
        // The next search as written clears it.
        QVERIFY(searched(QStringLiteral("zebra")));
        QCOMPARE(results().correctedQuery(), QString());
    }

    // A title with markup shows as written: the highlight is escaped, only <b> remains.
    void highlightsAreEscaped() {
        QVERIFY(searched(QStringLiteral("tricks")));
        QCOMPARE(ids(), QStringList{m_tricks});
        QCOMPARE(columnOf(results(), "title").at(0), QStringLiteral("Bunny <i>tricks</i>"));
        const QString styled = columnOf(results(), "highlightedTitle").at(0);
        QVERIFY2(!styled.contains(QStringLiteral("<i>")) && styled.contains(QStringLiteral("&lt;i&gt;")),
                 qPrintable(styled));
        QCOMPARE(shown(styled), QStringLiteral("Bunny <i>tricks</i>"));
    }

    void errorsInWords() {
        results().search(QString(201, QLatin1Char('x'))); // q is 1–200 characters
        QVERIFY(QTest::qWaitFor([&] { return !results().loading(); }, 10000));
        QVERIFY2(results().errorMessage().startsWith(QStringLiteral("Could not search")),
                 qPrintable(results().errorMessage()));
        QCOMPARE(results().count(), 0);
        QVERIFY(searched(QStringLiteral("bunny")));
        QCOMPARE(results().count(), 5);
        // An empty query is no search: nothing listed, nothing asked.
        results().search(QStringLiteral("   "));
        QVERIFY(!results().loading());
        QCOMPARE(results().count(), 0);
    }

    void suggestionsAsYouType() {
        QCOMPARE(suggestions().debounceMs(), 150);
        QSignalSpy answers(&suggestions(), &ui::SearchSuggestionsModel::answered);
        // Typed fast, one request once the text rests.
        for (const char* text : {"g", "ga", "gar", "gard"})
            suggestions().setQuery(QString::fromLatin1(text));
        QVERIFY(suggestions().loading());
        QTRY_VERIFY_WITH_TIMEOUT(!suggestions().loading(), 10000);
        QCOMPARE(answers.count(), 1);
        QCOMPARE(suggestions().answeredQuery(), QStringLiteral("gard"));
        QVERIFY(columnOf(suggestions(), "text").contains(QStringLiteral("Gardening basics")));
        // Word by word: "bunny i" suggests the title; a private title never.
        suggestions().setQuery(QStringLiteral("bunny i"));
        QTRY_COMPARE_WITH_TIMEOUT(suggestions().answeredQuery(), QStringLiteral("bunny i"), 10000);
        QVERIFY2(columnOf(suggestions(), "text").contains(QStringLiteral("Bunny in the park")),
                 qPrintable(columnOf(suggestions(), "text").join(QLatin1Char('|'))));
        suggestions().setQuery(QStringLiteral("secret"));
        QTRY_COMPARE_WITH_TIMEOUT(suggestions().answeredQuery(), QStringLiteral("secret"), 10000);
        QVERIFY(!columnOf(suggestions(), "text").contains(QStringLiteral("Secret bunny")));
        // Clearing the field clears them.
        suggestions().setQuery(QString());
        QCOMPARE(suggestions().count(), 0);
        QVERIFY(!suggestions().loading());
    }

    // Only the latest text's answer shows, whatever order the answers come back in.
    void staleSuggestionsAreDropped() {
        // The two texts' answers, as the server gives them (they share no suggestion).
        const QStringList zebra = serverSuggestions("zebra");
        const QStringList bunny = serverSuggestions("bunny");
        QVERIFY(!zebra.isEmpty() && !bunny.isEmpty());
        QVERIFY(!setOf(zebra).intersects(setOf(bunny)));
        auto onlyFor = [&](const QString& text) {
            return columnOf(suggestions(), "text") == (text == QStringLiteral("zebra") ? zebra : bunny);
        };
        // Certain: the answer for "zebra" arrives after the text became "bunny" and is not shown.
        suggestions().setDebounceMs(60000); // nothing is sent unless asked
        suggestions().setQuery(QStringLiteral("zebra"));
        suggestions().requestNow();
        suggestions().setQuery(QStringLiteral("bunny"));
        QTRY_COMPARE_WITH_TIMEOUT(suggestions().requestsInFlight(), 0, 10000);
        QCOMPARE(suggestions().count(), 0);
        QVERIFY(suggestions().loading()); // still waiting for "bunny"
        suggestions().requestNow();
        QTRY_VERIFY_WITH_TIMEOUT(!suggestions().loading(), 10000);
        QVERIFY(onlyFor(QStringLiteral("bunny")));

        // Racing: both texts in flight at once, in both orders, several times.
        for (int round = 0; round < 8; ++round) {
            const QString first = round % 2 ? QStringLiteral("bunny") : QStringLiteral("zebra");
            const QString last = round % 2 ? QStringLiteral("zebra") : QStringLiteral("bunny");
            suggestions().setQuery(first);
            suggestions().requestNow();
            suggestions().setQuery(last);
            suggestions().requestNow();
            QTRY_COMPARE_WITH_TIMEOUT(suggestions().requestsInFlight(), 0, 10000);
            QCOMPARE(suggestions().answeredQuery(), last);
            QVERIFY2(onlyFor(last), qPrintable(columnOf(suggestions(), "text").join(QLatin1Char('|'))));
        }
        suggestions().setDebounceMs(ui::SearchSuggestionsModel::kDefaultDebounceMs);
        suggestions().clear();
    }

    // Related videos of the park video: same-channel and similar ones, never the video itself nor a private
    // one; following another video replaces them.
    void relatedExcludesCurrentVideo() {
        ui::RelatedVideosModel& related = *search().related();
        related.setVideoId(m_park);
        // The model behind related refreshes in the background (every second here): ask until it lists some.
        QElapsedTimer asked;
        asked.start();
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (related.loading() || related.count() > 0)
                    return related.count() > 0;
                if (asked.elapsed() > 500) { // paced, not to flood the server
                    related.refresh();
                    asked.restart();
                }
                return false;
            },
            20000));
        QVERIFY2(related.errorMessage().isEmpty(), qPrintable(related.errorMessage()));
        const QStringList listed = columnOf(related, "videoId");
        QVERIFY(!listed.contains(m_park));
        QVERIFY(!listed.contains(m_secret));
        QVERIFY(!listed.contains(QString()));
        for (const QString& reason : columnOf(related, "reasonText"))
            QVERIFY(!reason.isEmpty());
        related.setVideoId(m_zebras.first());
        QCOMPARE(related.count(), 0); // the park's neighbours go at once
        QTRY_VERIFY_WITH_TIMEOUT(!related.loading(), 10000);
        QVERIFY(!columnOf(related, "videoId").contains(m_zebras.first()));
        related.setVideoId({});
        QCOMPARE(related.count(), 0);
        QVERIFY(!related.loading());
    }

    void categoryChoices() {
        search().refreshCategories();
        QTRY_VERIFY_WITH_TIMEOUT(search().categories().contains(QStringLiteral("Nature")), 10000);
        QVERIFY(search().categories().contains(QStringLiteral("Film")));
        QCOMPARE(search().categories().first(), QStringLiteral("Nature")); // most videos first
        QCOMPARE(search().categoryOptions().size(), search().categories().size() + 1);
    }
};

QTEST_MAIN(TestSearchModels)
#include "test_search_models.moc"
