// Accounts against the real server: registration, sign-in, token refresh and rotation, sign-out, validation,
// the error envelope for malformed bodies, the stored password hash, and the user's own profile and avatar.
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <thread>

#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using fc::test::ApiClient;
using fc::test::ApiReply;
using fc::test::DirectDatabase;
using fc::test::TestServer;
using nlohmann::json;

namespace {

const std::string kPassword = "correct horse battery";

// A real image made by the ffmpeg CLI (a few hundred bytes); empty on failure.
std::string makeImage(const QString& dir, const QString& name) {
    const QString path = dir + "/" + name;
    QProcess ffmpeg;
    ffmpeg.start("ffmpeg", {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1",
                            "-frames:v", "1", path});
    if (!ffmpeg.waitForFinished(30000) || ffmpeg.exitCode() != 0)
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

ApiReply sendBody(ApiClient& api, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& content_type, std::string body) {
    fc::transfer::HttpCall call;
    call.method = method;
    call.url = path;
    if (!token.empty())
        call.headers.emplace_back("Authorization", "Bearer " + token);
    if (!content_type.empty())
        call.headers.emplace_back("Content-Type", content_type);
    call.body = std::move(body);
    return api.raw(std::move(call));
}

json registration(const std::string& username, const std::string& email, const std::string& password) {
    return {{"username", username}, {"email", email}, {"password", password}};
}

} // namespace

class TestAccounts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_images.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void registerAnswersWithTokensUserAndChannel() {
        ApiClient api(m_server);
        const auto reply = api.call("POST", "/api/v1/auth/register", {},
                                    registration("Alice_01", "alice01@example.test", kPassword));
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json.value("token_type", ""), std::string("Bearer"));
        QCOMPARE(reply.json.value("expires_in", 0), 3600);
        const std::string access = reply.json.value("access_token", "");
        const std::string refresh = reply.json.value("refresh_token", "");
        QCOMPARE(access.size(), size_t(43));
        QCOMPARE(refresh.size(), size_t(43));
        QVERIFY(access != refresh);
        const json& user = reply.json["user"];
        QCOMPARE(user.value("username", ""), std::string("Alice_01"));
        QCOMPARE(user.value("email", ""), std::string("alice01@example.test"));
        QCOMPARE(user.value("id", "").size(), size_t(11));
        QVERIFY(user["avatar_url"].is_null());
        QVERIFY(user.value("created_at", "").ends_with("Z"));

        // The channel exists, is owned by the user, and is named after them.
        const auto channel = api.get("/api/v1/channels/" + user.value("channel_id", ""));
        QCOMPARE(channel.status, 200);
        QCOMPARE(channel.json.value("owner_id", ""), user.value("id", ""));
        QCOMPARE(channel.json.value("handle", ""), std::string("Alice_01"));
        QCOMPARE(channel.json.value("name", ""), std::string("Alice_01"));
        QCOMPARE(channel.json.value("video_count", -1), 0);

