#pragma once
// Test-side client for framecastd's REST API, over core/transfer's libcurl HttpClient.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/transfer/http_client.h"
#include "tests/support/test_server.h"

namespace fc::test {

struct ApiReply {
    int status = 0;    // 0 when the request did not complete (network error)
    std::string error; // the network error, if any
    transfer::HttpReply raw;
    nlohmann::json json; // parsed body (null when not JSON)

    std::string errorCode() const; // json.error.code, or ""
};

struct SignedUpUser {
    std::string id;
    std::string username;
    std::string channel_id;
    std::string access_token;
    std::string refresh_token;
};

class ApiClient {
public:
    explicit ApiClient(const TestServer& server) : m_server(server) {}

    ApiReply call(const std::string& method, const std::string& path, const std::string& token = {},
                  const std::optional<nlohmann::json>& body = std::nullopt,
                  transfer::HeaderList headers = {});
    ApiReply raw(transfer::HttpCall call); // full control; url may be a path
    ApiReply get(const std::string& path, const std::string& token = {}) { return call("GET", path, token); }

    // Registers a new user (unique names from the prefix); nullopt if the server refused.
    std::optional<SignedUpUser> signUp(const std::string& prefix = "user",
                                       const std::string& password = "correct horse battery");

private:
    const TestServer& m_server;
    transfer::HttpClient m_http;
};

} // namespace fc::test
