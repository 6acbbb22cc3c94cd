// Comment moderation against the real server (docs/API.md §13): the filter holds profanity (leetspeak too),
// links, repetition and a too-fast commenter; a held comment is its author's and the owner's alone and waits
// in the owner's review queue; approve publishes it (counted, notified), remove takes it away; three reports
// hold a comment; the "held" mode holds everything; and the `comments` rate limit answers 429.
#include <QtTest>

#include "tests/server/comment_fixture.h"

using fc::test::ApiReply;
using fc::test::CommentFixture;
using fc::test::idsOf;
using fc::test::SignedUpUser;
using nlohmann::json;

namespace {

bool containsId(const json& items, const std::string& id) {
    const auto ids = idsOf(items);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

class TestCommentsModeration : public QObject {
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

    void filterHolds_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("profanity") << "this is shit"
                                   << "profanity";
        QTest::newRow("leetspeak") << "what a load of sh1t"
                                   << "profanity";
        QTest::newRow("leet symbols") << "you @$$hole"
                                      << "profanity";
        QTest::newRow("url") << "see https://example.org/x"
                             << "link";
        QTest::newRow("bare domain") << "free stuff at cheap-deals.xyz today"
                                     << "link";
        QTest::newRow("one character") << "!!!!!!!!!!!!!!!!!!!!!!!!!!"
                                       << "repetition";
        QTest::newRow("one phrase") << "buy now buy now buy now buy now"
                                    << "repetition";
        QTest::newRow("clean") << "A classic; I assume the scene at 3:40 is a homage."
                               << "";
    }
    void filterHolds() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const std::string video = m_fx.video(m_owner);
        const ApiReply posted = m_fx.post(m_alice.access_token, video, text.toStdString());
        QCOMPARE(posted.status, 201);
        const std::string id = posted.json.value("id", "");
        if (reason.isEmpty()) {
            QCOMPARE(posted.json.value("status", ""), std::string("published"));
            QCOMPARE(m_fx.videoCommentCount(video), 1);
            return;
        }
        QCOMPARE(posted.json.value("status", ""), std::string("held"));
        QCOMPARE(m_fx.videoCommentCount(video), 0);
        // The author sees it (without the reason); others do not; the owner finds it in the queue.
        const ApiReply as_author = m_fx.list(video, m_alice.access_token);
        QVERIFY(containsId(as_author.json["items"], id));
        QVERIFY(as_author.json["items"][0]["held_reason"].is_null());
        QVERIFY(!containsId(m_fx.list(video, m_bob.access_token).json["items"], id));
        QVERIFY(!containsId(m_fx.list(video).json["items"], id));
        QVERIFY(!containsId(m_fx.list(video, m_owner.access_token).json["items"], id));
        const ApiReply queue =
            m_fx.call("GET", "/api/v1/users/me/comments/held?limit=100", m_owner.access_token);
        QCOMPARE(queue.status, 200);
        bool found = false;
        for (const auto& item : queue.json["items"])
            if (item.value("id", "") == id) {
                found = true;
                QCOMPARE(item.value("held_reason", ""), reason.toStdString());
                QCOMPARE(item["video"].value("id", ""), video);
                QCOMPARE(item["video"].value("title", ""), std::string("Test video"));
            }
        QVERIFY(found);
        QVERIFY(!containsId(
            m_fx.call("GET", "/api/v1/users/me/comments/held", m_alice.access_token).json["items"], id));
    }

    void ownerMayPostLinks() {
        const std::string video = m_fx.video(m_owner);
        QCOMPARE(m_fx.post(m_owner.access_token, video, "Merch at https://shop.example.com")
                     .json.value("status", ""),
                 std::string("published"));
    }

    void sameTextAgainIsHeld() {
        const std::string video = m_fx.video(m_owner);
        QCOMPARE(m_fx.post(m_bob.access_token, video, "Nice one").json.value("status", ""),
                 std::string("published"));
        const ApiReply again = m_fx.post(m_bob.access_token, video, "Nice one");
        QCOMPARE(again.json.value("status", ""), std::string("held"));
        const ApiReply as_owner =
            m_fx.call("GET", "/api/v1/comments/" + again.json.value("id", ""), m_owner.access_token);
        QCOMPARE(as_owner.json.value("held_reason", ""), std::string("repetition"));
        // Someone else saying the same is fine.
        QCOMPARE(m_fx.post(m_alice.access_token, video, "Nice one").json.value("status", ""),
                 std::string("published"));
    }

