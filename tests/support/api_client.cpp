#include "tests/support/api_client.h"

#include <atomic>

namespace fc::test {

std::string ApiReply::errorCode() const {
    if (json.is_object() && json.contains("error") && json["error"].is_object())
        return json["error"].value("code", "");
    return {};
}

ApiReply ApiClient::raw(transfer::HttpCall call) {
    if (call.url.rfind("http", 0) != 0)
        call.url = m_server.url(call.url);
    ApiReply reply;
    auto result = m_http.perform(call);
    if (!result) {
        reply.error = result.error().message;
        return reply;
    }
    reply.raw = std::move(result).value();
    reply.status = reply.raw.status;
    reply.json = nlohmann::json::parse(reply.raw.body, nullptr, false);
    if (reply.json.is_discarded())
        reply.json = nullptr;
    return reply;
}

ApiReply ApiClient::call(const std::string& method, const std::string& path, const std::string& token,
                         const std::optional<nlohmann::json>& body, transfer::HeaderList headers) {
    transfer::HttpCall call;
    call.method = method;
    call.url = path;
    call.headers = std::move(headers);
    if (!token.empty())
        call.headers.emplace_back("Authorization", "Bearer " + token);
    if (body) {
        call.headers.emplace_back("Content-Type", "application/json");
        call.body = body->dump();
    }
    return raw(std::move(call));
}

std::optional<SignedUpUser> ApiClient::signUp(const std::string& prefix, const std::string& password) {
    static std::atomic<int> counter{0};
    const std::string username = prefix + std::to_string(++counter) + "_" + std::to_string(m_server.port());
    const ApiReply reply =
        call("POST", "/api/v1/auth/register", {},
             nlohmann::json{
                 {"username", username}, {"email", username + "@example.test"}, {"password", password}});
    if (reply.status != 201 || !reply.json.is_object())
        return std::nullopt;
    SignedUpUser user;
    user.id = reply.json["user"].value("id", "");
    user.username = username;
    user.channel_id = reply.json["user"].value("channel_id", "");
    user.access_token = reply.json.value("access_token", "");
    user.refresh_token = reply.json.value("refresh_token", "");
    return user;
}

} // namespace fc::test
