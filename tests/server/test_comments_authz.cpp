// Who may do what with comments (docs/API.md §13), against the real server: each write as its author, the
// video's owner, another user and nobody; comments of a private video as another user; comments turned off;
// a user the channel blocked; and that a refused write changed nothing.
#include <QtTest>

#include "tests/server/comment_fixture.h"

using fc::test::ApiReply;
using fc::test::CommentFixture;
using fc::test::idsOf;
using fc::test::SignedUpUser;
using nlohmann::json;

class TestCommentsAuthz : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        m_owner = m_fx.user("owner");
        m_author = m_fx.user("author");
        m_other = m_fx.user("other");
        QVERIFY(!m_owner.id.empty() && !m_author.id.empty() && !m_other.id.empty());
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void editOnlyByItsAuthor() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_author.access_token, video, "mine");
        const std::string path = "/api/v1/comments/" + id;
        const json body = {{"text", "changed"}};
        QCOMPARE(m_fx.call("PATCH", path, m_other.access_token, body).status, 403);
        QCOMPARE(m_fx.call("PATCH", path, m_other.access_token, body).errorCode(),
                 std::string("not_comment_author"));
        QCOMPARE(m_fx.call("PATCH", path, m_owner.access_token, body).errorCode(),
                 std::string("not_comment_author"));
        QCOMPARE(m_fx.call("PATCH", path, "", body).errorCode(), std::string("auth_required"));
        QCOMPARE(m_fx.call("GET", path, "").json.value("text", ""), std::string("mine")); // unchanged
        QCOMPARE(m_fx.call("PATCH", path, m_author.access_token, body).status, 200);
        QCOMPARE(m_fx.call("PATCH", path, m_author.access_token, json{{"text", "   "}}).status, 400);
        QCOMPARE(
            m_fx.call("PATCH", path, m_author.access_token, json{{"text", std::string(10001, 'x')}}).status,
            400);
    }

    void deleteByAuthorOrVideoOwner() {
        const std::string video = m_fx.video(m_owner);
        const std::string first = m_fx.comment(m_author.access_token, video, "one");
        const std::string second = m_fx.comment(m_author.access_token, video, "two");
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + first, m_other.access_token).status, 403);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + first, m_other.access_token).errorCode(),
                 std::string("forbidden"));
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + first, "").status, 401);
        QCOMPARE(m_fx.videoCommentCount(video), 2);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + first, m_author.access_token).status, 204);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + second, m_owner.access_token).status, 204);
        QCOMPARE(m_fx.videoCommentCount(video), 0);
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/AAAAAAAAAAA", m_owner.access_token).status, 404);
    }

    void creatorActionsByTheVideoOwnerOnly_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("action");
        QTest::newRow("pin") << "PUT"
                             << "pin";
        QTest::newRow("unpin") << "DELETE"
                               << "pin";
        QTest::newRow("heart") << "PUT"
                               << "heart";
        QTest::newRow("unheart") << "DELETE"
                                 << "heart";
        QTest::newRow("approve") << "POST"
                                 << "approve";
        QTest::newRow("remove") << "POST"
                                << "remove";
    }
    void creatorActionsByTheVideoOwnerOnly() {
        QFETCH(QString, method);
        QFETCH(QString, action);
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_author.access_token, video, "act on me");
        const std::string path = "/api/v1/comments/" + id + "/" + action.toStdString();
        for (const SignedUpUser* user : {&m_author, &m_other}) {
            const ApiReply refused = m_fx.call(method.toStdString(), path, user->access_token);
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), std::string("not_video_owner"));
        }
        QCOMPARE(m_fx.call(method.toStdString(), path, "").status, 401);
        QCOMPARE(m_fx.db().scalar("SELECT status || hearted FROM comments WHERE id = ?", {id}).value_or(""),
                 std::string("published0"));
        QVERIFY(!m_fx.db().scalar("SELECT pinned_comment_id FROM videos WHERE id = ?", {video}).has_value());
        const ApiReply done = m_fx.call(method.toStdString(), path, m_owner.access_token);
        QCOMPARE(done.status, action == "remove" ? 204 : 200);
    }

    void privateVideoCommentsAreNotFound() {
        const std::string video = m_fx.video(m_owner, "private");
        const std::string id = m_fx.comment(m_owner.access_token, video, "only me here");
        QVERIFY(!id.empty());
        const std::string token = m_other.access_token;
        QCOMPARE(m_fx.list(video, token).errorCode(), std::string("video_not_found"));
        QCOMPARE(m_fx.list(video).errorCode(), std::string("video_not_found"));
        QCOMPARE(m_fx.post(token, video, "let me in").errorCode(), std::string("video_not_found"));
        QCOMPARE(m_fx.post(token, video, "reply", id).status, 404);
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id, token).errorCode(),
                 std::string("comment_not_found"));
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id + "/replies", token).status, 404);
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + id + "/reaction", token, json{{"reaction", "like"}})
                     .status,
                 404);
        QCOMPARE(
            m_fx.call("POST", "/api/v1/comments/" + id + "/report", token, json{{"reason", "spam"}}).status,
            404);
        QCOMPARE(m_fx.call("PUT", "/api/v1/comments/" + id + "/pin", token).errorCode(),
                 std::string("comment_not_found"));
        QCOMPARE(m_fx.call("DELETE", "/api/v1/comments/" + id, token).status, 404);
        QCOMPARE(m_fx.db().scalar("SELECT COUNT(*) FROM comments WHERE video_id = ?", {video}).value_or(""),
                 std::string("1"));
        // The owner sees and uses them.
        QCOMPARE(m_fx.list(video, m_owner.access_token).json["items"].size(), size_t(1));
    }

    void anonymousWritesNeedAnAccount() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_author.access_token, video, "hello");
        QCOMPARE(m_fx.post("", video, "anonymous").errorCode(), std::string("auth_required"));
        for (const auto& [method, suffix] :
             std::vector<std::pair<std::string, std::string>>{{"PUT", "/reaction"},
                                                              {"DELETE", "/reaction"},
                                                              {"POST", "/report"},
                                                              {"PATCH", ""},
                                                              {"DELETE", ""}})
            QCOMPARE(
                m_fx.call(method, "/api/v1/comments/" + id + suffix, "", json{{"reaction", "like"}}).status,
                401);
        QCOMPARE(m_fx.call("GET", "/api/v1/users/me/comments/held", "").status, 401);
        // Reading needs none.
        QCOMPARE(m_fx.list(video).status, 200);
        QCOMPARE(m_fx.call("GET", "/api/v1/comments/" + id, "").status, 200);
    }

    void commentsTurnedOff() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_author.access_token, video, "before");
        // Only the owner may change the mode, to one of on/held/off.
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + video, m_other.access_token,
                           json{{"comments_mode", "off"}})
                     .status,
                 403);
        QCOMPARE(
            m_fx.call("PATCH", "/api/v1/videos/" + video, m_owner.access_token, json{{"comments_mode", "no"}})
                .status,
            400);
        const ApiReply patched = m_fx.call("PATCH", "/api/v1/videos/" + video, m_owner.access_token,
                                           json{{"comments_mode", "off"}});
        QCOMPARE(patched.json.value("comments_mode", ""), std::string("off"));
        for (const SignedUpUser* user : {&m_author, &m_owner}) {
            QCOMPARE(m_fx.post(user->access_token, video, "new").status, 403);
            QCOMPARE(m_fx.post(user->access_token, video, "new").errorCode(),
                     std::string("comments_disabled"));
            QCOMPARE(m_fx.post(user->access_token, video, "reply", id).errorCode(),
                     std::string("comments_disabled"));
        }
        QCOMPARE(m_fx.list(video).json.value("comments_mode", ""), std::string("off"));
        QCOMPARE(m_fx.list(video).json["items"].size(), size_t(1)); // old comments stay readable
    }

    void blockedUsersCannotComment() {
        const std::string video = m_fx.video(m_owner);
        const std::string id = m_fx.comment(m_author.access_token, video, "before the block");
        const std::string blocks = "/api/v1/channels/" + m_owner.channel_id + "/blocked-users";
        QCOMPARE(m_fx.call("PUT", blocks + "/" + m_author.id, m_other.access_token).errorCode(),
                 std::string("not_channel_owner"));
        QCOMPARE(m_fx.call("PUT", blocks + "/" + m_owner.id, m_owner.access_token).status, 400); // yourself
        QCOMPARE(m_fx.call("PUT", blocks + "/AAAAAAAAAAA", m_owner.access_token).errorCode(),
                 std::string("user_not_found"));
        QCOMPARE(m_fx.call("PUT", blocks + "/" + m_author.id, m_owner.access_token).status, 204);
        QCOMPARE(m_fx.call("PUT", blocks + "/" + m_author.id, m_owner.access_token).status, 204); // again
        const ApiReply listed = m_fx.call("GET", blocks, m_owner.access_token);
        QCOMPARE(listed.json["items"].size(), size_t(1));
        QCOMPARE(listed.json["items"][0].value("username", ""), m_author.username);
        QVERIFY(listed.json["items"][0]["blocked_at"].is_string());
        QCOMPARE(m_fx.call("GET", blocks, m_other.access_token).status, 403);

        QCOMPARE(m_fx.post(m_author.access_token, video, "after").errorCode(),
                 std::string("blocked_from_channel"));
        QCOMPARE(m_fx.post(m_author.access_token, video, "reply", id).status, 403);
        QCOMPARE(m_fx.post(m_other.access_token, video, "others still can").status, 201);
        QCOMPARE(m_fx.call("DELETE", blocks + "/" + m_author.id, m_owner.access_token).status, 204);
        QCOMPARE(m_fx.post(m_author.access_token, video, "unblocked").status, 201);
    }

    void heldCommentsAreTheirAuthorsAndTheOwners() {
        const std::string video = m_fx.video(m_owner, "public", "held");
        const ApiReply posted = m_fx.post(m_author.access_token, video, "waiting");
        QCOMPARE(posted.json.value("status", ""), std::string("held"));
        QVERIFY(posted.json["held_reason"].is_null()); // the reason is the owner's business
        const std::string path = "/api/v1/comments/" + posted.json.value("id", "");
        QCOMPARE(m_fx.call("GET", path, m_other.access_token).status, 404);
        QCOMPARE(m_fx.call("GET", path, "").status, 404);
        QCOMPARE(
            m_fx.call("PUT", path + "/reaction", m_other.access_token, json{{"reaction", "like"}}).status,
            404);
        QCOMPARE(m_fx.post(m_other.access_token, video, "reply", posted.json.value("id", "")).status, 404);
        QCOMPARE(m_fx.call("GET", path, m_author.access_token).status, 200);
        const ApiReply as_owner = m_fx.call("GET", path, m_owner.access_token);
        QCOMPARE(as_owner.json.value("held_reason", ""), std::string("review_all"));
    }

private:
    CommentFixture m_fx;
    SignedUpUser m_owner, m_author, m_other;
};

QTEST_GUILESS_MAIN(TestCommentsAuthz)
#include "test_comments_authz.moc"
