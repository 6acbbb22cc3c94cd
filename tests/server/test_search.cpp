// Video search on the real framecastd (docs/API.md §17) over small known corpora inserted as rows: BM25 with
// field weights (a title match above a tag match above a channel-name match above a description match of the
// same word; more matches higher), the last word as a prefix, spelling correction ("bunyy" -> bunny,
// "elefant" -> elephant) with corrected_query, "phrases" and -exclusions, every filter and sort, and paging
// through the opaque cursor with estimated_total.
#include "tests/server/test_search_fixture.h"

using namespace fc::test;
using nlohmann::json;

class TestSearch : public QObject {
    Q_OBJECT
    SearchFixture m_fx;
    SignedUpUser m_plain, m_kestrel, m_wild, m_filters;
    // Relevance corpus: the word "kestrel" in one field each.
    std::string m_inTitle, m_inTitleAndDescription, m_inTags, m_inChannel, m_inDescription;
    std::string m_bigBuckBunny, m_bunnyPark, m_buckBig, m_elephants;
    std::string m_short, m_medium, m_long, m_old;

    std::vector<std::string> searchIds(const std::string& q, const std::string& extra = {}) {
        const ApiReply reply = m_fx.search(q, extra);
        if (reply.status != 200)
            qWarning("search %s%s answered %d: %s", q.c_str(), extra.c_str(), reply.status,
                     reply.raw.body.c_str());
        return videoIds(reply);
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_plain = m_fx.user("plain");
        m_kestrel = m_fx.user("kestrel");
        m_wild = m_fx.user("wild");
        m_filters = m_fx.user("filters");
        QVERIFY(m_fx.renameChannel(m_plain, "Plain Studio"));
        QVERIFY(m_fx.renameChannel(m_kestrel, "Kestrel Studio"));
        QVERIFY(m_fx.renameChannel(m_wild, "Wildlife Films"));
        QVERIFY(m_fx.renameChannel(m_filters, "Filter Films"));

        // Every relevance document has 14 tokens (title 4, tags 2, channel name 2, description 6), so only
        // the field of the match differs.
        const std::string plain_description = "one two three four five six";
        const std::string matching_description = "kestrel two three four five six";
        m_inTitle =
            m_fx.addVideo(m_plain, {"kestrel river morning light", plain_description, {"alpha", "beta"}});
        m_inTitleAndDescription =
            m_fx.addVideo(m_plain, {"kestrel river morning light", matching_description, {"alpha", "beta"}});
        m_inTags =
            m_fx.addVideo(m_plain, {"heron river morning light", plain_description, {"kestrel", "beta"}});
        m_inChannel =
            m_fx.addVideo(m_kestrel, {"heron river morning light", plain_description, {"alpha", "beta"}});
        m_inDescription =
            m_fx.addVideo(m_plain, {"heron river morning light", matching_description, {"alpha", "beta"}});

        m_bigBuckBunny =
            m_fx.addVideo(m_wild, {"Big Buck Bunny", "a big bunny wakes up in the forest", {"cartoon"}});
        m_bunnyPark = m_fx.addVideo(m_wild, {"Bunny in the park", "the bunny hops", {"cartoon"}});
        m_buckBig = m_fx.addVideo(m_wild, {"Buck big bunny", "a walk in the forest", {}});
        m_elephants = m_fx.addVideo(m_wild, {"Elephants Dream", "an elephant walks", {"open", "movie"}});

        constexpr int64_t kDay = 24 * 3600 * 1000LL;
        SearchVideo video;
        video.title = "zephyr wind";
        video = {"zephyr wind", "", {}, "Music", "public", "ready", 60'000, 10, 1, 0, 30 * 60'000};
        m_short = m_fx.addVideo(m_filters, video);
        video = {"zephyr wind", "", {}, "Sports", "public", "ready", 600'000, 500, 90, 10, 2 * kDay};
        m_medium = m_fx.addVideo(m_filters, video);
        video = {"zephyr wind", "", {}, "music", "public", "ready", 1'800'000, 50, 5, 5, 40 * kDay};
        m_long = m_fx.addVideo(m_filters, video);
        video = {"zephyr wind", "", {}, "News", "public", "ready", 120'000, 1000, 0, 0, 400 * kDay};
        m_old = m_fx.addVideo(m_filters, video);
        for (const auto* id :
             {&m_inTitle, &m_inTitleAndDescription, &m_inTags, &m_inChannel, &m_inDescription,
              &m_bigBuckBunny, &m_bunnyPark, &m_buckBig, &m_elephants, &m_short, &m_medium, &m_long, &m_old})
            QVERIFY(!id->empty());
        // Spelling correction and prefixes need the vocabulary, which the service loads in the background:
        // once the last word written is known, so is every word before it.
        QVERIFY(!m_fx.addVideo(m_filters, {"sentinel"}).empty());
        QTRY_COMPARE_WITH_TIMEOUT(m_fx.search("sentinal").json.value("corrected_query", json()),
                                  json("sentinel"), 10000);
    }

    void fieldWeightsOrderTheSameWord() {
        const ApiReply reply = m_fx.search("kestrel");
        QCOMPARE(reply.status, 200);
        const std::vector<std::string> expected{m_inTitleAndDescription, m_inTitle, m_inTags, m_inChannel,
                                                m_inDescription};
        QCOMPARE(videoIds(reply), expected);
        QCOMPARE(reply.json.value("estimated_total", -1), 5);
        QVERIFY(reply.json["corrected_query"].is_null());
        QVERIFY(reply.json["next_cursor"].is_null());
        double previous = 1e9;
        for (const auto& item : reply.json["items"]) {
            QCOMPARE(item.value("kind", ""), std::string("video"));
            const double score = item.value("score", 0.0);
            QVERIFY2(score > 0 && score < previous, item.dump().c_str());
            previous = score;
            // The wrapped video object carries its channel for the card.
            QVERIFY(!item["video"].value("channel_name", "").empty());
        }
        // Case and accents do not matter.
        QCOMPARE(searchIds("KÉSTREL"), expected);
    }

    void lastWordIsAPrefix() {
        const auto kestr = searchIds("kestr");
        QCOMPARE(kestr.size(), size_t(5));
        QCOMPARE(kestr.front(), m_inTitleAndDescription);
        const auto bun = searchIds("bun");
        QCOMPARE(bun.size(), size_t(3));
        QVERIFY(contains(bun, m_bigBuckBunny) && contains(bun, m_bunnyPark) && contains(bun, m_buckBig));
        // Only the last word: "bun park" needs the whole word "bun" first, which no video has.
        QVERIFY(searchIds("bun park").empty());
        QCOMPARE(searchIds("bunny pa"), std::vector<std::string>{m_bunnyPark});
    }

    void typosAreCorrected() {
        const ApiReply bunny = m_fx.search("bunyy");
        QCOMPARE(bunny.json.value("corrected_query", json()), json("bunny"));
        const auto ids = videoIds(bunny);
        QCOMPARE(ids.size(), size_t(3));
        QVERIFY(contains(ids, m_bigBuckBunny));

        const ApiReply elephant = m_fx.search("elefant");
        QCOMPARE(elephant.json.value("corrected_query", json()), json("elephant"));
        QCOMPARE(videoIds(elephant), std::vector<std::string>{m_elephants});

        // A word in the index is left alone even when it finds little; the others are corrected.
        const ApiReply mixed = m_fx.search("big bunyy forrest");
        QCOMPARE(mixed.json.value("corrected_query", json()), json("big bunny forest"));
        const auto mixed_ids = videoIds(mixed);
        QCOMPARE(mixed_ids.size(), size_t(2));
        QVERIFY(contains(mixed_ids, m_bigBuckBunny) && contains(mixed_ids, m_buckBig));
        // Nothing close enough: no correction, no results.
        const ApiReply nothing = m_fx.search("qqqqxxxx");
        QCOMPARE(nothing.status, 200);
        QVERIFY(nothing.json["corrected_query"].is_null());
        QVERIFY(videoIds(nothing).empty());
        QCOMPARE(nothing.json.value("estimated_total", -1), 0);
    }

    void phrasesAndExclusions() {
        QCOMPARE(searchIds("\"big buck\""), std::vector<std::string>{m_bigBuckBunny});
        const auto unquoted = searchIds("big buck");
        QCOMPARE(unquoted.size(), size_t(2));
        QVERIFY(contains(unquoted, m_buckBig));
        QCOMPARE(searchIds("bunny -forest"), std::vector<std::string>{m_bunnyPark});
        QCOMPARE(searchIds("bunny -\"wakes up\" -park"), std::vector<std::string>{m_buckBig});
        // Only exclusions: nothing to search for.
        const ApiReply only = m_fx.search("-bunny");
        QCOMPARE(only.status, 200);
        QVERIFY(videoIds(only).empty());
    }

    void filters() {
        const auto set = [](std::vector<std::string> ids) {
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        QCOMPARE(set(searchIds("zephyr", "&duration=short")), set({m_short, m_old}));
        QCOMPARE(searchIds("zephyr", "&duration=medium"), std::vector<std::string>{m_medium});
        QCOMPARE(searchIds("zephyr", "&duration=long"), std::vector<std::string>{m_long});
        QCOMPARE(searchIds("zephyr", "&uploaded=hour"), std::vector<std::string>{m_short});
        QCOMPARE(searchIds("zephyr", "&uploaded=day"), std::vector<std::string>{m_short});
        QCOMPARE(set(searchIds("zephyr", "&uploaded=week")), set({m_short, m_medium}));
        QCOMPARE(set(searchIds("zephyr", "&uploaded=month")), set({m_short, m_medium}));
        QCOMPARE(set(searchIds("zephyr", "&uploaded=year")), set({m_short, m_medium, m_long}));
        QCOMPARE(set(searchIds("zephyr", "&category=MUSIC")), set({m_short, m_long}));
        QCOMPARE(searchIds("zephyr", "&category=music&duration=long&uploaded=year"),
                 std::vector<std::string>{m_long});
        QVERIFY(searchIds("zephyr", "&category=Cooking").empty());
    }

    void sorts() {
        QCOMPARE(searchIds("zephyr", "&sort=date"),
                 (std::vector<std::string>{m_short, m_medium, m_long, m_old}));
        QCOMPARE(searchIds("zephyr", "&sort=views"),
                 (std::vector<std::string>{m_old, m_medium, m_long, m_short}));
        // Wilson lower bound: 90/100 likes beats 5/10, which beats a single like; no ratings last.
        QCOMPARE(searchIds("zephyr", "&sort=rating"),
                 (std::vector<std::string>{m_medium, m_long, m_short, m_old}));
        // Equal relevance: views decide.
        QCOMPARE(searchIds("zephyr", "&sort=relevance"),
                 (std::vector<std::string>{m_old, m_medium, m_long, m_short}));
        // The score stays the relevance whatever the sort.
        const ApiReply by_date = m_fx.search("kestrel", "&sort=date");
        for (const auto& item : by_date.json["items"])
            QVERIFY(item.value("score", 0.0) > 0);
    }

    void pagingWithTheCursor() {
        std::vector<std::string> made;
        for (int i = 0; i < 7; ++i)
            made.push_back(m_fx.addVideo(
                m_filters,
                {"quasar number " + std::to_string(i), "", {}, "", "public", "ready", 60'000, 100 - i}));
        std::vector<std::string> seen;
        std::string cursor;
        int pages = 0;
        for (; pages < 5; ++pages) {
            const ApiReply page =
                m_fx.search("quasar", "&limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
            QCOMPARE(page.status, 200);
            QCOMPARE(page.json.value("estimated_total", -1), 7);
            for (const auto& id : videoIds(page))
                seen.push_back(id);
            if (page.json["next_cursor"].is_null())
                break;
            cursor = page.json["next_cursor"].get<std::string>();
        }
        QCOMPARE(pages, 2);   // 3 + 3 + 1
        QCOMPARE(seen, made); // equal relevance: most viewed first, no repeats
        QCOMPARE(m_fx.search("quasar", "&cursor=bm90LWEtY3Vyc29y").errorCode(),
                 std::string("invalid_cursor"));
        QCOMPARE(m_fx.search("quasar", "&limit=2&cursor=" + std::string("c2VhcmNoOjk5OQ")).status,
                 400); // 999
    }

    void largeMatchSetsRankTitleMatchesFirst() {
        // Three title matches indexed first, then 2,500 newer description matches: more than the 1,000 that
        // are ranked, so the title matches must come from the first pass, not from "the newest 1,000".
        std::vector<std::string> titled;
        for (const char* title : {"nebula one", "nebula two", "nebula three"})
            titled.push_back(m_fx.addVideo(m_filters, {title}));
        const int64_t now = fc::unixMillisNow();
        const char* fillers =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
            "INSERT INTO videos (id, channel_id, owner_id, title, description, visibility, status, "
            "duration_ms, view_count, created_at, updated_at, published_at) "
            "SELECT printf('nb%09d', i), ?, ?, 'filler clip ' || i, 'a nebula seen from afar', "
            "'public', 'ready', 60000, i, ?3, ?3, ?3 FROM n";
        QVERIFY(m_fx.db().exec(fillers, {m_filters.channel_id, m_filters.id, std::to_string(now)}));
        std::sort(titled.begin(), titled.end());
        const auto top_three = [&] {
            auto top = searchIds("nebula", "&limit=3");
            std::sort(top.begin(), top.end());
            return top;
        };
        // Once the vocabulary knows how common the word is, the first pass runs.
        QTRY_COMPARE_WITH_TIMEOUT(top_three(), titled, 10000);
        const ApiReply first = m_fx.search("nebula", "&limit=100");
        QCOMPARE(videoIds(first).size(), size_t(100));
        QCOMPARE(first.json.value("estimated_total", -1), 500);
        // 500 deep at most.
        std::string cursor = first.json["next_cursor"].get<std::string>();
        size_t seen = 100;
        for (int page = 0; page < 10 && !cursor.empty(); ++page) {
            const ApiReply next = m_fx.search("nebula", "&limit=100&cursor=" + cursor);
            QCOMPARE(next.status, 200);
            seen += videoIds(next).size();
            cursor = next.json["next_cursor"].is_string() ? next.json["next_cursor"].get<std::string>() : "";
        }
        QCOMPARE(seen, size_t(500));
        // Sorted by date the newest matches are ranked, whatever their field.
        const auto newest = searchIds("nebula", "&sort=date&limit=5");
        QCOMPARE(newest.size(), size_t(5));
        QVERIFY(!contains(newest, titled[0]) && !contains(newest, titled[1]) && !contains(newest, titled[2]));
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "test_search.moc"
