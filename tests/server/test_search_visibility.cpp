// What search may show (docs/API.md §17) on the real framecastd: only public, ready videos, for everyone
// including their owner, and the index follows every change through its triggers — PATCH to private / back to
// public, processing finishing, title and tag edits, channel renames, deletion of a video and of a whole
// account (cascades) — with FTS5's integrity-check agreeing each time. Also channel results (name above
// handle above description) and highlights that escape HTML (a "<script>" title stays text).
#include "tests/server/test_search_fixture.h"

using namespace fc::test;
using nlohmann::json;

class TestSearchVisibility : public QObject {
    Q_OBJECT
    SearchFixture m_fx;
    SignedUpUser m_owner, m_viewer;

    std::vector<std::string> ids(const std::string& q, const std::string& token = {}) {
        return videoIds(m_fx.search(q, {}, token));
    }
    int patchVideo(const std::string& id, const json& body) {
        return m_fx.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, body).status;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_viewer = m_fx.user("viewer");
        QVERIFY(m_fx.renameChannel(m_owner, "Owner Films"));
    }

    void onlyListedVideosAreFound() {
        const std::string listed = m_fx.addVideo(m_owner, {"ocelot at night"});
        SearchVideo hidden{"ocelot at night"};
        hidden.visibility = "private";
        const std::string private_id = m_fx.addVideo(m_owner, hidden);
        hidden.visibility = "unlisted";
        const std::string unlisted = m_fx.addVideo(m_owner, hidden);
        hidden.visibility = "public";
        hidden.status = "processing";
        const std::string processing = m_fx.addVideo(m_owner, hidden);
        hidden.status = "failed";
        QVERIFY(!m_fx.addVideo(m_owner, hidden).empty());
        QVERIFY(!private_id.empty() && !unlisted.empty() && !processing.empty());

        const std::vector<std::string> only{listed};
        QCOMPARE(ids("ocelot"), only);
        QCOMPARE(ids("ocelot", m_owner.access_token), only); // not even for the owner
        QCOMPARE(ids("ocelot", m_viewer.access_token), only);
        QCOMPARE(m_fx.search("ocelot").json.value("estimated_total", -1), 1);
        QCOMPARE(m_fx.scalarInt("SELECT count(*) FROM video_search_docs WHERE video_id IN (?, ?, ?)",
                                {private_id, unlisted, processing}),
                 int64_t(0));

        // Processing finishes: the status change indexes it.
        QVERIFY(m_fx.db().exec("UPDATE videos SET status = 'ready' WHERE id = ?", {processing}));
        QCOMPARE(ids("ocelot").size(), size_t(2));
        QVERIFY(m_fx.indexesConsistent());
    }

    void patchToPrivateLeavesTheIndex() {
        const std::string id = m_fx.addVideo(m_owner, {"margay in the canopy"});
        QCOMPARE(ids("margay"), std::vector<std::string>{id});
        QCOMPARE(patchVideo(id, {{"visibility", "private"}}), 200);
        QVERIFY(ids("margay").empty());
        QVERIFY(ids("margay", m_owner.access_token).empty());
        QVERIFY(m_fx.indexesConsistent());
        QCOMPARE(patchVideo(id, {{"visibility", "unlisted"}}), 200);
        QVERIFY(ids("margay").empty());
        QCOMPARE(patchVideo(id, {{"visibility", "public"}}), 200);
        QCOMPARE(ids("margay"), std::vector<std::string>{id});
        QVERIFY(m_fx.indexesConsistent());
    }

    void editsReindex() {
        const std::string id = m_fx.addVideo(m_owner, {"jaguarundi walk", "", {"stripes"}});
        QCOMPARE(patchVideo(id, {{"title", "serval walk"}, {"tags", json::array({"spots"})}}), 200);
        QVERIFY(ids("jaguarundi").empty());
        QVERIFY(ids("stripes").empty());
        QCOMPARE(ids("serval"), std::vector<std::string>{id});
        QCOMPARE(ids("spots"), std::vector<std::string>{id});
        // An edit of something search does not index changes nothing.
        QCOMPARE(patchVideo(id, {{"comments_mode", "held"}}), 200);
        QCOMPARE(ids("serval"), std::vector<std::string>{id});
        QVERIFY(m_fx.indexesConsistent());
    }

    void channelRenameFollows() {
        const SignedUpUser renamed = m_fx.user("renamed");
        QVERIFY(m_fx.renameChannel(renamed, "Pallas Cats"));
        const std::string id = m_fx.addVideo(renamed, {"evening footage"});
        QCOMPARE(ids("pallas"), std::vector<std::string>{id});
        QVERIFY(m_fx.renameChannel(renamed, "Manul Cats"));
        QVERIFY(ids("pallas").empty());
        QCOMPARE(ids("manul"), std::vector<std::string>{id});
        QVERIFY(m_fx.indexesConsistent());
    }

    void deletionsLeaveTheIndex() {
        const std::string id = m_fx.addVideo(m_owner, {"fishing cat river"});
        QCOMPARE(ids("fishing"), std::vector<std::string>{id});
        QCOMPARE(m_fx.call("DELETE", "/api/v1/videos/" + id, m_owner.access_token).status, 204);
        QVERIFY(ids("fishing").empty());
        QVERIFY(m_fx.indexesConsistent());

        // A whole account: its channel and videos go by cascade.
        const SignedUpUser leaving = m_fx.user("leaving");
        QVERIFY(m_fx.renameChannel(leaving, "Leaving Studio"));
        QVERIFY(!m_fx.addVideo(leaving, {"sand cat dunes"}).empty());
        QCOMPARE(ids("dunes").size(), size_t(1));
        QVERIFY(m_fx.db().exec("PRAGMA foreign_keys = ON"));
        QVERIFY(m_fx.db().exec("DELETE FROM users WHERE id = ?", {leaving.id}));
        QVERIFY(ids("dunes").empty());
        QVERIFY(videoIds(m_fx.search("leaving", "&type=channel")).empty());
        QCOMPARE(m_fx.search("leaving", "&type=channel").json["items"].size(), size_t(0));
        QVERIFY(m_fx.indexesConsistent());
    }

    void highlightsAreEscaped() {
        SearchVideo video{"<script>alert(\"x\")</script> & caracal's den"};
        std::string description;
        for (int i = 0; i < 30; ++i)
            description += "word" + std::to_string(i) + " ";
        description += "the <b>caracal</b> & friends\nleap";
        for (int i = 30; i < 60; ++i)
            description += " word" + std::to_string(i);
        video.description = description;
        const std::string id = m_fx.addVideo(m_owner, video);
        const ApiReply reply = m_fx.search("caracal");
        QCOMPARE(videoIds(reply), std::vector<std::string>{id});
        const json highlights = reply.json["items"][0]["highlights"];
        QCOMPARE(
            highlights.value("title", ""),
            std::string("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <b>caracal</b>&#39;s den"));
        const std::string fragment = highlights.value("description", "");
        QVERIFY2(fragment.rfind("… ", 0) == 0, fragment.c_str());
        QVERIFY2(fragment.find("the &lt;b&gt;<b>caracal</b>&lt;/b&gt; &amp; friends leap") !=
                     std::string::npos,
                 fragment.c_str());
        QVERIFY2(fragment.size() > 4 && fragment.substr(fragment.size() - 4) == " …", fragment.c_str());
        const auto words = std::count(fragment.begin(), fragment.end(), ' ');
        QVERIFY2(words >= 25 && words <= 40, fragment.c_str());
        // The raw title is still the video object's.
        QCOMPARE(reply.json["items"][0]["video"].value("title", ""), video.title);
        // No match in the description: "".
        QVERIFY(!m_fx.addVideo(m_owner, {"caracal kitten", "nothing to see"}).empty());
        for (const auto& item : m_fx.search("kitten").json["items"])
            QCOMPARE(item["highlights"].value("description", "?"), std::string());
    }

    void channelResults() {
        const SignedUpUser lynx = m_fx.user("lynxname");
        const SignedUpUser other = m_fx.user("lynxdesc");
        QVERIFY(m_fx.renameChannel(lynx, "Lynx Lab", "mountain footage"));
        QVERIFY(m_fx.renameChannel(other, "Snow Lab", "we film the lynx"));
        const ApiReply reply = m_fx.search("lynx", "&type=channel");
        QCOMPARE(reply.status, 200);
        const json items = reply.json["items"];
        QVERIFY2(items.size() >= 2, reply.raw.body.c_str());
        QCOMPARE(items[0].value("kind", ""), std::string("channel"));
        QCOMPARE(items[0]["channel"].value("id", ""), lynx.channel_id);
        QCOMPARE(items[0]["highlights"].value("name", ""), std::string("<b>Lynx</b> Lab"));
        QCOMPARE(items[0]["highlights"].value("description", "?"), std::string());
        // The handles (lynxname…, lynxdesc…) match the prefix too, but below the names.
        QCOMPARE(items[1]["channel"].value("id", ""), other.channel_id);
        QCOMPARE(items[1]["highlights"].value("description", ""), std::string("we film the <b>lynx</b>"));
        QVERIFY(items[0].value("score", 0.0) > items[1].value("score", 0.0));
        QVERIFY(!items[0]["channel"].value("handle", "").empty());
        // By handle.
        const ApiReply by_handle = m_fx.search(lynx.username, "&type=channel");
        QCOMPARE(by_handle.json["items"][0]["channel"].value("id", ""), lynx.channel_id);
        QVERIFY(m_fx.indexesConsistent());
    }
};

QTEST_GUILESS_MAIN(TestSearchVisibility)
#include "test_search_visibility.moc"
