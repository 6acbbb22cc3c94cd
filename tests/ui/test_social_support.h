#pragma once
// Shared by the social tests: a real framecastd, the app signed in as one user ("me") and a second user on
// REST ("other"), videos inserted straight into the server's database (public and ready: comments, ratings
// and notifications need no media), and REST helpers for what the other user does.
#include <QtTest>

#include <memory>
#include <optional>
#include <string>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "tests/ui/app_harness.h"

namespace fc::test {

class SocialFixture {
public:
    explicit SocialFixture(QStringList server_args = {}) : server(std::move(server_args)), api(server) {}

    // Starts the server, signs the app up as "me" and REST up as "other"; false (with a reason) on failure.
    bool start(QString* why) {
        if (!server.start()) {
            *why = QStringLiteral("server: ") + server.log();
            return false;
        }
        harness = std::make_unique<AppHarness>(server);
        auto signed_up = harness->connect() ? harness->signUpThroughApp("me") : std::nullopt;
        auto other_user = api.signUp("other");
        if (!signed_up || !other_user) {
            *why = QStringLiteral("sign-up failed");
            return false;
        }
        me = *signed_up;
        other = *other_user;
        db = std::make_unique<DirectDatabase>(server.dataDir());
        if (!db->isOpen()) {
            *why = QStringLiteral("database: ") + QString::fromStdString(db->lastError());
            return false;
        }
        return true;
    }

    ui::AppContext& app() { return harness->app(); }
    std::string myToken() { return app().api()->tokens().access_token.toStdString(); }

    // A public, ready video of this user; its id ("" on failure).
    QString insertVideo(const SignedUpUser& owner, const std::string& title) {
        DirectDatabase::VideoRow row;
        row.id = fc::newId();
        row.channel_id = owner.channel_id;
        row.owner_id = owner.id;
        row.title = title;
        row.created_at_ms = fc::unixMillisNow();
        if (!db->insertVideo(row)) {
            qWarning("insert failed: %s", db->lastError().c_str());
            return {};
        }
        return QString::fromStdString(row.id);
    }

    // POST /videos/<id>/comments as the other user; the comment's id ("" on failure). The server holds a
    // user's 6th comment on a video within 2 minutes ("rate"): tests spread their comments over users.
    QString postAsOther(const QString& video_id, const std::string& text, const QString& parent_id = {}) {
        return postAs(other, video_id, text, parent_id);
    }
    QString postAs(const SignedUpUser& author, const QString& video_id, const std::string& text,
                   const QString& parent_id = {}) {
        nlohmann::json body = {{"text", text}};
        if (!parent_id.isEmpty())
            body["parent_id"] = parent_id.toStdString();
        const ApiReply reply = api.call("POST", "/api/v1/videos/" + video_id.toStdString() + "/comments",
                                        author.access_token, body);
        if (reply.status != 201)
            qWarning("post comment: %d %s", reply.status, reply.raw.body.c_str());
        return QString::fromStdString(reply.json.value("id", ""));
    }

    ApiReply callAsOther(const std::string& method, const std::string& path,
                         const std::optional<nlohmann::json>& body = std::nullopt) {
        return api.call(method, path, other.access_token, body);
    }

    TestServer server;
    ApiClient api;
    std::unique_ptr<AppHarness> harness;
    std::unique_ptr<DirectDatabase> db;
    SignedUpUser me;
    SignedUpUser other;
};

} // namespace fc::test