        // The access token works at once.
        const auto me = api.get("/api/v1/users/me", access);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value("id", ""), user.value("id", ""));
    }

    void duplicatesAreRefusedWith409() {
        ApiClient api(m_server);
        QCOMPARE(api.call("POST", "/api/v1/auth/register", {},
                          registration("dup_user", "dup@example.test", kPassword))
                     .status,
                 201);
        // Usernames and emails compare case-insensitively.
        auto reply = api.call("POST", "/api/v1/auth/register", {},
                              registration("DUP_USER", "other@example.test", kPassword));
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), std::string("username_taken"));
        reply = api.call("POST", "/api/v1/auth/register", {},
                         registration("dup_user2", "DUP@example.test", kPassword));
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), std::string("email_taken"));
        // Nothing half-made was left behind by the refused attempts.
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM users WHERE username = 'dup_user2'"),
                 std::optional<std::string>("0"));
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM channels WHERE handle = 'dup_user2'"),
                 std::optional<std::string>("0"));
    }

    void concurrentRegistrationsOfOneNameYieldOneAccount() {
        // Registration checks and inserts inside one BEGIN IMMEDIATE transaction: racing requests for the
        // same name cannot both win.
        constexpr int kRacers = 6;
        std::vector<int> statuses(kRacers, 0);
        std::vector<std::thread> racers;
        for (int i = 0; i < kRacers; ++i)
            racers.emplace_back([&, i] {
                ApiClient api(m_server);
                statuses[i] =
                    api.call("POST", "/api/v1/auth/register", {},
                             registration("racer", "racer" + std::to_string(i) + "@example.test", kPassword))
                        .status;
            });
        for (auto& racer : racers)
            racer.join();
        QCOMPARE(std::count(statuses.begin(), statuses.end(), 201), 1L);
        QCOMPARE(std::count(statuses.begin(), statuses.end(), 409), long(kRacers - 1));
        DirectDatabase db(m_server.dataDir());
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM users WHERE username = 'racer'"),
                 std::optional<std::string>("1"));
        QCOMPARE(db.scalar("SELECT COUNT(*) FROM channels WHERE handle = 'racer'"),
                 std::optional<std::string>("1"));
    }

    void badRegistrationFields_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const json& body, const char* field) {
            QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << QString(field);
        };
        row("username too short", registration("ab", "a@example.test", kPassword), "username");
        row("username too long", registration(std::string(31, 'a'), "a@example.test", kPassword), "username");
        row("username bad char", registration("bad name", "a@example.test", kPassword), "username");
        row("username with @", registration("bad@name", "a@example.test", kPassword), "username");
        row("username missing", json{{"email", "a@example.test"}, {"password", kPassword}}, "username");
        row("username not string",
            json{{"username", 42}, {"email", "a@example.test"}, {"password", kPassword}}, "username");
        row("email no at", registration("okname1", "example.test", kPassword), "email");
        row("email no domain dot", registration("okname2", "a@localhost", kPassword), "email");
        row("email two ats", registration("okname3", "a@b@example.test", kPassword), "email");
        row("email missing", json{{"username", "okname4"}, {"password", kPassword}}, "email");
        row("password short", registration("okname5", "ok5@example.test", "1234567"), "password");
        row("password missing", json{{"username", "okname6"}, {"email", "ok6@example.test"}}, "password");
        row("password not string",
            json{{"username", "okname7"}, {"email", "ok7@example.test"}, {"password", true}}, "password");
    }
    void badRegistrationFields() {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        ApiClient api(m_server);
        const auto reply =
            sendBody(api, "POST", "/api/v1/auth/register", {}, "application/json", body.toStdString());
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        const std::string message = reply.json["error"].value("message", "");
        QVERIFY2(message.find(field.toStdString()) != std::string::npos, message.c_str());
    }

    void malformedJsonIs400() {
        ApiClient api(m_server);
        auto reply =
            sendBody(api, "POST", "/api/v1/auth/register", {}, "application/json", "{\"username\": ");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("invalid_json"));
        reply = sendBody(api, "POST", "/api/v1/auth/login", {}, "application/json", "[1,2,3]");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("invalid_json"));
    }

    void wrongContentTypeIs415() {
        ApiClient api(m_server);
        const auto reply = sendBody(api, "POST", "/api/v1/auth/register", {}, "text/plain",
                                    registration("typed_user", "typed@example.test", kPassword).dump());
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.errorCode(), std::string("unsupported_media_type"));
    }

    void loginByUsernameOrEmail() {
        ApiClient api(m_server);
        const auto user = api.signUp("login");
        QVERIFY(user);
        auto reply = api.call("POST", "/api/v1/auth/login", {},
                              json{{"username_or_email", user->username}, {"password", kPassword}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("token_type", ""), std::string("Bearer"));
        QCOMPARE(reply.json["user"].value("id", ""), user->id);
        QCOMPARE(reply.json["user"].value("channel_id", ""), user->channel_id);
        const std::string token = reply.json.value("access_token", "");
        QVERIFY(token != user->access_token); // a new session
        QCOMPARE(api.get("/api/v1/users/me", token).status, 200);

        reply =
            api.call("POST", "/api/v1/auth/login", {},
                     json{{"username_or_email", user->username + "@EXAMPLE.test"}, {"password", kPassword}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json["user"].value("id", ""), user->id);
    }

    void wrongCredentialsAreOneAnswer() {
        ApiClient api(m_server);
        const auto user = api.signUp("wrongpw");
        QVERIFY(user);
        const auto wrong_password =
            api.call("POST", "/api/v1/auth/login", {},
                     json{{"username_or_email", user->username}, {"password", "not it!!"}});
        const auto no_such_user =
            api.call("POST", "/api/v1/auth/login", {},
                     json{{"username_or_email", "nobody_here"}, {"password", kPassword}});
        QCOMPARE(wrong_password.status, 401);
        QCOMPARE(no_such_user.status, 401);
        QCOMPARE(wrong_password.errorCode(), std::string("invalid_credentials"));
        QCOMPARE(no_such_user.errorCode(), std::string("invalid_credentials"));
        QCOMPARE(wrong_password.json["error"].value("message", ""),
                 no_such_user.json["error"].value("message", ""));
        // Both paths run an Argon2 verification (tens of ms), so timing does not tell which names exist.
        qInfo("wrong password %lld ms, unknown user %lld ms",
              static_cast<long long>(wrong_password.raw.elapsed_ms),
              static_cast<long long>(no_such_user.raw.elapsed_ms));
        QVERIFY(no_such_user.raw.elapsed_ms >= 10);
    }

    void refreshRotatesTokens() {
        ApiClient api(m_server);
        const auto user = api.signUp("refresh");
        QVERIFY(user);
        const auto first =
            api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", user->refresh_token}});
        QCOMPARE(first.status, 200);
        const std::string access = first.json.value("access_token", "");
        const std::string refresh = first.json.value("refresh_token", "");
        QVERIFY(!access.empty() && access != user->access_token);
        QVERIFY(!refresh.empty() && refresh != user->refresh_token);
        QCOMPARE(first.json["user"].value("id", ""), user->id);

        // The old pair stops working; the new one works.
        auto reused =
            api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", user->refresh_token}});
        QCOMPARE(reused.status, 401);
        QCOMPARE(reused.errorCode(), std::string("invalid_token"));
        QCOMPARE(api.get("/api/v1/users/me", user->access_token).errorCode(), std::string("invalid_token"));
        QCOMPARE(api.get("/api/v1/users/me", access).status, 200);
        const auto second = api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", refresh}});
        QCOMPARE(second.status, 200);

        const auto garbage =
            api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", "nonsense"}});
        QCOMPARE(garbage.status, 401);
        QCOMPARE(api.call("POST", "/api/v1/auth/refresh", {}, json::object()).status, 400);
    }

    void logoutEndsTheSession() {
        ApiClient api(m_server);
        const auto user = api.signUp("logout");
        QVERIFY(user);
        const auto other = api.call("POST", "/api/v1/auth/login", {},
                                    json{{"username_or_email", user->username}, {"password", kPassword}});
        QCOMPARE(other.status, 200);

        QCOMPARE(api.call("POST", "/api/v1/auth/logout", user->access_token).status, 204);
        const auto after = api.get("/api/v1/users/me", user->access_token);
        QCOMPARE(after.status, 401);
        QCOMPARE(after.errorCode(), std::string("invalid_token"));
        const auto refresh =
            api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", user->refresh_token}});
        QCOMPARE(refresh.status, 401);
        // Only that session ended: the other sign-in still works.
        QCOMPARE(api.get("/api/v1/users/me", other.json.value("access_token", "")).status, 200);
        QCOMPARE(api.call("POST", "/api/v1/auth/logout").errorCode(), std::string("auth_required"));
    }

    void missingAuthIs401() {
        ApiClient api(m_server);
        for (const auto& [method, path] :
             std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/users/me"},
                                                              {"PATCH", "/api/v1/users/me"},
                                                              {"PUT", "/api/v1/users/me/avatar"},
                                                              {"GET", "/api/v1/users/me/videos"},
                                                              {"POST", "/api/v1/auth/logout"}}) {
            const auto reply = api.call(method, path);
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.errorCode(), std::string("auth_required"));
        }
        const auto bad = api.get("/api/v1/users/me", "not-a-real-token");
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.errorCode(), std::string("invalid_token"));
    }

    void storedPasswordIsAnArgon2idHash() {
        ApiClient api(m_server);
        const auto user = api.signUp("hashed");
        QVERIFY(user);
        DirectDatabase db(m_server.dataDir());
        QVERIFY2(db.isOpen(), db.lastError().c_str());
        const auto hash = db.scalar("SELECT password_hash FROM users WHERE id = ?", {user->id});
        QVERIFY(hash.has_value());
        QVERIFY2(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), hash->c_str());
        QVERIFY(hash->find(kPassword) == std::string::npos);
        // Tokens are stored only as their sha256.
        QCOMPARE(
            db.scalar("SELECT COUNT(*) FROM sessions WHERE access_token_hash = ? OR refresh_token_hash = ?",
                      {user->access_token, user->refresh_token}),
            std::optional<std::string>("0"));
        // Two users with the same password get different hashes (salted).
        const auto twin = api.signUp("hashed");
        QVERIFY(twin);
        QVERIFY(db.scalar("SELECT password_hash FROM users WHERE id = ?", {twin->id}) != hash);
    }

    void profileReadAndEdit() {
        ApiClient api(m_server);
        const auto user = api.signUp("profile");
        QVERIFY(user);
        auto reply = api.call("PATCH", "/api/v1/users/me", user->access_token,
                              json{{"display_name", "Zoë Example"}, {"bio", "Line one\nLine two"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("display_name", ""), std::string("Zoë Example"));
        QCOMPARE(reply.json.value("bio", ""), std::string("Line one\nLine two"));
        // A partial patch leaves the other field alone.
        reply = api.call("PATCH", "/api/v1/users/me", user->access_token, json{{"bio", "just a bio"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("display_name", ""), std::string("Zoë Example"));
        const auto me = api.get("/api/v1/users/me", user->access_token);
        QCOMPARE(me.json.value("bio", ""), std::string("just a bio"));
        QCOMPARE(me.json.value("email", ""), user->username + "@example.test");

        // 50 characters (not bytes) is the display-name limit.
        std::string fifty;
        for (int i = 0; i < 50; ++i)
            fifty += "é";
        QCOMPARE(
            api.call("PATCH", "/api/v1/users/me", user->access_token, json{{"display_name", fifty}}).status,
            200);
        for (const json& bad : {json{{"display_name", fifty + "x"}}, json{{"display_name", "tab\there"}},
                                json{{"bio", std::string(1001, 'b')}}, json{{"bio", 12}}}) {
            reply = api.call("PATCH", "/api/v1/users/me", user->access_token, bad);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        }
    }

    void avatarRoundTrip() {
        ApiClient api(m_server);
        const auto user = api.signUp("avatar");
        QVERIFY(user);
        const QDir images_dir(m_server.dataDir() + "/images");
        const auto imageFiles = [&] { return images_dir.entryList(QDir::Files | QDir::Hidden).size(); };
        const auto files_before = imageFiles();
        std::string last_url;
        for (const auto& [file, type] : std::vector<std::pair<QString, std::string>>{
                 {"a.png", "image/png"}, {"a.jpg", "image/jpeg"}, {"a.webp", "image/webp"}}) {
            const std::string bytes = makeImage(m_images.path(), file);
            QVERIFY2(!bytes.empty(), qPrintable(file));
            const auto reply =
                sendBody(api, "PUT", "/api/v1/users/me/avatar", user->access_token, type, bytes);
            QCOMPARE(reply.status, 200);
            const std::string url = reply.json.value("avatar_url", "");
            QVERIFY2(url.starts_with("/api/v1/images/"), url.c_str());
            QVERIFY(url != last_url);
            const auto image = api.get(url);
            QCOMPARE(image.status, 200);
            QCOMPARE(image.raw.body, bytes);
            QCOMPARE(*image.raw.header("Content-Type"), type);
            QCOMPARE(*image.raw.header("Cache-Control"), std::string("public, max-age=31536000, immutable"));
            QCOMPARE(api.get("/api/v1/users/me", user->access_token).json.value("avatar_url", ""), url);
            // The replaced avatar's file is gone and no temporary file is left: one file for this user.
            QCOMPARE(imageFiles(), files_before + 1);
            if (!last_url.empty())
                QCOMPARE(api.get(last_url).status, 404);
            last_url = url;
        }
        QCOMPARE(api.get("/api/v1/images/AAAAAAAAAAA.png").status, 404);
        QCOMPARE(api.get("/api/v1/images/..%2Fframecast.sqlite").status, 404);
    }

    void avatarWrongTypeIs415() {
        ApiClient api(m_server);
        const auto user = api.signUp("avatar415");
        QVERIFY(user);
        const std::string png = makeImage(m_images.path(), "b.png");
        QVERIFY(!png.empty());
        // Declared JPEG, but the bytes are PNG.
        auto reply = sendBody(api, "PUT", "/api/v1/users/me/avatar", user->access_token, "image/jpeg", png);
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.errorCode(), std::string("unsupported_media_type"));
        // Not an image type at all.
        reply =
            sendBody(api, "PUT", "/api/v1/users/me/avatar", user->access_token, "image/gif", "GIF89a....");
        QCOMPARE(reply.status, 415);
        reply = sendBody(api, "PUT", "/api/v1/users/me/avatar", user->access_token, "image/png",
                         "<html>not a png</html>");
        QCOMPARE(reply.status, 415);
        QVERIFY(api.get("/api/v1/users/me", user->access_token).json["avatar_url"].is_null());
    }

    void avatarTooLargeIs413() {
        ApiClient api(m_server);
        const auto user = api.signUp("avatar413");
        QVERIFY(user);
        std::string big = makeImage(m_images.path(), "c.png");
        QVERIFY(!big.empty());
        big.resize((10 << 20) + 1, 'x'); // one byte past the default 10 MiB
        const auto reply =
            sendBody(api, "PUT", "/api/v1/users/me/avatar", user->access_token, "image/png", big);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.errorCode(), std::string("payload_too_large"));
        QVERIFY(api.get("/api/v1/users/me", user->access_token).json["avatar_url"].is_null());
    }

    void expiredAccessTokenIsRefused() {
        TestServer server({"--access-token-ttl-s", "1"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient api(server);
        const auto user = api.signUp("expiry");
        QVERIFY(user);
        QCOMPARE(api.get("/api/v1/users/me", user->access_token).status, 200);
        QThread::msleep(1500);
        const auto reply = api.get("/api/v1/users/me", user->access_token);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), std::string("invalid_token"));
        // The refresh token outlives it and gets a fresh pair.
        const auto refreshed =
            api.call("POST", "/api/v1/auth/refresh", {}, json{{"refresh_token", user->refresh_token}});
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(refreshed.json.value("expires_in", 0), 1);
        QCOMPARE(api.get("/api/v1/users/me", refreshed.json.value("access_token", "")).status, 200);
        QVERIFY(server.terminate());
    }

private:
    TestServer m_server;
    QTemporaryDir m_images;
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "test_accounts.moc"
