// Comments in realtime (docs/API.md §13) against the real server: two WebSocket clients following
// video:<id>:comments both see a new comment, an edit, a like, a pin and a delete, with the comment object
// the REST routes answer; held comments are not broadcast. And reactions stay exact when many users react at
// once from several threads.
#include <QtTest>

#include <thread>

#include "tests/server/comment_fixture.h"
#include "tests/support/ws_client.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::CommentFixture;
using fc::test::SignedUpUser;
using fc::test::WsClient;
using nlohmann::json;

class TestCommentsLive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_alice = m_fx.user("alice");
        m_bob = m_fx.user("bob");
        QVERIFY(!m_owner.id.empty() && !m_alice.id.empty() && !m_bob.id.empty());
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void twoFollowersSeeEveryChange() {
        const std::string video = m_fx.video(m_owner);
        const std::string topic = "video:" + video + ":comments";
        WsClient first, second;
        QVERIFY(first.open(m_fx.server()));                      // anonymous
        QVERIFY(second.open(m_fx.server(), m_bob.access_token)); // signed in
        QCOMPARE(first.subscribe(topic).value("type", ""), std::string("subscribed"));
        QCOMPARE(second.subscribe(topic).value("type", ""), std::string("subscribed"));
        WsClient* clients[] = {&first, &second};

        const ApiReply posted = m_fx.post(m_alice.access_token, video, "Live comment");
        QCOMPARE(posted.status, 201);
        const std::string id = posted.json.value("id", "");
        for (WsClient* client : clients) {
            const auto created = client->waitFor("comment_created", topic);
            QVERIFY(created);
            QCOMPARE((*created)["data"].value("comment_count", -1), 1);
            json comment = (*created)["data"]["comment"];
            QCOMPARE(comment, posted.json); // the same object as the REST answer (my_reaction null in both)
        }

        QCOMPARE(m_fx.call("PATCH", "/api/v1/comments/" + id, m_alice.access_token, json{{"text", "Edited"}})
                     .status,
                 200);
        for (WsClient* client : clients) {
            const auto updated = client->waitFor("comment_updated", topic);
            QVERIFY(updated);
            QCOMPARE((*updated)["data"]["comment"].value("text", ""), std::string("Edited"));
            QCOMPARE((*updated)["data"]["comment"].value("edited", false), true);
        }

        // Bob likes it; the event carries the counts but no one's own reaction.
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + id + "/reaction", m_bob.access_token,
                           json{{"reaction", "like"}})
                     .status,
                 200);
        for (WsClient* client : clients) {
            const auto reactions = client->waitFor("comment_reactions", topic);
            QVERIFY(reactions);
            QCOMPARE((*reactions)["data"],
                     (json{{"id", id}, {"video_id", video}, {"like_count", 1}, {"dislike_count", 0}}));
        }

        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + id + "/pin", m_owner.access_token).status, 200);
        for (WsClient* client : clients) {
            const auto pinned = client->waitFor("comment_updated", topic);
            QVERIFY(pinned);
            QCOMPARE((*pinned)["data"]["comment"].value("pinned", false), true);
            QVERIFY((*pinned)["data"]["comment"]["my_reaction"].is_null());
        }

        // A held comment is not broadcast: the next frame anyone sees is the delete.
        const ApiReply held = m_fx.post(m_alice.access_token, video, "check out spam.example.com");
        QCOMPARE(held.json.value("status", ""), std::string("held"));
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + id, m_alice.access_token).status, 204);
        for (WsClient* client : clients) {
            const auto next = client->next();
            QVERIFY(next);
            QCOMPARE(next->value("type", ""), std::string("comment_deleted"));
            QCOMPARE((*next)["data"],
                     (json{{"id", id}, {"video_id", video}, {"thread_id", nullptr}, {"comment_count", 0}}));
        }
        QVERIFY(first.all("comment_created").size() == 1 && second.all("comment_created").size() == 1);

        // Approving the held comment publishes it: now it is broadcast, counted.
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + held.json.value("id", "") + "/approve",
                           m_owner.access_token)
                     .status,
                 200);
        for (WsClient* client : clients) {
            const auto created = client->waitFor("comment_created", topic);
            QVERIFY(created);
            QCOMPARE((*created)["data"]["comment"].value("id", ""), held.json.value("id", ""));
            QCOMPARE((*created)["data"].value("comment_count", -1), 1);
        }
    }

    void replyEventsNameTheirThread() {
        const std::string video = m_fx.video(m_owner);
        const std::string topic = "video:" + video + ":comments";
        const std::string top = m_fx.comment(m_alice.access_token, video, "top");
        WsClient client;
        QVERIFY(client.open(m_fx.server()));
        QCOMPARE(client.subscribe(topic).value("type", ""), std::string("subscribed"));
        const std::string reply = m_fx.comment(m_bob.access_token, video, "reply", top);
        const auto created = client.waitFor("comment_created", topic);
        QVERIFY(created);
        QCOMPARE((*created)["data"]["comment"].value("thread_id", ""), top);
        QCOMPARE((*created)["data"].value("comment_count", -1), 2);
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + reply + "/remove", m_owner.access_token).status,
                 204);
        const auto removed = client.waitFor("comment_deleted", topic);
        QVERIFY(removed);
        QCOMPARE((*removed)["data"].value("thread_id", ""), top);
        QCOMPARE((*removed)["data"].value("comment_count", -1), 1);
    }

    // Many users react at the same time, each through their own client on their own thread, switching their
    // reaction several times; the stored counts equal the final reactions exactly.
    void concurrentReactionsStayExact() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_alice.access_token, video, "react at once");
        constexpr int kUsers = 20;
        constexpr int kThreads = 5;
        std::vector<SignedUpUser> users;
        for (int i = 0; i < kUsers; ++i) {
            users.push_back(m_fx.user("crowd"));
            QVERIFY(!users.back().id.empty());
        }
        // User i ends with a like when i % 3 == 0, a dislike when i % 3 == 1, nothing when i % 3 == 2.
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                ApiClient api(m_fx.server());
                const std::string path = "/api/v1/comments/" + id + "/reaction";
                for (int round = 0; round < 3; ++round)
                    for (int i = t; i < kUsers; i += kThreads) {
                        const std::string& token = users[size_t(i)].access_token;
                        const bool last = round == 2;
                        ApiReply reply;
                        if (!last)
                            reply = api.call("PUT", path, token,
                                             json{{"reaction", round == 0 ? "dislike" : "like"}});
                        else if (i % 3 == 2)
                            reply = api.call("DELETE", path, token);
                        else
                            reply = api.call("PUT", path, token,
                                             json{{"reaction", i % 3 == 0 ? "like" : "dislike"}});
                        if (reply.status != 200)
                            ++failures;
                    }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        int likes = 0, dislikes = 0;
        for (int i = 0; i < kUsers; ++i) {
            likes += i % 3 == 0;
            dislikes += i % 3 == 1;
        }
        const ApiReply read = m_fx.call("GET", "/api/v1/comments/" + id, "");
        QCOMPARE(read.json.value("like_count", -1), likes);
        QCOMPARE(read.json.value("dislike_count", -1), dislikes);
        QCOMPARE(
            m_fx.db()
                .scalar("SELECT COUNT(*) FROM comment_reactions WHERE comment_id = ? AND value = 1", {id})
                .value_or(""),
            std::to_string(likes));
        QCOMPARE(m_fx.db()
                     .scalar("SELECT COUNT(*) FROM comment_reactions WHERE comment_id = ?", {id})
                     .value_or(""),
                 std::to_string(likes + dislikes));
    }

private:
    CommentFixture m_fx;
    SignedUpUser m_owner, m_alice, m_bob;
};

QTEST_GUILESS_MAIN(TestCommentsLive)
#include "test_comments_live.moc"
