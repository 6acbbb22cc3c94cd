// Notifications against the real server (docs/API.md §15): a real upload processed by the server tells its
// owner (video_processed, live on user:<id>:notifications and in the list) and its channel's subscribers
// (new_video, once); a failed one tells the owner; making a ready video public tells subscribers once,
// however often it is toggled; the list pages newest first with an unread filter and count; marking read by
// ids or all sends notifications_read; and nobody else may follow your topic.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include "tests/server/follows_fixture.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/ws_client.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::FollowsFixture;
using fc::test::itemIds;
using fc::test::SignedUpUser;
using fc::test::VideoState;
using fc::test::WsClient;
using nlohmann::json;

namespace {

constexpr int kProcessingWait_ms = 60000;
constexpr const char* kList = "/api/v1/users/me/notifications";
constexpr const char* kRead = "/api/v1/users/me/notifications/read";

std::string topicOf(const SignedUpUser& user) {
    return "user:" + user.id + ":notifications";
}

std::string subscriptionPath(const SignedUpUser& channel_owner) {
    return "/api/v1/channels/" + channel_owner.channel_id + "/subscription";
}

// The notifications in a list reply about this video and of this kind.
std::vector<json> about(const json& page, const std::string& video, const std::string& kind) {
    std::vector<json> found;
    for (const auto& item : page.value("items", json::array()))
        if (item.value("kind", "") == kind && item["video"].is_object() &&
            item["video"].value("id", "") == video)
            found.push_back(item);
    return found;
}

} // namespace

