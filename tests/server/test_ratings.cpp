// Video ratings against the real server (docs/API.md §14): like, dislike, switching and clearing with the
// counts on the video object, the caller's own rating, visibility (a private video of someone else is 404),
// validation, and exact counters when many users rate and switch at the same moment.
#include <QtTest>

#include <atomic>
#include <thread>

#include "tests/server/follows_fixture.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::FollowsFixture;
using fc::test::SignedUpUser;
using fc::test::VideoState;
using nlohmann::json;

namespace {

std::string ratingPath(const std::string& video) {
    return "/api/v1/videos/" + video + "/rating";
}

json rating(const std::string& value) {
    return {{"rating", value}};
}

} // namespace

class TestRatings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_fan = m_fx.user("fan");
        QVERIFY(!m_owner.id.empty() && !m_fan.id.empty());
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void likeDislikeSwitchAndClear() {
        const std::string video = m_fx.video(m_owner);
        const auto put = [&](const std::string& value) {
            return m_fx.call("PUT", ratingPath(video), m_fan.access_token, rating(value));
        };
        const auto expect = [&](const ApiReply& reply, int likes, int dislikes, const std::string& mine) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json.value("video_id", ""), video);
            QCOMPARE(reply.json.value("like_count", -1), likes);
            QCOMPARE(reply.json.value("dislike_count", -1), dislikes);
            QCOMPARE(reply.json.value("my_rating", ""), mine);
            // The video object carries the same counts.
            const ApiReply details = m_fx.call("GET", "/api/v1/videos/" + video);
            QCOMPARE(details.json.value("like_count", -1), likes);
            QCOMPARE(details.json.value("dislike_count", -1), dislikes);
        };
        expect(m_fx.call("GET", ratingPath(video), m_fan.access_token), 0, 0, "none");
        expect(put("like"), 1, 0, "like");
        expect(put("like"), 1, 0, "like"); // one rating per user: liking again changes nothing
        expect(m_fx.call("GET", ratingPath(video), m_fan.access_token), 1, 0, "like");
        expect(put("dislike"), 0, 1, "dislike"); // switching moves the count
        expect(m_fx.call("GET", ratingPath(video), m_owner.access_token), 0, 1, "none");
        expect(m_fx.call("PUT", ratingPath(video), m_owner.access_token, rating("like")), 1, 1, "like");
        expect(put("none"), 1, 0, "none");
        expect(put("none"), 1, 0, "none");
        QCOMPARE(m_fx.scalarInt("SELECT COUNT(*) FROM video_ratings WHERE video_id = ?", {video}), 1);
    }

    void visibilityAsEveryVideoRead() {
        const std::string hidden = m_fx.video(m_owner, {.visibility = "private", .status = "ready"});
        const std::string unlisted = m_fx.video(m_owner, {.visibility = "unlisted", .status = "ready"});
        for (const std::string method : {"GET", "PUT"}) {
            const ApiReply reply = m_fx.call(method, ratingPath(hidden), m_fan.access_token,
                                             method == "PUT" ? std::optional(rating("like")) : std::nullopt);
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.errorCode(), std::string("video_not_found"));
        }
        const ApiReply missing =
            m_fx.call("PUT", ratingPath(fc::newId()), m_fan.access_token, rating("like"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), std::string("video_not_found"));
        // The private video's counts did not move; its owner and anyone with an unlisted id may rate.
        QCOMPARE(m_fx.scalarInt("SELECT like_count FROM videos WHERE id = ?", {hidden}), 0);
        QCOMPARE(m_fx.call("PUT", ratingPath(hidden), m_owner.access_token, rating("like")).status, 200);
        QCOMPARE(m_fx.call("PUT", ratingPath(unlisted), m_fan.access_token, rating("dislike")).status, 200);
    }

    void anonymousAndInvalidRequests() {
        const std::string video = m_fx.video(m_owner);
        for (const std::string method : {"GET", "PUT"}) {
            const ApiReply reply = m_fx.call(method, ratingPath(video), {},
                                             method == "PUT" ? std::optional(rating("like")) : std::nullopt);
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.errorCode(), std::string("auth_required"));
        }
        for (const json& body :
             {json{{"rating", "love"}}, json{{"rating", 1}}, json::object(), json{{"rating", nullptr}}}) {
            const ApiReply reply = m_fx.call("PUT", ratingPath(video), m_fan.access_token, body);
            QVERIFY2(reply.status == 400, body.dump().c_str());
            QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        }
        QCOMPARE(m_fx.scalarInt("SELECT like_count + dislike_count FROM videos WHERE id = ?", {video}), 0);
    }

    void countsStayExactUnderConcurrentRatings() {
        // 16 users, each on its own thread with its own HTTP client, released together; every round each
        // switches its rating (like → dislike → none → like ...), offset by its index so the mix changes.
        constexpr int kUsers = 16;
        constexpr int kRounds = 6;
        const std::string video = m_fx.video(m_owner);
        std::vector<SignedUpUser> users;
        for (int i = 0; i < kUsers; ++i) {
            users.push_back(m_fx.user("rater"));
            QVERIFY(!users.back().id.empty());
        }
        const char* const cycle[] = {"like", "dislike", "none"};
        std::atomic<int> ready{0};
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kUsers; ++i)
            threads.emplace_back([&, i] {
                ApiClient api(m_fx.server());
                ready.fetch_add(1);
                while (ready.load() < kUsers)
                    std::this_thread::yield();
                for (int round = 0; round < kRounds; ++round) {
                    const ApiReply reply = api.call("PUT", ratingPath(video), users[i].access_token,
                                                    rating(cycle[(i + round) % 3]));
                    if (reply.status != 200)
                        failures.fetch_add(1);
                }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);

        int likes = 0;
        int dislikes = 0;
        for (int i = 0; i < kUsers; ++i) {
            const std::string last = cycle[(i + kRounds - 1) % 3];
            likes += last == "like";
            dislikes += last == "dislike";
        }
        const ApiReply details = m_fx.call("GET", "/api/v1/videos/" + video);
        QCOMPARE(details.json.value("like_count", -1), likes);
        QCOMPARE(details.json.value("dislike_count", -1), dislikes);
        QCOMPARE(
            m_fx.scalarInt("SELECT COUNT(*) FROM video_ratings WHERE video_id = ? AND value = 1", {video}),
            int64_t(likes));
        QCOMPARE(
            m_fx.scalarInt("SELECT COUNT(*) FROM video_ratings WHERE video_id = ? AND value = -1", {video}),
            int64_t(dislikes));
        // And each user's own rating is the last one they sent.
        for (int i = 0; i < kUsers; ++i)
            QCOMPARE(m_fx.call("GET", ratingPath(video), users[i].access_token).json.value("my_rating", ""),
                     std::string(cycle[(i + kRounds - 1) % 3]));
    }

private:
    FollowsFixture m_fx;
    SignedUpUser m_owner;
    SignedUpUser m_fan;
};

QTEST_GUILESS_MAIN(TestRatings)
#include "test_ratings.moc"
