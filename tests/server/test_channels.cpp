// Channels against the real server: reading, owner-only edits, avatar and banner images, and the public video
// listing (public videos only, newest first, cursor pages). Video rows are inserted straight into the
// server's SQLite file (see direct_database.h), as uploads are another module.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::DirectDatabase;
using fc::test::SignedUpUser;
using fc::test::TestServer;
using nlohmann::json;

namespace {

std::string makeImage(const QString& dir, const QString& name) {
    const QString path = dir + "/" + name;
    QProcess ffmpeg;
    ffmpeg.start("ffmpeg", {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x90:rate=1",
                            "-frames:v", "1", path});
    if (!ffmpeg.waitForFinished(30000) || ffmpeg.exitCode() != 0)
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

ApiReply putImage(ApiClient& api, const std::string& path, const std::string& token, const std::string& type,
                  const std::string& bytes) {
    fc::transfer::HttpCall call;
    call.method = "PUT";
    call.url = path;
    call.headers = {{"Authorization", "Bearer " + token}, {"Content-Type", type}};
    call.body = bytes;
    return api.raw(std::move(call));
}

} // namespace

class TestChannels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_images.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        auto owner = api.signUp("chan_owner");
        auto other = api.signUp("chan_other");
        QVERIFY(owner && other);
        m_owner = *owner;
        m_other = *other;
        m_db = std::make_unique<DirectDatabase>(m_server.dataDir());
        QVERIFY2(m_db->isOpen(), m_db->lastError().c_str());
    }
    void cleanupTestCase() {
        m_db.reset();
        QVERIFY2(m_server.terminate(), qPrintable(m_server.log()));
    }

    void readChannel() {
        ApiClient api(m_server);
        const auto reply = api.get("/api/v1/channels/" + m_owner.channel_id);
        QCOMPARE(reply.status, 200);
        for (const char* key : {"id", "handle", "name", "description", "avatar_url", "banner_url",
                                "subscriber_count", "video_count", "owner_id", "created_at"})
            QVERIFY2(reply.json.contains(key), key);
        QCOMPARE(reply.json.value("id", ""), m_owner.channel_id);
        QCOMPARE(reply.json.value("handle", ""), m_owner.username);
        QCOMPARE(reply.json.value("owner_id", ""), m_owner.id);
        QCOMPARE(reply.json.value("subscriber_count", -1), 0);

        const auto missing = api.get("/api/v1/channels/AAAAAAAAAAA");
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), std::string("channel_not_found"));
    }

    void ownerEditsChannel() {
        ApiClient api(m_server);
        auto reply = api.call("PATCH", "/api/v1/channels/" + m_owner.channel_id, m_owner.access_token,
                              json{{"name", "Cooking with Ada"}, {"description", "Recipes.\nEvery Friday."}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("name", ""), std::string("Cooking with Ada"));
        const auto read = api.get("/api/v1/channels/" + m_owner.channel_id);
        QCOMPARE(read.json.value("name", ""), std::string("Cooking with Ada"));
        QCOMPARE(read.json.value("description", ""), std::string("Recipes.\nEvery Friday."));
        QCOMPARE(read.json.value("handle", ""), m_owner.username); // the handle is not editable here

        reply = api.call("PATCH", "/api/v1/channels/" + m_owner.channel_id, m_owner.access_token,
                         json{{"description", ""}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("name", ""), std::string("Cooking with Ada"));
        QCOMPARE(reply.json.value("description", ""), std::string());
    }

    void channelEditValidation() {
        ApiClient api(m_server);
        for (const json& bad : {json{{"name", ""}}, json{{"name", std::string(101, 'n')}}, json{{"name", 3}},
                                json{{"description", std::string(5001, 'd')}}, json{{"name", "bell\a"}}}) {
            const auto reply =
                api.call("PATCH", "/api/v1/channels/" + m_owner.channel_id, m_owner.access_token, bad);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        }
    }

    void onlyTheOwnerMayEdit() {
        ApiClient api(m_server);
        const std::string path = "/api/v1/channels/" + m_owner.channel_id;
        const std::string before = api.get(path).json.value("name", "");
        auto reply = api.call("PATCH", path, m_other.access_token, json{{"name", "Hijacked"}});
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), std::string("forbidden"));
        reply = api.call("PATCH", path, {}, json{{"name", "Hijacked"}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), std::string("auth_required"));
        QCOMPARE(api.get(path).json.value("name", ""), before);

        reply = api.call("PATCH", "/api/v1/channels/AAAAAAAAAAA", m_other.access_token, json{{"name", "x"}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), std::string("channel_not_found"));

        const std::string png = makeImage(m_images.path(), "intruder.png");
        QVERIFY(!png.empty());
        reply = putImage(api, path + "/avatar", m_other.access_token, "image/png", png);
        QCOMPARE(reply.status, 403);
        reply = putImage(api, path + "/banner", m_other.access_token, "image/png", png);
        QCOMPARE(reply.status, 403);
        QVERIFY(api.get(path).json["avatar_url"].is_null());
    }

    void avatarAndBannerRoundTrip() {
        ApiClient api(m_server);
        const std::string path = "/api/v1/channels/" + m_owner.channel_id;
        const std::string avatar = makeImage(m_images.path(), "avatar.jpg");
        const std::string banner = makeImage(m_images.path(), "banner.webp");
        QVERIFY(!avatar.empty() && !banner.empty());

        auto reply = putImage(api, path + "/avatar", m_owner.access_token, "image/jpeg", avatar);
        QCOMPARE(reply.status, 200);
        const std::string avatar_url = reply.json.value("avatar_url", "");
        reply = putImage(api, path + "/banner", m_owner.access_token, "image/webp", banner);
        QCOMPARE(reply.status, 200);
        const std::string banner_url = reply.json.value("banner_url", "");
        QCOMPARE(reply.json.value("avatar_url", ""), avatar_url); // the banner did not replace the avatar
        QVERIFY(avatar_url != banner_url);

        const auto got_avatar = api.get(avatar_url);
        QCOMPARE(got_avatar.status, 200);
        QCOMPARE(got_avatar.raw.body, avatar);
        QCOMPARE(*got_avatar.raw.header("Content-Type"), std::string("image/jpeg"));
        const auto got_banner = api.get(banner_url);
        QCOMPARE(got_banner.raw.body, banner);
        QCOMPARE(*got_banner.raw.header("Content-Type"), std::string("image/webp"));
        QCOMPARE(*got_banner.raw.header("Cache-Control"), std::string("public, max-age=31536000, immutable"));

        // Wrong declared type, and bytes that are not the declared type.
        reply = putImage(api, path + "/banner", m_owner.access_token, "image/png", banner);
        QCOMPARE(reply.status, 415);
        reply = putImage(api, path + "/banner", m_owner.access_token, "application/octet-stream", banner);
        QCOMPARE(reply.status, 415);
        QCOMPARE(api.get(path).json.value("banner_url", ""), banner_url);
    }

    void channelImageTooLarge() {
        TestServer server({"--max-image-bytes", "2000"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        const auto user = api.signUp("small");
        QVERIFY(user);
        std::string png = makeImage(m_images.path(), "big.png");
        QVERIFY(!png.empty());
        png.resize(2001, '\0');
        const auto reply = putImage(api, "/api/v1/channels/" + user->channel_id + "/avatar",
                                    user->access_token, "image/png", png);
        QCOMPARE(reply.status, 413);
        png.resize(2000);
        QCOMPARE(putImage(api, "/api/v1/channels/" + user->channel_id + "/avatar", user->access_token,
                          "image/png", png)
                     .status,
                 200);
        QVERIFY(server.terminate());
    }

    void listingShowsPublicVideosOnly() {
        ApiClient api(m_server);
        const auto user = api.signUp("lister");
        QVERIFY(user);
        const int64_t base_ms = fc::unixMillisNow() - 1000000;
        std::vector<std::string> public_ids;
        std::set<std::string> hidden_ids;
        // 25 public videos interleaved with unlisted and private ones; a few share a millisecond (ties).
        for (int i = 0; i < 25; ++i) {
            const int64_t at = base_ms + (i / 2) * 10;
            public_ids.push_back(insertVideo(*user, "public", at));
            if (i % 5 == 0) {
                hidden_ids.insert(insertVideo(*user, "unlisted", at + 1));
                hidden_ids.insert(insertVideo(*user, "private", at + 2));
            }
        }
        // Another channel's public video is not in this listing.
        hidden_ids.insert(insertVideo(m_other, "public", base_ms + 5));

        for (const std::string& token : {std::string(), m_other.access_token, user->access_token}) {
            std::vector<std::string> listed;
            std::optional<std::string> cursor;
            int pages = 0;
            do {
                std::string path = "/api/v1/channels/" + user->channel_id + "/videos?limit=10";
                if (cursor)
                    path += "&cursor=" + *cursor;
                const auto reply = api.get(path, token);
                QCOMPARE(reply.status, 200);
                for (const auto& item : reply.json["items"]) {
                    listed.push_back(item.value("id", ""));
                    QCOMPARE(item.value("visibility", ""), std::string("public"));
                    QCOMPARE(item.value("channel_id", ""), user->channel_id);
                }
                cursor = reply.json["next_cursor"].is_null()
                             ? std::nullopt
                             : std::optional(reply.json.value("next_cursor", ""));
                ++pages;
            } while (cursor && pages < 10);
            QCOMPARE(pages, 3);
            QCOMPARE(listed.size(), size_t(25));
            for (const auto& id : listed)
                QVERIFY(!hidden_ids.count(id));
            // Newest first: every public id, in order of creation time descending.
            std::set<std::string> unique(listed.begin(), listed.end());
            QCOMPARE(unique.size(), size_t(25));
            QCOMPARE(std::set<std::string>(public_ids.begin(), public_ids.end()), unique);
            for (size_t i = 1; i < listed.size(); ++i) {
                const auto at = [&](const std::string& id) {
                    return std::stoll(*m_db->scalar("SELECT created_at FROM videos WHERE id = ?", {id}));
                };
                QVERIFY(at(listed[i - 1]) >= at(listed[i]));
            }
        }
        QCOMPARE(api.get("/api/v1/channels/" + user->channel_id).json.value("video_count", -1), 25);

        const auto big = api.get("/api/v1/channels/" + user->channel_id + "/videos?limit=1000");
        QCOMPARE(big.status, 200);
        QCOMPARE(big.json["items"].size(), size_t(25)); // clamped to 100, all fit
        QCOMPARE(api.get("/api/v1/channels/" + user->channel_id + "/videos").json["items"].size(),
                 size_t(20));
        QCOMPARE(api.get("/api/v1/channels/" + user->channel_id + "/videos?limit=-1").status, 400);
        QCOMPARE(api.get("/api/v1/channels/" + user->channel_id + "/videos?cursor=Zm9v").errorCode(),
                 std::string("invalid_cursor"));
        QCOMPARE(api.get("/api/v1/channels/AAAAAAAAAAA/videos").errorCode(),
                 std::string("channel_not_found"));
    }

    void listingFollowsVisibilityChanges() {
        ApiClient api(m_server);
        const auto user = api.signUp("flipper");
        QVERIFY(user);
        const std::string id = insertVideo(*user, "private", fc::unixMillisNow());
        const std::string path = "/api/v1/channels/" + user->channel_id + "/videos";
        QCOMPARE(api.get(path, user->access_token).json["items"].size(), size_t(0));
        QCOMPARE(api.call("PATCH", "/api/v1/videos/" + id, user->access_token, json{{"visibility", "public"}})
                     .status,
                 200);
        QCOMPARE(api.get(path).json["items"].size(), size_t(1));
        QCOMPARE(
            api.call("PATCH", "/api/v1/videos/" + id, user->access_token, json{{"visibility", "unlisted"}})
                .status,
            200);
        QCOMPARE(api.get(path, user->access_token).json["items"].size(), size_t(0));
        QCOMPARE(api.get("/api/v1/channels/" + user->channel_id).json.value("video_count", -1), 0);
    }

private:
    std::string insertVideo(const SignedUpUser& user, const std::string& visibility, int64_t created_at_ms) {
        DirectDatabase::VideoRow row;
        row.id = fc::newId();
        row.channel_id = user.channel_id;
        row.owner_id = user.id;
        row.visibility = visibility;
        row.created_at_ms = created_at_ms;
        if (!m_db->insertVideo(row))
            qWarning("insert failed: %s", m_db->lastError().c_str());
        return row.id;
    }

    TestServer m_server;
    QTemporaryDir m_images;
    SignedUpUser m_owner;
    SignedUpUser m_other;
    std::unique_ptr<DirectDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestChannels)
#include "test_channels.moc"
