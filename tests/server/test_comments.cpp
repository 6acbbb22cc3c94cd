// Comments against the real server (docs/API.md §13): posting, listing and replying (a reply to a reply stays
// in its thread and mentions the author it answers), edits and soft deletes with their counts, the three
// sorts on a known set, keyset pages that stay exact while comments arrive, the pinned comment, the video's
// comment_count, and the notifications a comment sends.
#include <QtTest>

#include <algorithm>
#include <set>

#include "tests/server/comment_fixture.h"

using fc::test::ApiReply;
using fc::test::CommentFixture;
using fc::test::idsOf;
using fc::test::SignedUpUser;
using nlohmann::json;

class TestComments : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_alice = m_fx.user("alice");
        m_bob = m_fx.user("bob");
        m_carol = m_fx.user("carol");
        QVERIFY(!m_owner.id.empty() && !m_alice.id.empty() && !m_bob.id.empty() && !m_carol.id.empty());
        // Many comments on one video come from several people: the filter holds a sixth comment by one user
        // on one video within two minutes.
        for (int i = 0; i < 6; ++i) {
            m_crowd.push_back(m_fx.user("crowd"));
            QVERIFY(!m_crowd.back().id.empty());
        }
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void postListAndReply() {
        const std::string video = m_fx.video(m_owner);
        const ApiReply posted = m_fx.post(m_alice.access_token, video, "  First!\nWhat a video.  ");
        QCOMPARE(posted.status, 201);
        const json& top = posted.json;
        QCOMPARE(top.value("text", ""), std::string("First!\nWhat a video.")); // trimmed
        QCOMPARE(top.value("status", ""), std::string("published"));
        QVERIFY(top["thread_id"].is_null() && top["parent_id"].is_null() && top["reply_to"].is_null());
        QCOMPARE(top["author"].value("username", ""), m_alice.username);
        QVERIFY(top["author"].contains("avatar_url") && top["author"]["avatar_url"].is_null());
        for (const char* key :
             {"id", "video_id", "deleted", "edited", "edited_at", "held_reason", "like_count",
              "dislike_count", "reply_count", "my_reaction", "pinned", "hearted", "created_at"})
            QVERIFY2(top.contains(key), key);
        const std::string top_id = top.value("id", "");

        // Bob answers Alice; Carol answers Bob's reply: same thread, parent is Bob's reply, Bob is mentioned.
        const ApiReply reply = m_fx.post(m_bob.access_token, video, "Agreed", top_id);
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json.value("thread_id", ""), top_id);
        QCOMPARE(reply.json.value("parent_id", ""), top_id);
        QVERIFY(reply.json["reply_to"].is_null());
        const std::string reply_id = reply.json.value("id", "");
        const ApiReply nested = m_fx.post(m_carol.access_token, video, "Me too", reply_id);
        QCOMPARE(nested.status, 201);
        QCOMPARE(nested.json.value("thread_id", ""), top_id);
        QCOMPARE(nested.json.value("parent_id", ""), reply_id);
        QCOMPARE(nested.json["reply_to"].value("id", ""), m_bob.id);
        QCOMPARE(nested.json["reply_to"].value("username", ""), m_bob.username);
        QCOMPARE(nested.json.value("text", ""), "@" + m_bob.username + " Me too");
        // Already starting with the mention: not added twice.
        const ApiReply again =
            m_fx.post(m_alice.access_token, video, "@" + m_bob.username + " yes", reply_id);
        QCOMPARE(again.json.value("text", ""), "@" + m_bob.username + " yes");

        // Top-level list: one thread with three replies; the replies oldest first.
        const ApiReply listed = m_fx.list(video);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json["items"].size(), size_t(1));
        QCOMPARE(listed.json["items"][0].value("reply_count", -1), 3);
        QCOMPARE(listed.json.value("comment_count", -1), 4);
        QCOMPARE(listed.json.value("comments_mode", ""), std::string("on"));
        QVERIFY(listed.json["next_cursor"].is_null());
        const ApiReply replies = m_fx.call("GET", "/api/v1/comments/" + top_id + "/replies", "");
        QCOMPARE(replies.status, 200);
        QCOMPARE(
            idsOf(replies.json["items"]),
            (std::vector<std::string>{reply_id, nested.json.value("id", ""), again.json.value("id", "")}));
        // Replies of a reply: there are none by construction (one visible level).
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + reply_id + "/replies", "").status, 400);
        // The video object carries the same count.
        QCOMPARE(m_fx.call("GET", "/api/v1/videos/" + video, "").json.value("comment_count", -1), 4);

        // Notifications: the owner about the top-level comment; Alice about Bob's reply; Bob about Carol's.
        auto kinds = [&](const SignedUpUser& user) {
            auto rows =
                m_fx.db().query("SELECT kind FROM notifications WHERE user_id = ? ORDER BY id", {user.id});
            std::vector<std::string> out;
            for (const auto& row : rows.value_or(decltype(rows)::value_type{}))
                out.push_back(row.value_or(""));
            return out;
        };
        QCOMPARE(kinds(m_owner), std::vector<std::string>{"video_comment"});
        QCOMPARE(kinds(m_alice), std::vector<std::string>{"comment_reply"});
        QCOMPARE(kinds(m_bob), (std::vector<std::string>{"comment_reply", "comment_reply"}));
        QVERIFY(kinds(m_carol).empty());
    }

    void editAndSoftDelete() {
        const std::string video = m_fx.video(m_owner);
        const std::string top = m_fx.comment(m_alice.access_token, video, "Original text");
        const std::string reply = m_fx.comment(m_bob.access_token, video, "A reply", top);
        QVERIFY(!top.empty() && !reply.empty());
        QCOMPARE(m_fx.videoCommentCount(video), 2);

        const ApiReply edited = m_fx.call("PATCH", "/api/v1/comments/" + top, m_alice.access_token,
                                          json{{"text", "Better text"}});
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json.value("text", ""), std::string("Better text"));
        QCOMPARE(edited.json.value("edited", false), true);
        QVERIFY(edited.json["edited_at"].is_string());

        // Deleting the top-level comment: the thread stays, its text goes, the count drops by one.
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + top, m_alice.access_token).status, 204);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + top, m_alice.access_token).status, 204); // twice
        const ApiReply listed = m_fx.list(video);
        QCOMPARE(listed.json["items"].size(), size_t(1));
        const json& thread = listed.json["items"][0];
        QCOMPARE(thread.value("deleted", false), true);
        QVERIFY(thread["text"].is_null());
        QCOMPARE(thread.value("reply_count", -1), 1);
        QCOMPARE(listed.json.value("comment_count", -1), 1);
        QCOMPARE(m_fx.videoCommentCount(video), 1);
        const ApiReply replies = m_fx.call("GET", "/api/v1/comments/" + top + "/replies", "");
        QCOMPARE(idsOf(replies.json["items"]), std::vector<std::string>{reply});
        // A deleted comment cannot be edited or replied to.
        QCOMPARE(m_fx.call("PATCH", "/api/v1/comments/" + top, m_alice.access_token, json{{"text", "x"}})
                     .errorCode(),
                 std::string("comment_deleted"));
        QCOMPARE(m_fx.post(m_bob.access_token, video, "late", top).status, 409);

        // Deleting the reply: still in its thread's reply_count (deleted replies stay in the thread), the
        // video's count drops to zero.
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + reply, m_bob.access_token).status, 204);
        QCOMPARE(m_fx.videoCommentCount(video), 0);
        QCOMPARE(m_fx.list(video).json["items"][0].value("reply_count", -1), 1);
    }

    void sortsOnAKnownSet() {
        const std::string video = m_fx.video(m_owner);
        std::vector<std::string> ids;
        for (const char* text : {"c0", "c1", "c2", "c3", "c4"})
            ids.push_back(m_fx.comment(m_alice.access_token, video, text));
        // Scores: c1 = 2 likes + 1 reply = 3, c3 = 1 like = 1, c0 = 0, c2 = 0 (1 like, 1 dislike), c4 = -1.
        auto react = [&](const SignedUpUser& user, const std::string& id, const char* reaction) {
            QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + id + "/reaction", user.access_token,
                               json{{"reaction", reaction}})
                         .status,
                     200);
        };
        react(m_bob, ids[1], "like");
        react(m_carol, ids[1], "like");
        m_fx.comment(m_bob.access_token, video, "reply", ids[1]);
        react(m_bob, ids[3], "like");
        react(m_bob, ids[2], "like");
        react(m_carol, ids[2], "dislike");
        react(m_carol, ids[4], "dislike");

        // Creation order from the server's own times (ties are broken by id, as the API says).
        const ApiReply oldest = m_fx.list(video, "", "oldest");
        std::vector<std::pair<std::string, std::string>> by_time;
        for (const auto& item : oldest.json["items"])
            by_time.emplace_back(item.value("created_at", ""), item.value("id", ""));
        std::vector<std::pair<std::string, std::string>> sorted = by_time;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(by_time, sorted);
        QCOMPARE(by_time.size(), size_t(5));
        std::vector<std::string> oldest_ids;
        for (const auto& [at, id] : by_time)
            oldest_ids.push_back(id);
        std::vector<std::string> newest_ids(oldest_ids.rbegin(), oldest_ids.rend());
        QCOMPARE(idsOf(m_fx.list(video, "", "newest").json["items"]), newest_ids);

        // Top: by score, then newest first among equals (c2 was created after c0).
        const auto newer = [&](const std::string& a, const std::string& b) {
            return std::find(newest_ids.begin(), newest_ids.end(), a) <
                   std::find(newest_ids.begin(), newest_ids.end(), b);
        };
        std::vector<std::string> zero = {ids[0], ids[2]};
        std::sort(zero.begin(), zero.end(), newer);
        const std::vector<std::string> top_ids = {ids[1], ids[3], zero[0], zero[1], ids[4]};
        QCOMPARE(idsOf(m_fx.list(video).json["items"]), top_ids);
        QCOMPARE(m_fx.allIds(video, "", "top", 2), top_ids);
        QCOMPARE(m_fx.list(video).json["items"][0].value("like_count", -1), 2);

        // my_reaction for the signed-in reader only.
        const ApiReply as_carol = m_fx.list(video, m_carol.access_token);
        QCOMPARE(as_carol.json["items"][0].value("my_reaction", ""), std::string("like"));
        QVERIFY(as_carol.json["items"][1]["my_reaction"].is_null());
        QVERIFY(m_fx.list(video).json["items"][0]["my_reaction"].is_null());

        QCOMPARE(m_fx.list(video, "", "best").errorCode(), std::string("invalid_request"));
        QCOMPARE(m_fx.list(video, "", "top", 20, "garbage").errorCode(), std::string("invalid_cursor"));
        // A cursor of another sort is not accepted.
        const std::string newest_cursor = m_fx.list(video, "", "newest", 2).json.value("next_cursor", "");
        QVERIFY(!newest_cursor.empty());
        QCOMPARE(m_fx.list(video, "", "oldest", 2, newest_cursor).errorCode(), std::string("invalid_cursor"));
    }

    void pagesStayExactWhileCommentsArrive_data() {
        QTest::addColumn<QString>("sort");
        QTest::newRow("top") << "top";
        QTest::newRow("newest") << "newest";
        QTest::newRow("oldest") << "oldest";
    }
    void pagesStayExactWhileCommentsArrive() {
        QFETCH(QString, sort);
        const std::string order = sort.toStdString();
        const std::string video = m_fx.video(m_owner);
        for (int i = 0; i < 12; ++i)
            QVERIFY(!crowdComment(video, i, "before " + std::to_string(i)).empty());
        const std::vector<std::string> expected = m_fx.allIds(video, "", order, 100);
        QCOMPARE(expected.size(), size_t(12));

        const ApiReply first = m_fx.list(video, "", order, 5);
        std::vector<std::string> seen = idsOf(first.json["items"]);
        std::string cursor = first.json.value("next_cursor", "");
        QVERIFY(!cursor.empty());
        for (int i = 0; i < 10; ++i)
            QVERIFY(!crowdComment(video, i + 12, "after " + std::to_string(i)).empty());
        while (!cursor.empty()) {
            const ApiReply page = m_fx.list(video, "", order, 5, cursor);
            QCOMPARE(page.status, 200);
            for (const auto& id : idsOf(page.json["items"]))
                seen.push_back(id);
            cursor = page.json["next_cursor"].is_string() ? page.json["next_cursor"].get<std::string>() : "";
        }
        QCOMPARE(seen, expected);
        QCOMPARE(m_fx.allIds(video, "", order, 100).size(), size_t(22)); // a fresh listing sees them all
    }

    void pinnedFirstAndNeverRepeated() {
        const std::string video = m_fx.video(m_owner);
        std::vector<std::string> ids;
        for (int i = 0; i < 7; ++i)
            ids.push_back(crowdComment(video, i, "comment " + std::to_string(i)));
        const std::string pinned = ids[3];
        const ApiReply pin = m_fx.call("PUT", "/api/v1/comments/" + pinned + "/pin", m_owner.access_token);
        QCOMPARE(pin.status, 200);
        QCOMPARE(pin.json.value("pinned", false), true);
        for (const char* sort : {"top", "newest", "oldest"}) {
            for (int limit : {1, 3, 20}) {
                const std::vector<std::string> all = m_fx.allIds(video, "", sort, limit);
                QCOMPARE(all.size(), size_t(7));
                QCOMPARE(all.front(), pinned);
                QCOMPARE(std::set<std::string>(all.begin(), all.end()).size(), size_t(7));
            }
        }
        QCOMPARE(m_fx.list(video).json["items"][0].value("pinned", false), true);
        // Pinning another replaces the pin; a reply cannot be pinned.
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + ids[5] + "/pin", m_owner.access_token).status, 200);
        QCOMPARE(m_fx.allIds(video, "", "oldest", 20).front(), ids[5]);
        QCOMPARE(m_fx.db().scalar("SELECT pinned_comment_id FROM videos WHERE id = ?", {video}).value_or(""),
                 ids[5]);
        const std::string reply = m_fx.comment(m_bob.access_token, video, "reply", ids[0]);
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + reply + "/pin", m_owner.access_token).status, 400);
        // Unpinning; deleting a pinned comment unpins it too.
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + ids[5] + "/pin", m_owner.access_token).status,
                 200);
        QCOMPARE(m_fx.allIds(video, "", "oldest", 20).front(), ids[0]);
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + ids[6] + "/pin", m_owner.access_token).status, 200);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + ids[6], m_owner.access_token).status, 204);
        QVERIFY(!m_fx.db().scalar("SELECT pinned_comment_id FROM videos WHERE id = ?", {video}).has_value());

        // Hearts by the owner.
        const ApiReply hearted =
            m_fx.call("PUT", "/api/v1/comments/" + ids[0] + "/heart", m_owner.access_token);
        QCOMPARE(hearted.json.value("hearted", false), true);
        const ApiReply unhearted =
            m_fx.call("DELETE", "/api/v1/comments/" + ids[0] + "/heart", m_owner.access_token);
        QCOMPARE(unhearted.json.value("hearted", true), false);
    }

    void reactionsSwitchAndCount() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_alice.access_token, video, "react to me");
        const std::string path = "/api/v1/comments/" + id + "/reaction";
        ApiReply reply = m_fx.call("PUT", path, m_bob.access_token, json{{"reaction", "like"}});
        QCOMPARE(reply.json,
                 (json{{"id", id}, {"like_count", 1}, {"dislike_count", 0}, {"my_reaction", "like"}}));
        reply =
            m_fx.call("PUT", path, m_bob.access_token, json{{"reaction", "like"}}); // same again: no change
        QCOMPARE(reply.json.value("like_count", -1), 1);
        reply = m_fx.call("PUT", path, m_bob.access_token, json{{"reaction", "dislike"}});
        QCOMPARE(reply.json.value("like_count", -1), 0);
        QCOMPARE(reply.json.value("dislike_count", -1), 1);
        reply = m_fx.call("DELETE", path, m_bob.access_token);
        QCOMPARE(reply.json,
                 (json{{"id", id}, {"like_count", 0}, {"dislike_count", 0}, {"my_reaction", nullptr}}));
        QCOMPARE(m_fx.call("PUT", path, m_bob.access_token, json{{"reaction", "love"}}).status, 400);
        const ApiReply single = m_fx.call("GET", "/api/v1/comments/" + id, m_bob.access_token);
        QCOMPARE(single.status, 200);
        QVERIFY(single.json["my_reaction"].is_null());
    }

private:
    std::string crowdComment(const std::string& video, int i, const std::string& text) {
        return m_fx.comment(m_crowd[size_t(i) % m_crowd.size()].access_token, video, text);
    }

    CommentFixture m_fx;
    SignedUpUser m_owner, m_alice, m_bob, m_carol;
    std::vector<SignedUpUser> m_crowd;
};

QTEST_GUILESS_MAIN(TestComments)
#include "test_comments.moc"
