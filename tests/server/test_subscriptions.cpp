// Subscriptions and the subscriptions feed against the real server (docs/API.md §14): idempotent subscribe
// and unsubscribe with an exact subscriber_count (also when many subscribe at once), no subscribing to
// yourself, the list of subscriptions most recent first, and the feed: only public, playable videos of
// subscribed channels, newest published first, in exact keyset pages — with a video the server processed
// from a real upload.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

#include "tests/server/follows_fixture.h"
#include "tests/server/test_upload_helpers.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::FollowsFixture;
using fc::test::itemIds;
using fc::test::SignedUpUser;
using fc::test::VideoState;
using nlohmann::json;

namespace {

std::string subscriptionPath(const SignedUpUser& channel_owner) {
    return "/api/v1/channels/" + channel_owner.channel_id + "/subscription";
}

constexpr const char* kFeed = "/api/v1/users/me/feed/subscriptions";

} // namespace

class TestSubscriptions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_creator = m_fx.user("creator");
        m_viewer = m_fx.user("viewer");
        QVERIFY(!m_creator.id.empty() && !m_viewer.id.empty());
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void subscribeAndUnsubscribeAreIdempotent() {
        const auto expect = [&](const ApiReply& reply, bool subscribed, int count) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json.value("channel_id", ""), m_creator.channel_id);
            QCOMPARE(reply.json.value("subscribed", !subscribed), subscribed);
            QCOMPARE(reply.json.value("subscriber_count", -1), count);
            const ApiReply channel = m_fx.call("GET", "/api/v1/channels/" + m_creator.channel_id);
            QCOMPARE(channel.json.value("subscriber_count", -1), count);
        };
        const std::string& token = m_viewer.access_token;
        expect(m_fx.call("GET", subscriptionPath(m_creator), token), false, 0);
        expect(m_fx.call("PUT", subscriptionPath(m_creator), token), true, 1);
        expect(m_fx.call("PUT", subscriptionPath(m_creator), token), true, 1);
        expect(m_fx.call("GET", subscriptionPath(m_creator), token), true, 1);
        expect(m_fx.call("DELETE", subscriptionPath(m_creator), token), false, 0);
        expect(m_fx.call("DELETE", subscriptionPath(m_creator), token), false, 0);
        // The creator's own view: not subscribed, and cannot be.
        expect(m_fx.call("GET", subscriptionPath(m_creator), m_creator.access_token), false, 0);
        const ApiReply self = m_fx.call("PUT", subscriptionPath(m_creator), m_creator.access_token);
        QCOMPARE(self.status, 400);
        QCOMPARE(self.errorCode(), std::string("cannot_subscribe_to_self"));
        expect(m_fx.call("DELETE", subscriptionPath(m_creator), m_creator.access_token), false, 0);
    }

    void unknownChannelAndAnonymous() {
        const std::string missing = "/api/v1/channels/" + fc::newId() + "/subscription";
        for (const std::string method : {"GET", "PUT", "DELETE"}) {
            const ApiReply reply = m_fx.call(method, missing, m_viewer.access_token);
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.errorCode(), std::string("channel_not_found"));
            QCOMPARE(m_fx.call(method, subscriptionPath(m_creator)).status, 401);
        }
        for (const std::string& path : {std::string("/api/v1/users/me/subscriptions"), std::string(kFeed)})
            QCOMPARE(m_fx.call("GET", path).errorCode(), std::string("auth_required"));
    }

    void countStaysExactUnderParallelSubscribes() {
        constexpr int kUsers = 12;
        const SignedUpUser popular = m_fx.user("popular");
        std::vector<SignedUpUser> fans;
        for (int i = 0; i < kUsers; ++i) {
            fans.push_back(m_fx.user("fan"));
            QVERIFY(!fans.back().id.empty());
        }
        // Everyone subscribes twice at once; then the even ones leave (also twice) at once.
        const auto race = [&](const std::string& method, auto&& who) {
            int racers = 0;
            for (int i = 0; i < kUsers; ++i)
                racers += who(i) ? 1 : 0;
            std::atomic<int> ready{0};
            std::atomic<int> failures{0};
            std::vector<std::thread> threads;
            for (int i = 0; i < kUsers; ++i) {
                if (!who(i))
                    continue;
                threads.emplace_back([&, i] {
                    ApiClient api(m_fx.server());
                    ready.fetch_add(1);
                    while (ready.load() < racers) // released together
                        std::this_thread::yield();
                    for (int n = 0; n < 2; ++n)
                        if (api.call(method, subscriptionPath(popular), fans[i].access_token).status != 200)
                            failures.fetch_add(1);
                });
            }
            for (auto& thread : threads)
                thread.join();
            return failures.load();
        };
        QCOMPARE(race("PUT", [](int) { return true; }), 0);
        QCOMPARE(
            m_fx.call("GET", "/api/v1/channels/" + popular.channel_id).json.value("subscriber_count", -1),
            kUsers);
        QCOMPARE(race("DELETE", [](int i) { return i % 2 == 0; }), 0);
        const int64_t rows =
            m_fx.scalarInt("SELECT COUNT(*) FROM subscriptions WHERE channel_id = ?", {popular.channel_id});
        QCOMPARE(rows, int64_t(kUsers / 2));
        QCOMPARE(
            m_fx.call("GET", "/api/v1/channels/" + popular.channel_id).json.value("subscriber_count", -1),
            kUsers / 2);
    }

    void listMostRecentFirstInPages() {
        const SignedUpUser reader = m_fx.user("reader");
        std::vector<SignedUpUser> channels;
        for (int i = 0; i < 3; ++i) {
            channels.push_back(m_fx.user("chan"));
            QCOMPARE(m_fx.call("PUT", subscriptionPath(channels.back()), reader.access_token).status, 200);
            QTest::qWait(5); // distinct subscription times
        }
        const std::string path = "/api/v1/users/me/subscriptions";
        const ApiReply first = m_fx.call("GET", path + "?limit=2", reader.access_token);
        QCOMPARE(first.status, 200);
        QCOMPARE(itemIds(first.json),
                 (std::vector<std::string>{channels[2].channel_id, channels[1].channel_id}));
        QCOMPARE(first.json["items"][0].value("subscriber_count", -1), 1); // the channel object
        QVERIFY(first.json["items"][0].contains("handle"));
        const std::string cursor = first.json.value("next_cursor", "");
        QVERIFY(!cursor.empty());
        const ApiReply second = m_fx.call("GET", path + "?limit=2&cursor=" + cursor, reader.access_token);
        QCOMPARE(itemIds(second.json), std::vector<std::string>{channels[0].channel_id});
        QVERIFY(second.json["next_cursor"].is_null());
        QCOMPARE(m_fx.call("GET", path + "?cursor=garbage", reader.access_token).errorCode(),
                 std::string("invalid_cursor"));
        // Leaving one takes it off the list.
        QCOMPARE(m_fx.call("DELETE", subscriptionPath(channels[1]), reader.access_token).status, 200);
        QCOMPARE(itemIds(m_fx.call("GET", path, reader.access_token).json),
                 (std::vector<std::string>{channels[2].channel_id, channels[0].channel_id}));
    }

    void feedHasOnlyPublicPlayableVideosOfSubscribedChannels() {
        const SignedUpUser reader = m_fx.user("feedreader");
        const SignedUpUser a = m_fx.user("chana");
        const SignedUpUser b = m_fx.user("chanb");
        const SignedUpUser c = m_fx.user("chanc"); // not followed
        for (const SignedUpUser* channel : {&a, &b})
            QCOMPARE(m_fx.call("PUT", subscriptionPath(*channel), reader.access_token).status, 200);
        const int64_t t = fc::unixMillisNow() - 100'000;
        const std::string a1 = m_fx.video(a, {.published_at_ms = t + 1});
        const std::string b1 = m_fx.video(b, {.published_at_ms = t + 2});
        const std::string a2 = m_fx.video(a, {.status = "processing", .published_at_ms = t + 3}); // playable
        const std::string b2 = m_fx.video(b, {.published_at_ms = t + 4});
        const std::string a3 = m_fx.video(a, {.published_at_ms = t + 4}); // same instant: id breaks the tie
        // Never in the feed: private, unlisted, not playable yet, failed, or from a channel not followed.
        m_fx.video(a, {.visibility = "private", .published_at_ms = t + 9});
        m_fx.video(a, {.visibility = "unlisted", .published_at_ms = t + 9});
        m_fx.video(b, {.status = "processing", .playable = false, .published_at_ms = t + 9});
        m_fx.video(b, {.status = "failed", .playable = false, .published_at_ms = t + 9});
        m_fx.video(c, {.published_at_ms = t + 9});

        std::vector<std::string> expected = {b2, a3, a2, b1, a1};
        if (a3 > b2)
            std::swap(expected[0], expected[1]);
        std::vector<std::string> seen;
        std::string cursor;
        for (int page = 0; page < 5; ++page) {
            const ApiReply reply = m_fx.call(
                "GET", std::string(kFeed) + "?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                reader.access_token);
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.json["items"].size() <= 2);
            for (const auto& item : reply.json["items"]) {
                QCOMPARE(item.value("visibility", ""), std::string("public"));
                QCOMPARE(item.value("playable", false), true);
                QVERIFY(!item.contains("source")); // the video object as others see it
            }
            for (const auto& id : itemIds(reply.json))
                seen.push_back(id);
            if (reply.json["next_cursor"].is_null())
                break;
            cursor = reply.json.value("next_cursor", "");
        }
        QCOMPARE(seen, expected);

        // A video made private leaves the feed; unsubscribing takes a channel's videos away.
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + b1, b.access_token, json{{"visibility", "private"}})
                     .status,
                 200);
        QCOMPARE(m_fx.call("DELETE", subscriptionPath(a), reader.access_token).status, 200);
        QCOMPARE(itemIds(m_fx.call("GET", kFeed, reader.access_token).json), std::vector<std::string>{b2});
        QCOMPARE(m_fx.call("GET", std::string(kFeed) + "?cursor=x", reader.access_token).errorCode(),
                 std::string("invalid_cursor"));
    }

    void feedShowsAVideoTheServerProcessed() {
        QTemporaryDir media;
        const QString clip = fc::test::makeClip(media.path(), fc::test::sharedMedia("big_buck_bunny.mp4"), 30,
                                                2, {"-vf", "scale=320:180"}, "feed.mp4");
        QVERIFY2(!clip.isEmpty(), "ffmpeg could not cut the test clip");
        const SignedUpUser uploader = m_fx.user("uploader");
        const SignedUpUser follower = m_fx.user("follower");
        QCOMPARE(m_fx.call("PUT", subscriptionPath(uploader), follower.access_token).status, 200);
        const std::string older = m_fx.video(uploader, {.published_at_ms = fc::unixMillisNow() - 60'000});

        const std::string video =
            fc::test::uploadWithTus(m_fx.server(), uploader.access_token, clip, "public");
        QVERIFY(!video.empty());
        ApiClient api(m_fx.server());
        const json done =
            fc::test::waitForVideoStatus(api, uploader.access_token, video, {"ready", "failed"});
        QCOMPARE(done.value("status", ""), std::string("ready"));
        const ApiReply feed = m_fx.call("GET", kFeed, follower.access_token);
        QCOMPARE(itemIds(feed.json), (std::vector<std::string>{video, older}));
        QVERIFY(!feed.json["items"][0]["thumbnail_url"].is_null());
        QVERIFY(!feed.json["items"][0]["renditions"].empty());
    }

private:
    FollowsFixture m_fx;
    SignedUpUser m_creator;
    SignedUpUser m_viewer;
};

QTEST_GUILESS_MAIN(TestSubscriptions)
#include "test_subscriptions.moc"
