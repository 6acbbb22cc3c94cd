#pragma once
// The server's own request/response types. Handlers see only these; Beast stays inside server/net/.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "server/http/mapped_file.h"

namespace fc::server {

enum class Method { Invalid = 0, Get, Head, Post, Put, Patch, Delete, Options };

Method parseMethod(std::string_view text);
std::string_view methodName(Method method);

// Case-insensitive header list that keeps order and duplicates.
class Headers {
public:
    std::optional<std::string_view> get(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value(); }
    void set(std::string name, std::string value); // replaces every existing value
    void add(std::string name, std::string value);
    void remove(std::string_view name);
    const std::vector<std::pair<std::string, std::string>>& all() const { return m_fields; }

private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

struct HttpRequest {
    Method method = Method::Invalid;
    std::string target; // as sent: path + query
    std::string path;   // percent-decoded path
    std::string query;  // raw query string, without '?'
    Headers headers;
    std::string body;
    std::string remote_ip;
    std::string request_id;

    std::optional<std::string> queryParam(std::string_view name) const; // percent-decoded
};

struct HttpResponse {
    int status = 200;
    Headers headers;
    std::string body;
    // Or, instead of body: a slice of a mapped file, sent from the mapping without a copy.
    std::optional<FileBody> file_body;
    // Close the connection after this response (the request body was not read, or the client asked).
    bool close_connection = false;

    uint64_t bodySize() const { return file_body ? file_body->length : body.size(); }

    static HttpResponse json(int status, const nlohmann::json& body);
    static HttpResponse noContent(int status = 204);
};

// The one error envelope: {"error":{"code","message"}}.
HttpResponse errorResponse(int status, std::string_view code, std::string_view message);

std::string percentDecode(std::string_view text, bool plus_as_space);

} // namespace fc::server
