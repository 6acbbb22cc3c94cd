// Suggestions and the search log (docs/API.md §17) on the real framecastd: popular queries need two different
// searchers (users or addresses) and come first, then titles of listed videos by views, word by word
// ("bu bun" suggests "big buck bunny"), no duplicates, never a private title; only first pages are logged.
// Also the refusals: bad parameters are 400 with the error envelope, user text never becomes FTS5 syntax (no
// 500 whatever is typed), and --rate-limits search=2/min gives 429 to search and suggest alike.
#include "tests/server/test_search_fixture.h"

using namespace fc::test;
using nlohmann::json;

namespace {

json suggestions(SearchFixture& fx, const std::string& q, const std::string& extra = {}) {
    return fx.call("GET", "/api/v1/search/suggest?q=" + SearchFixture::percentEncode(q) + extra)
        .json.value("suggestions", json::array());
}

bool hasSuggestion(const json& list, const std::string& text, const std::string& kind) {
    for (const auto& item : list)
        if (item.value("text", "") == text && item.value("kind", "") == kind)
            return true;
    return false;
}

} // namespace

class TestSearchSuggest : public QObject {
    Q_OBJECT
    SearchFixture m_fx;
    SignedUpUser m_owner, m_first, m_second;

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_first = m_fx.user("first");
        m_second = m_fx.user("second");
        SearchVideo video{"Big Buck Bunny"};
        video.view_count = 10;
        QVERIFY(!m_fx.addVideo(m_owner, video).empty());
        video = {"Buzzing Bees"};
        video.view_count = 1000;
        QVERIFY(!m_fx.addVideo(m_owner, video).empty());
        video = {"Bunny Hop Tutorial"};
        video.view_count = 500;
        QVERIFY(!m_fx.addVideo(m_owner, video).empty());
        video = {"Bumblebee secrets"};
        video.view_count = 5000;
        video.visibility = "private";
        QVERIFY(!m_fx.addVideo(m_owner, video).empty());
        video = {"Wild rabbit chase"};
        QVERIFY(!m_fx.addVideo(m_owner, video).empty());
    }

    void titlesByViews() {
        QTRY_COMPARE(suggestions(m_fx, "bu").size(), size_t(3));
        const json list = suggestions(m_fx, "bu");
        QCOMPARE(list[0], (json{{"text", "Buzzing Bees"}, {"kind", "title"}}));
        QCOMPARE(list[1], (json{{"text", "Bunny Hop Tutorial"}, {"kind", "title"}}));
        QCOMPARE(list[2], (json{{"text", "Big Buck Bunny"}, {"kind", "title"}}));
        QVERIFY(!hasSuggestion(suggestions(m_fx, "bum"), "Bumblebee secrets", "title")); // private
        QCOMPARE(suggestions(m_fx, "BÜ BÚN"),
                 (json::array({{{"text", "Big Buck Bunny"}, {"kind", "title"}}})));
        QVERIFY(suggestions(m_fx, "bun bu").empty()); // word order counts
        QCOMPARE(suggestions(m_fx, "bu", "&limit=1").size(), size_t(1));
        QVERIFY(suggestions(m_fx, "").empty()); // no popular query yet
    }

    void popularQueriesNeedTwoSearchers() {
        QCOMPARE(m_fx.search("Big  BUCK bunny", {}, m_first.access_token).status, 200);
        QCOMPARE(m_fx.search("big buck bunny", {}, m_first.access_token).status, 200); // same user again
        QTRY_COMPARE(m_fx.scalarInt("SELECT count(*) FROM search_log WHERE query = 'big buck bunny'"),
                     int64_t(2));
        QCOMPARE(m_fx.scalarInt("SELECT searcher_count FROM search_queries WHERE query = 'big buck bunny'"),
                 int64_t(1));
        QVERIFY(!hasSuggestion(suggestions(m_fx, "bu bun"), "big buck bunny", "query"));

        QCOMPARE(m_fx.search("big buck bunny", {}, m_second.access_token).status, 200);
        QTRY_VERIFY(hasSuggestion(suggestions(m_fx, "bu bun"), "big buck bunny", "query"));
        const json list = suggestions(m_fx, "bu bun");
        QCOMPARE(list[0], (json{{"text", "big buck bunny"}, {"kind", "query"}}));
        QCOMPARE(list.size(), size_t(1)); // the title folds to the same words: no duplicate
        QCOMPARE(suggestions(m_fx, "")[0], list[0]);
        QCOMPARE(m_fx.scalarInt("SELECT count(*) FROM search_log WHERE searcher = ?", {"u:" + m_second.id}),
                 int64_t(1));
        QCOMPARE(
            m_fx.scalarInt("SELECT result_count FROM search_log WHERE searcher = ?", {"u:" + m_second.id}),
            int64_t(1));
    }

    void addressesCountAsSearchers() {
        // Twice from the same address: one searcher.
        QCOMPARE(m_fx.search("wild rabbit").status, 200);
        QCOMPARE(m_fx.search("wild rabbit").status, 200);
        QTRY_COMPARE(m_fx.scalarInt("SELECT search_count FROM search_queries WHERE query = 'wild rabbit'"),
                     int64_t(2));
        QCOMPARE(m_fx.scalarInt("SELECT searcher_count FROM search_queries WHERE query = 'wild rabbit'"),
                 int64_t(1));
        QCOMPARE(m_fx.scalarInt("SELECT count(*) FROM search_log WHERE query = 'wild rabbit' AND searcher = "
                                "'a:127.0.0.1'"),
                 int64_t(2));
        QCOMPARE(m_fx.search("wild rabbit", {}, m_first.access_token).status, 200);
        QTRY_VERIFY(hasSuggestion(suggestions(m_fx, "wi"), "wild rabbit", "query"));
        // Only first pages are logged.
        const ApiReply page = m_fx.search("zzz", "&cursor=c2VhcmNoOjIw");
        QCOMPARE(page.status, 200);
        QTest::qWait(1500);
        QCOMPARE(m_fx.scalarInt("SELECT count(*) FROM search_log WHERE query = 'zzz'"), int64_t(0));
    }

    void badParametersAre400() {
        for (const std::string& path : std::vector<std::string>{
                 "/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%20%20",
                 "/api/v1/search?q=" + std::string(201, 'a'), "/api/v1/search?q=a&type=user",
                 "/api/v1/search?q=a&sort=best", "/api/v1/search?q=a&duration=tiny",
                 "/api/v1/search?q=a&uploaded=decade", "/api/v1/search?q=a&limit=0",
                 "/api/v1/search?q=a&limit=x", "/api/v1/search?q=a%00b", "/api/v1/search?q=%FF%FE",
                 "/api/v1/search/suggest?q=a&limit=0", "/api/v1/search/suggest?q=a&limit=21",
                 "/api/v1/search/suggest?q=" + std::string(101, 'a')}) {
            const ApiReply reply = m_fx.call("GET", path);
            QVERIFY2(reply.status == 400, path.c_str());
            QCOMPARE(reply.errorCode(), std::string("invalid_request"));
            QVERIFY(!reply.json["error"].value("message", "").empty());
        }
        QCOMPARE(m_fx.search("a", "&cursor=xyz").errorCode(), std::string("invalid_cursor"));
        QCOMPARE(m_fx.search(std::string(200, 'a')).status, 200);
        QCOMPARE(m_fx.call("GET", "/api/v1/search/suggest").status, 200);
    }

    void userTextIsNeverSyntax() {
        for (const std::string q : {"title:bunny",
                                    "bunny OR",
                                    "OR",
                                    "AND bunny",
                                    "NEAR(big bunny)",
                                    "\"unterminated",
                                    "(((",
                                    ")",
                                    "*",
                                    "bunny*",
                                    "^bunny",
                                    "-",
                                    "--",
                                    "\"\"",
                                    "{title}: bunny",
                                    "a\"b\"c",
                                    "\xF0\x9F\x90\xB0",
                                    "- \"\" -",
                                    "big + buck",
                                    "col:\"x\"",
                                    "bunny NOT",
                                    "\"a\" * \"b\"",
                                    "'; DROP TABLE videos; --"}) {
            const ApiReply reply = m_fx.search(q);
            QVERIFY2(reply.status == 200, (q + " -> " + reply.raw.body).c_str());
            QVERIFY(reply.json["items"].is_array());
            QCOMPARE(m_fx.search(q, "&type=channel").status, 200);
        }
        // Operators are words like any other: "bunny OR" needs a video with both.
        QVERIFY(videoIds(m_fx.search("bunny OR")).empty());
        QCOMPARE(videoIds(m_fx.search("bunny*")).size(), size_t(2));
    }

    void rateLimited() {
        SearchFixture limited(QStringList{"--rate-limits", "search=2/min"});
        QVERIFY2(limited.start(), qPrintable(limited.server().log()));
        QCOMPARE(limited.search("bunny").status, 200);
        QCOMPARE(limited.call("GET", "/api/v1/search/suggest?q=bu").status, 200);
        for (const std::string path : {"/api/v1/search?q=bunny", "/api/v1/search/suggest?q=bu"}) {
            const ApiReply refused = limited.call("GET", path);
            QCOMPARE(refused.status, 429);
            QCOMPARE(refused.errorCode(), std::string("rate_limited"));
            QVERIFY(refused.raw.header("Retry-After").has_value());
        }
        QVERIFY(limited.stop());
    }
};

QTEST_GUILESS_MAIN(TestSearchSuggest)
#include "test_search_suggest.moc"
