#pragma once
// A blocking HTTP/1.1 client over one libcurl easy handle (the connection is reused between calls).
// Callers run it off the GUI thread; core/transfer's async queue and the tests build on it.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.h"

namespace fc::transfer {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpCall {
    std::string method = "GET";
    std::string url;
    HeaderList headers;
    std::string body;
    // Streamed request body instead of `body` (large uploads): fills the buffer, returns bytes written, 0 at
    // end.
    std::function<size_t(char* buffer, size_t capacity)> body_reader;
    int64_t body_length = -1; // with body_reader; -1 sends chunked
    int64_t timeout_ms = 30000;
    // Upload bandwidth cap for this call (CURLOPT_MAX_SEND_SPEED_LARGE); 0 = none.
    int64_t max_send_bytes_per_s = 0;
    // Called as bytes go out; return false to abort the transfer.
    std::function<bool(int64_t sent_bytes)> on_progress;
    // Called as response bytes arrive (and about every 100 ms while waiting); total is 0 when unknown. Return
    // false to abort the transfer ("aborted"): the player abandons or cancels segment downloads through it.
    std::function<bool(int64_t received_bytes, int64_t total_bytes)> on_download_progress;
};

struct HttpReply {
    int status = 0;
    HeaderList headers;
    std::string body;
    int64_t elapsed_ms = 0;
    int64_t ttfb_ms = 0; // request start to the first response byte (CURLINFO_STARTTRANSFER_TIME)

    std::optional<std::string> header(std::string_view name) const; // case-insensitive, first match
};

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Network failures are errors ("network_error", "timeout", "aborted"); any HTTP status is a reply.
    Result<HttpReply> perform(const HttpCall& call);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fc::transfer
