// Video details, edits and deletion against the real server: the authorization matrix (owner / other user /
// anonymous × public / unlisted / private × GET / PATCH / DELETE), field validation, publishing, the owner's
// own list, and what deletion removes (rows, files, jobs).
//
// Uploads are another module; video rows are inserted straight into the server's SQLite file with the sqlite3
// C API while the server runs (WAL mode lets a second connection write; see direct_database.h).
#include <QDir>
#include <QFile>
#include <QtTest>

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

class TestVideosAuthz : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        auto owner = api.signUp("owner");
        auto other = api.signUp("other");
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

    void authorizationMatrix_data() {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("visibility");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        struct Cell {
            const char* who;
            const char* visibility;
            const char* method;
            int status;
            const char* code;
        };
        const Cell cells[] = {
            {"owner", "public", "GET", 200, ""},
            {"owner", "unlisted", "GET", 200, ""},
            {"owner", "private", "GET", 200, ""},
            {"other", "public", "GET", 200, ""},
            {"other", "unlisted", "GET", 200, ""},
            {"other", "private", "GET", 404, "video_not_found"},
            {"anonymous", "public", "GET", 200, ""},
            {"anonymous", "unlisted", "GET", 200, ""},
            {"anonymous", "private", "GET", 404, "video_not_found"},
            {"owner", "public", "PATCH", 200, ""},
            {"owner", "unlisted", "PATCH", 200, ""},
            {"owner", "private", "PATCH", 200, ""},
            {"other", "public", "PATCH", 403, "forbidden"},
            {"other", "unlisted", "PATCH", 403, "forbidden"},
            {"other", "private", "PATCH", 404, "video_not_found"},
            {"anonymous", "public", "PATCH", 401, "auth_required"},
            {"anonymous", "unlisted", "PATCH", 401, "auth_required"},
            {"anonymous", "private", "PATCH", 401, "auth_required"},
            {"owner", "public", "DELETE", 204, ""},
            {"owner", "unlisted", "DELETE", 204, ""},
            {"owner", "private", "DELETE", 204, ""},
            {"other", "public", "DELETE", 403, "forbidden"},
            {"other", "unlisted", "DELETE", 403, "forbidden"},
            {"other", "private", "DELETE", 404, "video_not_found"},
            {"anonymous", "public", "DELETE", 401, "auth_required"},
            {"anonymous", "unlisted", "DELETE", 401, "auth_required"},
            {"anonymous", "private", "DELETE", 401, "auth_required"},
        };
        for (const Cell& cell : cells)
            QTest::addRow("%s %s %s", cell.who, cell.method, cell.visibility)
                << cell.who << cell.visibility << cell.method << cell.status << cell.code;
    }
    void authorizationMatrix() {
        QFETCH(QString, who);
        QFETCH(QString, visibility);
        QFETCH(QString, method);
        QFETCH(int, status);
        QFETCH(QString, code);
        const std::string id = insertVideo(visibility.toStdString(), "ready", "Matrix video");
        const std::string token = who == "owner"   ? m_owner.access_token
                                  : who == "other" ? m_other.access_token
                                                   : std::string();
        ApiClient api(m_server);
        const std::optional<json> body =
            method == "PATCH" ? std::optional<json>(json{{"title", "Changed title"}}) : std::nullopt;
        const auto reply = api.call(method.toStdString(), "/api/v1/videos/" + id, token, body);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code.toStdString());

        // The effect matches the answer: only the owner's PATCH changes the row, only their DELETE removes
        // it.
        const auto title = m_db->scalar("SELECT title FROM videos WHERE id = ?", {id});
        if (method == "DELETE" && status == 204) {
            QVERIFY(!title.has_value());
            QCOMPARE(api.get("/api/v1/videos/" + id, m_owner.access_token).status, 404);
        } else {
            QVERIFY(title.has_value());
            QCOMPARE(*title,
                     std::string(method == "PATCH" && status == 200 ? "Changed title" : "Matrix video"));
        }
        if (method == "GET" && status == 200) {
            QCOMPARE(reply.json.value("id", ""), id);
            QCOMPARE(reply.json.value("visibility", ""), visibility.toStdString());
            // The source file's details are the owner's alone.
            QCOMPARE(reply.json.contains("source"), who == "owner");
        }
    }

    void videoJsonHasTheAgreedShape() {
        const std::string id = insertVideo("public", "ready", "Shape");
        ApiClient api(m_server);
        const auto reply = api.get("/api/v1/videos/" + id, m_owner.access_token);
        QCOMPARE(reply.status, 200);
        for (const char* key :
             {"id",         "channel_id",   "owner_id",      "title",         "description",
              "tags",       "category",     "language",      "visibility",    "status",
              "failure",    "duplicate_of", "playable",      "media_info",    "duration_ms",
              "view_count", "like_count",   "dislike_count", "comment_count", "thumbnail_url",
              "created_at", "updated_at",   "published_at",  "source"})
            QVERIFY2(reply.json.contains(key), key);
        QCOMPARE(reply.json.value("channel_id", ""), m_owner.channel_id);
        QCOMPARE(reply.json.value("owner_id", ""), m_owner.id);
        QVERIFY(reply.json["tags"].is_array());
        QCOMPARE(reply.json["source"].value("filename", ""), std::string("clip.mp4"));
        QCOMPARE(reply.json["source"].value("size_bytes", 0), 1234);
        QCOMPARE(api.get("/api/v1/videos/AAAAAAAAAAA").errorCode(), std::string("video_not_found"));
    }

    void patchUpdatesEveryField() {
        const std::string id = insertVideo("private", "ready", "Before");
        ApiClient api(m_server);
        const json patch = {{"title", "After ✓"},
                            {"description", "Line 1\nLine 2"},
                            {"tags", {"cats", "funny", "ünïcode"}},
                            {"category", "Pets & Animals"},
                            {"language", "pt-BR"}};
        const auto reply = api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, patch);
        QCOMPARE(reply.status, 200);
        const auto reread = api.get("/api/v1/videos/" + id, m_owner.access_token);
        for (const auto& answer : {reply.json, reread.json}) {
            QCOMPARE(answer.value("title", ""), std::string("After ✓"));
            QCOMPARE(answer.value("description", ""), std::string("Line 1\nLine 2"));
            QCOMPARE(answer["tags"], json({"cats", "funny", "ünïcode"}));
            QCOMPARE(answer.value("category", ""), std::string("Pets & Animals"));
            QCOMPARE(answer.value("language", ""), std::string("pt-BR"));
            QCOMPARE(answer.value("visibility", ""), std::string("private"));
        }
        // Fields left out stay as they are; an empty tag list clears the tags.
        const auto cleared =
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json{{"tags", json::array()}});
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json["tags"], json::array());
        QCOMPARE(cleared.json.value("title", ""), std::string("After ✓"));
    }

    void patchValidation_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const json& body, const char* field) {
            QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << QString(field);
        };
        std::vector<std::string> thirty_one(31, "tag");
        row("empty title", json{{"title", ""}}, "title");
        row("title 101 chars", json{{"title", std::string(101, 't')}}, "title");
        row("title not string", json{{"title", 5}}, "title");
        row("title with newline", json{{"title", "two\nlines"}}, "title");
        row("description 5001 chars", json{{"description", std::string(5001, 'd')}}, "description");
        row("31 tags", json{{"tags", thirty_one}}, "tags");
        row("tag 31 chars", json{{"tags", {std::string(31, 'x')}}}, "tag");
        row("empty tag", json{{"tags", {""}}}, "tag");
        row("tag not string", json{{"tags", {1, 2}}}, "tags");
        row("tags not array", json{{"tags", "a,b"}}, "tags");
        row("visibility unknown", json{{"visibility", "secret"}}, "visibility");
        row("language bad", json{{"language", "en us!"}}, "language");
        row("category too long", json{{"category", std::string(51, 'c')}}, "category");
    }
    void patchValidation() {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const std::string id = insertVideo("public", "ready", "Valid");
        ApiClient api(m_server);
        const auto reply =
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json::parse(body.toStdString()));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("invalid_request"));
        const std::string message = reply.json["error"].value("message", "");
        QVERIFY2(message.find(field.toStdString()) != std::string::npos, message.c_str());
        QCOMPARE(m_db->scalar("SELECT title FROM videos WHERE id = ?", {id}),
                 std::optional<std::string>("Valid"));
    }

    void limitsAreInclusive() {
        const std::string id = insertVideo("public", "ready", "Limits");
        ApiClient api(m_server);
        std::vector<std::string> thirty(30, std::string(30, 'z'));
        const auto reply = api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token,
                                    json{{"title", std::string(100, 't')},
                                         {"description", std::string(5000, 'd')},
                                         {"tags", thirty}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json["tags"].size(), size_t(30));
    }

    void patchMalformedBodies() {
        const std::string id = insertVideo("public", "ready", "Body");
        ApiClient api(m_server);
        fc::transfer::HttpCall call;
        call.method = "PATCH";
        call.url = "/api/v1/videos/" + id;
        call.headers = {{"Authorization", "Bearer " + m_owner.access_token},
                        {"Content-Type", "application/json"}};
        call.body = "{not json";
        auto reply = api.raw(call);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("invalid_json"));
        call.headers.back().second = "application/x-www-form-urlencoded";
        call.body = "title=x";
        reply = api.raw(call);
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.errorCode(), std::string("unsupported_media_type"));
    }

    void publishingSetsPublishedAtOnce() {
        const std::string id = insertVideo("private", "ready", "Publish me");
        ApiClient api(m_server);
        auto reply =
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json{{"visibility", "unlisted"}});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json["published_at"].is_null());
        reply =
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json{{"visibility", "public"}});
        QCOMPARE(reply.status, 200);
        const std::string published = reply.json.value("published_at", "");
        QVERIFY2(published.ends_with("Z"), published.c_str());
        QCOMPARE(reply.json.value("visibility", ""), std::string("public"));
        // Going private and public again keeps the first publication time.
        QCOMPARE(
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json{{"visibility", "private"}})
                .json.value("published_at", ""),
            published);
        QCOMPARE(api.get("/api/v1/videos/" + id, m_other.access_token).status, 404);
        QTest::qWait(5);
        reply =
            api.call("PATCH", "/api/v1/videos/" + id, m_owner.access_token, json{{"visibility", "public"}});
        QCOMPARE(reply.json.value("published_at", ""), published);
        QCOMPARE(api.get("/api/v1/videos/" + id, m_other.access_token).status, 200);
    }

    void myVideosListsEverythingOfMine() {
        ApiClient api(m_server);
        const auto user = api.signUp("studio");
        QVERIFY(user);
        // Twelve videos in every visibility and status, a millisecond apart (newest last).
        const char* visibilities[] = {"public", "unlisted", "private"};
        const char* statuses[] = {"uploading", "queued", "processing", "ready", "failed"};
        std::vector<std::string> ids;
        const int64_t base_ms = fc::unixMillisNow() - 100000;
        for (int i = 0; i < 12; ++i)
            ids.push_back(insertVideoFor(*user, visibilities[i % 3], statuses[i % 5], base_ms + i));
        // Someone else's video never shows up.
        insertVideo("public", "ready", "Not mine");

        std::vector<std::string> listed;
        std::optional<std::string> cursor;
        int pages = 0;
        do {
            std::string path = "/api/v1/users/me/videos?limit=5";
            if (cursor)
                path += "&cursor=" + *cursor;
            const auto reply = api.get(path, user->access_token);
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.json["items"].size() <= 5);
            for (const auto& item : reply.json["items"]) {
                listed.push_back(item.value("id", ""));
                QVERIFY(item.contains("source")); // the owner's view
            }
            cursor = reply.json["next_cursor"].is_null() ? std::nullopt
                                                         : std::optional(reply.json.value("next_cursor", ""));
            ++pages;
        } while (cursor && pages < 10);
        QCOMPARE(pages, 3);
        std::vector<std::string> newest_first(ids.rbegin(), ids.rend());
        QCOMPARE(listed, newest_first);

        const auto ready = api.get("/api/v1/users/me/videos?status=ready", user->access_token);
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json["items"].size(), size_t(2)); // i = 3 and 8
        for (const auto& item : ready.json["items"])
            QCOMPARE(item.value("status", ""), std::string("ready"));
        QVERIFY(ready.json["next_cursor"].is_null());

        QCOMPARE(api.get("/api/v1/users/me/videos?status=bogus", user->access_token).status, 400);
        QCOMPARE(api.get("/api/v1/users/me/videos?limit=0", user->access_token).status, 400);
        QCOMPARE(api.get("/api/v1/users/me/videos?limit=abc", user->access_token).status, 400);
        const auto bad_cursor = api.get("/api/v1/users/me/videos?cursor=%21%21%21", user->access_token);
        QCOMPARE(bad_cursor.status, 400);
        QCOMPARE(bad_cursor.errorCode(), std::string("invalid_cursor"));
        const auto default_page = api.get("/api/v1/users/me/videos", user->access_token);
        QCOMPARE(default_page.json["items"].size(), size_t(12));
    }

    void deleteRemovesRowsFilesAndJobs() {
        const std::string id = insertVideo("public", "processing", "Doomed");
        const std::string upload_id = fc::newId();
        const int64_t now_ms = fc::unixMillisNow();
        const std::string now = std::to_string(now_ms);
        QVERIFY(
            m_db->exec("INSERT INTO uploads (id, video_id, user_id, length_bytes, offset_bytes, state, "
                       "expires_at, created_at, updated_at) VALUES (?, ?, ?, 10, 10, 'complete', ?, ?, ?)",
                       {upload_id, id, m_owner.id, std::to_string(now_ms + 3600000), now, now}));
        // A job of a kind no worker handles, so it stays queued until the deletion cancels it.
        QVERIFY(m_db->exec("INSERT INTO jobs (kind, video_id, run_after, created_at, updated_at) "
                           "VALUES ('test_never_claimed', ?, ?, ?, ?)",
                           {id, now, now, now}));
        const QString media = m_server.dataDir() + "/media/" + QString::fromStdString(id);
        QVERIFY(QDir().mkpath(media + "/cmaf/720p"));
        for (const QString& file : {media + "/source", media + "/cmaf/720p/seg1.m4s"}) {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("data");
        }
        const QString part = m_server.dataDir() + "/uploads/" + QString::fromStdString(upload_id) + ".part";
        {
            QFile out(part);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("0123456789");
        }
        // A neighbour's files are left alone.
        const std::string neighbour = insertVideo("public", "ready", "Neighbour");
        const QString neighbour_media = m_server.dataDir() + "/media/" + QString::fromStdString(neighbour);
        QVERIFY(QDir().mkpath(neighbour_media));

        ApiClient api(m_server);
        const auto reply = api.call("DELETE", "/api/v1/videos/" + id, m_owner.access_token);
        QCOMPARE(reply.status, 204);
        QVERIFY(reply.raw.body.empty());
        QVERIFY(!QFileInfo::exists(media));
        QVERIFY(!QFileInfo::exists(part));
        QVERIFY(QFileInfo::exists(neighbour_media));
        QCOMPARE(m_db->scalar("SELECT COUNT(*) FROM videos WHERE id = ?", {id}),
                 std::optional<std::string>("0"));
        QCOMPARE(m_db->scalar("SELECT COUNT(*) FROM uploads WHERE video_id = ?", {id}),
                 std::optional<std::string>("0"));
        QCOMPARE(m_db->scalar("SELECT state FROM jobs WHERE video_id = ?", {id}),
                 std::optional<std::string>("cancelled"));
        QCOMPARE(api.get("/api/v1/videos/" + id, m_owner.access_token).status, 404);
        // Deleting again: it is gone.
        QCOMPARE(api.call("DELETE", "/api/v1/videos/" + id, m_owner.access_token).errorCode(),
                 std::string("video_not_found"));
    }

private:
    std::string insertVideoFor(const SignedUpUser& user, const std::string& visibility,
                               const std::string& status, int64_t created_at_ms,
                               const std::string& title = "Listed") {
        DirectDatabase::VideoRow row;
        row.id = fc::newId();
        row.channel_id = user.channel_id;
        row.owner_id = user.id;
        row.title = title;
        row.visibility = visibility;
        row.status = status;
        row.created_at_ms = created_at_ms;
        if (!m_db->insertVideo(row))
            qWarning("insert failed: %s", m_db->lastError().c_str());
        return row.id;
    }
    std::string insertVideo(const std::string& visibility, const std::string& status,
                            const std::string& title) {
        return insertVideoFor(m_owner, visibility, status, fc::unixMillisNow(), title);
    }

    TestServer m_server;
    SignedUpUser m_owner;
    SignedUpUser m_other;
    std::unique_ptr<DirectDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestVideosAuthz)
#include "test_videos_authz.moc"