    void sixthCommentInTwoMinutesIsHeld() {
        const std::string video = m_fx.video(m_owner);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_fx.post(m_bob.access_token, video, "thought number " + std::to_string(i))
                         .json.value("status", ""),
                     std::string("published"));
        const ApiReply sixth = m_fx.post(m_bob.access_token, video, "one more thought");
        QCOMPARE(sixth.json.value("status", ""), std::string("held"));
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + sixth.json.value("id", ""), m_owner.access_token)
                     .json.value("held_reason", ""),
                 std::string("rate"));
        QCOMPARE(m_fx.videoCommentCount(video), 5);
    }

    void approveAndRemove() {
        const std::string video = m_fx.video(m_owner);
        const std::string top = m_fx.comment(m_bob.access_token, video, "a thread");
        const ApiReply held = m_fx.post(m_alice.access_token, video, "see example.com", top);
        QCOMPARE(held.json.value("status", ""), std::string("held"));
        const std::string id = held.json.value("id", "");
        const auto notifications = [&] {
            return m_fx.db()
                .scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND comment_id = ?",
                        {m_bob.id, id})
                .value_or("");
        };
        QCOMPARE(notifications(), std::string("0")); // held: nobody is told yet
        QCOMPARE(m_fx.list(video).json["items"][0].value("reply_count", -1), 0);

        const ApiReply approved =
            m_fx.call("POST", "/api/v1/comments/" + id + "/approve", m_owner.access_token);
        QCOMPARE(approved.status, 200);
        QCOMPARE(approved.json.value("status", ""), std::string("published"));
        QCOMPARE(m_fx.videoCommentCount(video), 2);
        QCOMPARE(m_fx.list(video).json["items"][0].value("reply_count", -1), 1);
        QCOMPARE(notifications(), std::string("1")); // the thread's author, as if published then
        QVERIFY(containsId(
            m_fx.call("GET", "/api/v1/comments/" + top + "/replies", m_bob.access_token).json["items"], id));

        // Removing the thread takes its reply with it, from every list and from the count.
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + top + "/remove", m_owner.access_token).status, 204);
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + top + "/remove", m_owner.access_token).status, 204);
        QCOMPARE(m_fx.videoCommentCount(video), 0);
        QCOMPARE(m_fx.list(video, m_bob.access_token).json["items"].size(), size_t(0));
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id, m_alice.access_token).status, 404);
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + top + "/approve", m_owner.access_token).status, 404);
    }

    void threeReportsHold() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_alice.access_token, video, "controversial opinion");
        const std::string path = "/api/v1/comments/" + id + "/report";
        QCOMPARE(m_fx.call("POST", path, m_alice.access_token, json{{"reason", "spam"}}).status, 400); // own
        QCOMPARE(m_fx.call("POST", path, m_bob.access_token, json{{"reason", "rude"}}).status, 400);
        const SignedUpUser carol = m_fx.user("carol");
        const SignedUpUser dave = m_fx.user("dave");
        QCOMPARE(m_fx.call("POST", path, m_bob.access_token, json{{"reason", "spam"}}).status, 204);
        QCOMPARE(m_fx.call("POST", path, m_bob.access_token, json{{"reason", "hate"}}).status, 204); // once
        QCOMPARE(
            m_fx.call("POST", path, carol.access_token, json{{"reason", "other"}, {"detail", "why"}}).status,
            204);
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id, "").status, 200); // two reporters: still up
        QCOMPARE(m_fx.call("POST", path, dave.access_token, json{{"reason", "harassment"}}).status, 204);
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id, "").status, 404);
        QCOMPARE(
            m_fx.call("GET", "/api/v1/comments/" + id, m_owner.access_token).json.value("held_reason", ""),
            std::string("reported"));
        QCOMPARE(m_fx.videoCommentCount(video), 0);
        QCOMPARE(
            m_fx.db().scalar("SELECT COUNT(*) FROM comment_reports WHERE comment_id = ?", {id}).value_or(""),
            std::string("3"));
        // The creator decides: approved, it is back.
        QCOMPARE(m_fx.call("POST", "/api/v1/comments/" + id + "/approve", m_owner.access_token).status, 200);
        QCOMPARE(m_fx.videoCommentCount(video), 1);
    }

    void heldModeHoldsEverything() {
        const std::string video = m_fx.video(m_owner);
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + video, m_owner.access_token,
                           json{{"comments_mode", "held"}})
                     .json.value("comments_mode", ""),
                 std::string("held"));
        const ApiReply posted = m_fx.post(m_alice.access_token, video, "A perfectly fine comment");
        QCOMPARE(posted.json.value("status", ""), std::string("held"));
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + posted.json.value("id", ""), m_owner.access_token)
                     .json.value("held_reason", ""),
                 std::string("review_all"));
        // The owner's own comments are published.
        QCOMPARE(m_fx.post(m_owner.access_token, video, "Thanks for watching").json.value("status", ""),
                 std::string("published"));
        QCOMPARE(m_fx.list(video).json.value("comments_mode", ""), std::string("held"));
    }

    void editsAreFilteredToo() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_alice.access_token, video, "innocent");
        const ApiReply edited =
            m_fx.call("PATCH", "/api/v1/comments/" + id, m_alice.access_token, json{{"text", "fuck this"}});
        QCOMPARE(edited.json.value("status", ""), std::string("held"));
        QCOMPARE(m_fx.videoCommentCount(video), 0);
    }

    void commentsRateLimit() {
        CommentFixture limited({"--rate-limits", "comments=10/min"});
        QVERIFY2(limited.start(), qPrintable(limited.server().log()));
        const SignedUpUser owner = limited.user("owner");
        const SignedUpUser writer = limited.user("writer");
        const std::string video = limited.video(owner);
        const std::string other_video = limited.video(owner);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(
                limited.post(writer.access_token, i % 2 ? video : other_video, "comment " + std::to_string(i))
                    .status,
                201);
        const ApiReply refused = limited.post(writer.access_token, video, "the eleventh");
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), std::string("rate_limited"));
        const auto retry_after = refused.raw.header("Retry-After");
        QVERIFY(retry_after && std::stoi(*retry_after) >= 1 && std::stoi(*retry_after) <= 60);
        // Only POSTs count: reading and reacting still work.
        QCOMPARE(limited.list(video).status, 200);
        const std::string first = limited.list(video).json["items"][0].value("id", "");
        QCOMPARE(limited
                     .call("PUT", "/api/v1/comments/" + first + "/reaction", writer.access_token,
                           json{{"reaction", "like"}})
                     .status,
                 200);
        QCOMPARE(limited.post(owner.access_token, video, "another user has their own bucket").status, 201);
        QVERIFY2(limited.stop(), qPrintable(limited.server().log()));
    }

private:
    CommentFixture m_fx;
    SignedUpUser m_owner, m_alice, m_bob;
};

QTEST_GUILESS_MAIN(TestCommentsModeration)
#include "test_comments_moderation.moc"