class TestNotifications : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_fx.start(), qPrintable(m_fx.server().log()));
        QVERIFY2(m_media.isValid(), "no temporary directory");
    }
    void cleanupTestCase() { QVERIFY2(m_fx.stop(), qPrintable(m_fx.server().log())); }

    void nobodyElseFollowsYourTopic() {
        const SignedUpUser me = m_fx.user("me");
        const SignedUpUser other = m_fx.user("other");
        WsClient mine;
        QVERIFY(mine.open(m_fx.server(), me.access_token));
        QCOMPARE(mine.subscribe(topicOf(me)).value("type", ""), std::string("subscribed"));
        WsClient theirs;
        QVERIFY(theirs.open(m_fx.server(), other.access_token));
        const json refused = theirs.subscribe(topicOf(me));
        QCOMPARE(refused.value("type", ""), std::string("error"));
        QCOMPARE(refused["data"].value("code", ""), std::string("topic_not_found"));
        WsClient anonymous;
        QVERIFY(anonymous.open(m_fx.server()));
        QCOMPARE(anonymous.subscribe(topicOf(me))["data"].value("code", ""), std::string("auth_required"));
        QCOMPARE(m_fx.call("GET", kList).status, 401);
    }

    void aProcessedUploadTellsItsOwnerAndSubscribers() {
        const QString clip = fc::test::makeClip(m_media.path(), fc::test::sharedMedia("big_buck_bunny.mp4"),
                                                40, 2, {"-vf", "scale=320:180"}, "notify.mp4");
        QVERIFY2(!clip.isEmpty(), "ffmpeg could not cut the test clip");
        const SignedUpUser owner = m_fx.user("uploader");
        const SignedUpUser fan = m_fx.user("fan");
        QCOMPARE(m_fx.call("PUT", subscriptionPath(owner), fan.access_token).status, 200);
        WsClient ownerWs;
        WsClient fanWs;
        QVERIFY(ownerWs.open(m_fx.server(), owner.access_token) &&
                fanWs.open(m_fx.server(), fan.access_token));
        QCOMPARE(ownerWs.subscribe(topicOf(owner)).value("type", ""), std::string("subscribed"));
        QCOMPARE(fanWs.subscribe(topicOf(fan)).value("type", ""), std::string("subscribed"));

        const std::string video = fc::test::uploadWithTus(m_fx.server(), owner.access_token, clip, "public");
        QVERIFY(!video.empty());
        const auto processed = ownerWs.waitFor("notification", topicOf(owner), kProcessingWait_ms);
        QVERIFY2(processed, "no video_processed event");
        const json& note = (*processed)["data"]["notification"];
        QCOMPARE(note.value("kind", ""), std::string("video_processed"));
        QCOMPARE(note.value("status", ""), std::string("ready"));
        QCOMPARE(note["video"].value("id", ""), video);
        QVERIFY(note["actor"].is_null());
        QCOMPARE(note.value("read", true), false);
        QCOMPARE((*processed)["data"].value("unread_count", -1), 1);
        ApiClient api(m_fx.server());
        const json ready = fc::test::waitForVideoStatus(api, owner.access_token, video, {"ready"});
        QCOMPARE(note.value("text", ""), ready.value("title", "?"));
        QVERIFY(!note["video"]["thumbnail_url"].is_null());

        const auto told = fanWs.waitFor("notification", topicOf(fan), kProcessingWait_ms);
        QVERIFY2(told, "no new_video event");
        const json& news = (*told)["data"]["notification"];
        QCOMPARE(news.value("kind", ""), std::string("new_video"));
        QCOMPARE(news["video"].value("id", ""), video);
        QCOMPARE(news["actor"].value("id", ""), owner.id);
        QCOMPARE(news["actor"].value("username", ""), owner.username);

        // The lists agree: one of each, and the owner is not told of their own new video.
        const ApiReply ownerList = m_fx.call("GET", kList, owner.access_token);
        QCOMPARE(about(ownerList.json, video, "video_processed").size(), size_t(1));
        QCOMPARE(about(ownerList.json, video, "new_video").size(), size_t(0));
        QCOMPARE(ownerList.json.value("unread_count", -1), 1);
        const ApiReply fanList = m_fx.call("GET", kList, fan.access_token);
        QCOMPARE(about(fanList.json, video, "new_video").size(), size_t(1));
        QCOMPARE(fanList.json["items"][0].value("id", ""), news.value("id", "?"));
        QVERIFY(fanWs.all("notification").size() == 1);
    }

    void aFailedUploadTellsItsOwner() {
        const QString junk = fc::test::writeFile(m_media.path() + "/junk.mp4", QByteArray(64 * 1024, 'x'));
        QVERIFY(!junk.isEmpty());
        const SignedUpUser owner = m_fx.user("unlucky");
        const SignedUpUser fan = m_fx.user("fan");
        QCOMPARE(m_fx.call("PUT", subscriptionPath(owner), fan.access_token).status, 200);
        WsClient ownerWs;
        QVERIFY(ownerWs.open(m_fx.server(), owner.access_token));
        QCOMPARE(ownerWs.subscribe(topicOf(owner)).value("type", ""), std::string("subscribed"));
        const std::string video = fc::test::uploadWithTus(m_fx.server(), owner.access_token, junk, "public");
        QVERIFY(!video.empty());
        const auto processed = ownerWs.waitFor("notification", topicOf(owner), kProcessingWait_ms);
        QVERIFY2(processed, "no video_processed event");
        const json& note = (*processed)["data"]["notification"];
        QCOMPARE(note.value("kind", ""), std::string("video_processed"));
        QCOMPARE(note.value("status", ""), std::string("failed"));
        QCOMPARE(note["video"].value("id", ""), video);
        // A failed video is news to nobody else.
        QCOMPARE(m_fx.call("GET", kList, fan.access_token).json["items"].size(), size_t(0));
    }

    void makingAReadyVideoPublicTellsSubscribersOnce() {
        const SignedUpUser owner = m_fx.user("creator");
        const SignedUpUser fan = m_fx.user("fan");
        const SignedUpUser bystander = m_fx.user("bystander"); // not subscribed
        QCOMPARE(m_fx.call("PUT", subscriptionPath(owner), fan.access_token).status, 200);
        const std::string video = m_fx.video(owner, {.visibility = "private"}, "Now public");
        const std::string unfinished =
            m_fx.video(owner, {.visibility = "private", .status = "processing", .playable = false});
        WsClient fanWs;
        QVERIFY(fanWs.open(m_fx.server(), fan.access_token));
        QCOMPARE(fanWs.subscribe(topicOf(fan)).value("type", ""), std::string("subscribed"));

        const auto patch = [&](const std::string& id, const std::string& visibility) {
            return m_fx
                .call("PATCH", "/api/v1/videos/" + id, owner.access_token, json{{"visibility", visibility}})
                .status;
        };
        QCOMPARE(patch(video, "unlisted"), 200); // not public: nobody is told
        QCOMPARE(patch(video, "public"), 200);
        const auto told = fanWs.waitFor("notification", topicOf(fan));
        QVERIFY2(told, "no new_video event");
        QCOMPARE((*told)["data"]["notification"].value("kind", ""), std::string("new_video"));
        QCOMPARE((*told)["data"]["notification"]["video"].value("id", ""), video);
        QCOMPARE((*told)["data"]["notification"].value("text", ""), std::string("Now public"));
        // Again private, again public, and a second PATCH while public: still told once.
        QCOMPARE(patch(video, "private"), 200);
        QCOMPARE(patch(video, "public"), 200);
        QCOMPARE(patch(video, "public"), 200);
        // A video still processing is not announced when made public (its end of processing will).
        QCOMPARE(patch(unfinished, "public"), 200);
        QVERIFY(fanWs.quietFor(300));
        const ApiReply list = m_fx.call("GET", kList, fan.access_token);
        QCOMPARE(list.json["items"].size(), size_t(1));
        QCOMPARE(list.json.value("unread_count", -1), 1);
        QCOMPARE(m_fx.scalarInt("SELECT subscribers_notified FROM videos WHERE id = ?", {video}), int64_t(1));
        QCOMPARE(m_fx.scalarInt("SELECT subscribers_notified FROM videos WHERE id = ?", {unfinished}),
                 int64_t(0));
        QCOMPARE(m_fx.call("GET", kList, bystander.access_token).json["items"].size(), size_t(0));
        QCOMPARE(m_fx.call("GET", kList, owner.access_token).json["items"].size(), size_t(0));
    }

    void listPagesFilterAndMarkRead() {
        const SignedUpUser owner = m_fx.user("prolific");
        const SignedUpUser reader = m_fx.user("reader");
        const SignedUpUser other = m_fx.user("other");
        QCOMPARE(m_fx.call("PUT", subscriptionPath(owner), reader.access_token).status, 200);
        std::vector<std::string> videos;
        for (int i = 0; i < 5; ++i) {
            videos.push_back(m_fx.video(owner, {.visibility = "private"}, "Episode " + std::to_string(i)));
            QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + videos.back(), owner.access_token,
                               json{{"visibility", "public"}})
                         .status,
                     200);
        }
        WsClient ws;
        QVERIFY(ws.open(m_fx.server(), reader.access_token));
        QCOMPARE(ws.subscribe(topicOf(reader)).value("type", ""), std::string("subscribed"));

        // Newest first in exact pages.
        std::vector<json> all;
        std::string cursor;
        for (int page = 0; page < 5; ++page) {
            const ApiReply reply = m_fx.call(
                "GET", std::string(kList) + "?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                reader.access_token);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json.value("unread_count", -1), 5);
            for (const auto& item : reply.json["items"])
                all.push_back(item);
            if (reply.json["next_cursor"].is_null())
                break;
            cursor = reply.json.value("next_cursor", "");
        }
        QCOMPARE(all.size(), size_t(5));
        for (size_t i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i]["video"].value("id", ""), videos[4 - i]);
            QCOMPARE(all[i].value("read", true), false);
        }

        // Two read by id: the count, the event, the filter.
        const json two = {all[0].value("id", ""), all[1].value("id", "")};
        const ApiReply marked = m_fx.call("POST", kRead, reader.access_token, json{{"ids", two}});
        QCOMPARE(marked.status, 200);
        QCOMPARE(marked.json.value("unread_count", -1), 3);
        const auto event = ws.waitFor("notifications_read", topicOf(reader));
        QVERIFY(event);
        QCOMPARE((*event)["data"].value("unread_count", -1), 3);
        const ApiReply unread = m_fx.call("GET", std::string(kList) + "?unread=true", reader.access_token);
        QCOMPARE(itemIds(unread.json),
                 (std::vector<std::string>{all[2].value("id", ""), all[3].value("id", ""),
                                           all[4].value("id", "")}));
        QCOMPARE(m_fx.call("GET", kList, reader.access_token).json["items"][0].value("read", false), true);

        // Someone else's ids are ignored.
        const ApiReply foreign = m_fx.call("POST", kRead, other.access_token,
                                           json{{"ids", json::array({all[2].value("id", "")})}});
        QCOMPARE(foreign.status, 200);
        QCOMPARE(foreign.json.value("unread_count", -1), 0);
        QCOMPARE(m_fx.call("GET", kList, reader.access_token).json.value("unread_count", -1), 3);

        // A video made private since is left out for the reader (its title is not shown).
        QCOMPARE(m_fx.call("PATCH", "/api/v1/videos/" + videos[0], owner.access_token,
                           json{{"visibility", "private"}})
                     .status,
                 200);
        const ApiReply hidden = m_fx.call("GET", kList, reader.access_token);
        QCOMPARE(hidden.json["items"].size(), size_t(4));
        QCOMPARE(hidden.json.value("unread_count", -1), 2);

        // All at once.
        const ApiReply everything = m_fx.call("POST", kRead, reader.access_token, json{{"all", true}});
        QCOMPARE(everything.json.value("unread_count", -1), 0);
        const auto cleared = ws.waitFor("notifications_read", topicOf(reader));
        QVERIFY(cleared);
        QCOMPARE((*cleared)["data"].value("unread_count", -1), 0);
        QCOMPARE(
            m_fx.call("GET", std::string(kList) + "?unread=true", reader.access_token).json["items"].size(),
            size_t(0));

        for (const json& body : {json::object(), json{{"ids", "1"}}, json{{"ids", json::array({1})}},
                                 json{{"all", "yes"}}, json{{"all", false}}})
            QVERIFY2(m_fx.call("POST", kRead, reader.access_token, body).status == 400, body.dump().c_str());
        QCOMPARE(m_fx.call("GET", std::string(kList) + "?unread=maybe", reader.access_token).status, 400);
        QCOMPARE(m_fx.call("GET", std::string(kList) + "?cursor=abc", reader.access_token).errorCode(),
                 std::string("invalid_cursor"));
    }

private:
    FollowsFixture m_fx;
    QTemporaryDir m_media;
};

QTEST_GUILESS_MAIN(TestNotifications)
#include "test_notifications.moc"
