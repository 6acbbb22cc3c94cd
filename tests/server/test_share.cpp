// Share links against the real server (docs/API.md §16): GET /videos/<id>/share builds the /watch URL on the
// request's Host with the start time (t validated: whole seconds ≥ 0), and GET /watch/<id> answers a small
// HTML page with every text escaped (a <script> title stays text), the thumbnail, the channel, the public HLS
// URL, the framecast:// link at t and Open Graph tags — or an HTML 404 for a video the reader may not see.
// With --public-url both use it instead of the Host (a server behind a TLS proxy); a bad one stops the start.
// Video rows are inserted directly: none of this needs media.
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;
using nlohmann::json;

namespace {
const std::string kTitle = "<script>alert(\"x\")</script> & 'quotes'";
const std::string kEscapedTitle = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;";
} // namespace

class TestShare : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::optional<SignedUpUser> m_owner;

    bool addVideo(const std::string& id, const std::string& visibility, const std::string& title = "Plain",
                  bool playable = true) {
        DirectDatabase db(m_server.dataDir());
        return db.insertVideo({id, m_owner->channel_id, m_owner->id, title, visibility,
                               playable ? "ready" : "processing", 1000}) &&
               db.exec("UPDATE videos SET thumbnail_file = 'thumbs/thumb_1.jpg', playable = ?, description = "
                       "'Line one\nLine <two>' WHERE id = ?",
                       {playable ? "1" : "0", id});
    }
    ApiReply get(const std::string& path, const std::string& token = {},
                 fc::transfer::HeaderList headers = {}) {
        return ApiClient(m_server).call("GET", path, token, std::nullopt, std::move(headers));
    }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(m_server.port()); }

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_owner = ApiClient(m_server).signUp("sharer");
        QVERIFY(m_owner);
        QCOMPARE(ApiClient(m_server)
                     .call("PATCH", "/api/v1/channels/" + m_owner->channel_id, m_owner->access_token,
                           json{{"name", "Ann & <Co>"}})
                     .status,
                 200);
        QVERIFY(addVideo("shVideo0001", "public", kTitle));
        QVERIFY(addVideo("shUnlist001", "unlisted"));
        QVERIFY(addVideo("shPrivate01", "private"));
        QVERIFY(addVideo("shPending01", "public", "Pending", false));
    }

    void shareUrlCarriesTheStartTime() {
        const auto shared = get("/api/v1/videos/shVideo0001/share?t=83");
        QCOMPARE(shared.status, 200);
        QCOMPARE(shared.json.value("url", ""), origin() + "/watch/shVideo0001?t=83");
        QCOMPARE(shared.json.value("start_s", -1), 83);
        const auto plain = get("/api/v1/videos/shUnlist001/share");
        QCOMPARE(plain.json.value("url", ""), origin() + "/watch/shUnlist001");
        QCOMPARE(plain.json.value("start_s", -1), 0);
        QCOMPARE(get("/api/v1/videos/shVideo0001/share?t=0").json.value("url", ""),
                 origin() + "/watch/shVideo0001?t=0");
        // The host the client used, not ours.
        QCOMPARE(get("/api/v1/videos/shVideo0001/share?t=5", {}, {{"Host", "videos.example.test:8443"}})
                     .json.value("url", ""),
                 std::string("http://videos.example.test:8443/watch/shVideo0001?t=5"));
        // A Host we would not put into a link is not echoed.
        const std::string odd =
            get("/api/v1/videos/shVideo0001/share", {}, {{"Host", "evil.test/<x>"}}).json.value("url", "");
        QVERIFY2(odd.rfind("http://127.0.0.1:", 0) == 0, odd.c_str());

        for (const char* bad : {"-1", "1.5", "abc", "", "12s", "99999999999999999999"})
            QCOMPARE(get(std::string("/api/v1/videos/shVideo0001/share?t=") + bad).status, 400);
        QCOMPARE(get("/api/v1/videos/shPrivate01/share").errorCode(), std::string("video_not_found"));
        QCOMPARE(get("/api/v1/videos/shPrivate01/share", m_owner->access_token).status, 200);
        QCOMPARE(get("/api/v1/videos/noSuchVid00/share").status, 404);
    }

    void watchPageEscapesAndLinks() {
        const auto page = get("/watch/shVideo0001?t=83");
        QCOMPARE(page.status, 200);
        QVERIFY(page.raw.header("Content-Type").value_or("").rfind("text/html", 0) == 0);
        const std::string& html = page.raw.body;
        QVERIFY2(html.find("<script") == std::string::npos, html.c_str());
        QVERIFY(html.find("<h1>" + kEscapedTitle + "</h1>") != std::string::npos);
        QVERIFY(html.find("<meta property=\"og:title\" content=\"" + kEscapedTitle + "\">") !=
                std::string::npos);
        QVERIFY(html.find("Ann &amp; &lt;Co&gt;") != std::string::npos);
        QVERIFY(html.find("Line <two>") == std::string::npos);
        QVERIFY(html.find("Line &lt;two&gt;") != std::string::npos);
        QVERIFY(html.find("href=\"framecast://watch/shVideo0001?t=83\"") != std::string::npos);
        const std::string media = origin() + "/api/v1/videos/shVideo0001/";
        QVERIFY(html.find("<img src=\"" + media + "files/thumbs/thumb_1.jpg\"") != std::string::npos);
        QVERIFY(html.find("<meta property=\"og:image\" content=\"" + media + "files/thumbs/thumb_1.jpg\">") !=
                std::string::npos);
        QVERIFY(html.find("href=\"" + media + "cmaf/master.m3u8\"") != std::string::npos);
        QVERIFY(html.find("<meta property=\"og:url\" content=\"" + origin() + "/watch/shVideo0001?t=83\">") !=
                std::string::npos);

        // The HLS URL on the page really is the public route (the video row has no files, so 404 not_found
        // from delivery rather than an authorization refusal).
        QCOMPARE(get("/api/v1/videos/shVideo0001/cmaf/master.m3u8").errorCode(), std::string("not_found"));

        // No t, or a bad one: the app link starts at 0.
        QVERIFY(get("/watch/shUnlist001").raw.body.find("framecast://watch/shUnlist001?t=0") !=
                std::string::npos);
        QVERIFY(get("/watch/shUnlist001?t=-4").raw.body.find("framecast://watch/shUnlist001?t=0") !=
                std::string::npos);
        // Nothing to play yet: no stream URL.
        const std::string pending = get("/watch/shPending01").raw.body;
        QVERIFY(pending.find("cmaf/master.m3u8") == std::string::npos);
        QVERIFY(pending.find("og:video") == std::string::npos);
    }

    void aConfiguredPublicUrlIsUsedWhateverTheHost() {
        // Behind a TLS proxy the Host is right but the scheme is not: --public-url settles both.
        TestServer behind_proxy({"--public-url", "https://videos.example.org/"});
        QVERIFY2(behind_proxy.start(), qPrintable(behind_proxy.log()));
        const auto owner = ApiClient(behind_proxy).signUp("proxied");
        QVERIFY(owner);
        DirectDatabase db(behind_proxy.dataDir());
        QVERIFY(db.insertVideo(
            {"pxVideo0001", owner->channel_id, owner->id, "Proxied", "public", "ready", 1000}));
        const auto shared = ApiClient(behind_proxy)
                                .call("GET", "/api/v1/videos/pxVideo0001/share?t=5", {}, std::nullopt,
                                      {{"Host", "10.0.0.5:8080"}});
        QCOMPARE(shared.json.value("url", ""),
                 std::string("https://videos.example.org/watch/pxVideo0001?t=5"));
        const auto page = ApiClient(behind_proxy).call("GET", "/watch/pxVideo0001?t=5");
        QVERIFY(page.raw.body.find("<meta property=\"og:url\" content=\"https://videos.example.org/watch/"
                                   "pxVideo0001?t=5\">") != std::string::npos);
        QVERIFY2(behind_proxy.terminate(), qPrintable(behind_proxy.log()));

        // Anything but an http(s) URL is refused at start, with the reason.
        QProcess process;
        process.start(QStringLiteral(FRAMECASTD_PATH), {"--public-url", "ftp://videos.example.org"});
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains("--public-url must be an http"));
    }

    void invisibleVideosAreNotFound() {
        for (const char* id : {"shPrivate01", "noSuchVid00"}) {
            const auto page = get(std::string("/watch/") + id);
            QCOMPARE(page.status, 404);
            QVERIFY(page.raw.header("Content-Type").value_or("").rfind("text/html", 0) == 0);
            QVERIFY(page.raw.body.find("Video not found") != std::string::npos);
            QVERIFY(page.raw.body.find("Plain") == std::string::npos);
        }
        // Its owner (with a token) gets the page, with the stream behind a signed prefix.
        const auto own = get("/watch/shPrivate01", m_owner->access_token);
        QCOMPARE(own.status, 200);
        QVERIFY(own.raw.body.find("/api/v1/videos/shPrivate01/s/") != std::string::npos);
        QVERIFY(own.raw.body.find("/api/v1/videos/shPrivate01/cmaf/") == std::string::npos);
    }

    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }
};

QTEST_GUILESS_MAIN(TestShare)
#include "test_share.moc"
