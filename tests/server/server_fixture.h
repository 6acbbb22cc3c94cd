#pragma once
// A real framecastd with direct access to its SQLite file, users signed up through the API, and a video row
// inserted straight into the database (for tests that need a video, not a processed one). The social tests'
// fixtures (comment_fixture.h, follows_fixture.h) add their routes' helpers on top.
#include <QtTest>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

namespace fc::test {

class ServerFixture {
public:
    explicit ServerFixture(QStringList server_args = {}) : m_server(std::move(server_args)) {}

    bool start() {
        if (!m_server.start())
            return false;
        m_db = std::make_unique<DirectDatabase>(m_server.dataDir());
        return m_db->isOpen();
    }
    bool stop() {
        m_db.reset();
        return m_server.terminate();
    }

    TestServer& server() { return m_server; }
    DirectDatabase& db() { return *m_db; }
    ApiClient api() { return ApiClient(m_server); }

    ApiReply call(const std::string& method, const std::string& path, const std::string& token = {},
                  const std::optional<nlohmann::json>& body = std::nullopt) {
        return api().call(method, path, token, body);
    }

    SignedUpUser user(const std::string& prefix) { return api().signUp(prefix).value_or(SignedUpUser{}); }

    // A new video row of owner's, as the upload path writes it once processing is done; "" on failure.
    std::string insertVideoRow(const SignedUpUser& owner, const std::string& visibility,
                               const std::string& status = "ready", const std::string& title = "Test video") {
        DirectDatabase::VideoRow row;
        row.id = newId();
        row.channel_id = owner.channel_id;
        row.owner_id = owner.id;
        row.title = title;
        row.visibility = visibility;
        row.status = status;
        row.created_at_ms = unixMillisNow();
        return m_db->insertVideo(row) ? row.id : std::string();
    }

    int64_t scalarInt(const std::string& sql, const std::vector<std::string>& args = {}) {
        const auto value = m_db->scalar(sql, args);
        return value ? std::stoll(*value) : -1;
    }

protected:
    TestServer m_server;
    std::unique_ptr<DirectDatabase> m_db;
};

// The "id" of every item of a list.
inline std::vector<std::string> idsOf(const nlohmann::json& items) {
    std::vector<std::string> ids;
    for (const auto& item : items)
        ids.push_back(item.value("id", ""));
    return ids;
}

} // namespace fc::test
