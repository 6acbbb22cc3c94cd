#include "core/transfer/http_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <curl/curl.h>

namespace fc::transfer {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

struct CurlSlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct TransferState {
    const HttpCall* call = nullptr;
    HttpReply* reply = nullptr;
    size_t body_offset = 0;
};

size_t onWrite(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    state->reply->body.append(data, size * count);
    return size * count;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        state->reply->headers.clear(); // a new response (after 100 Continue or a redirect)
        return line.size();
    }
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos)
        state->reply->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                           std::string(trim(line.substr(colon + 1))));
    return line.size();
}

size_t onRead(char* buffer, size_t size, size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    const size_t capacity = size * count;
    if (state->call->body_reader)
        return state->call->body_reader(buffer, capacity);
    const size_t remaining = state->call->body.size() - state->body_offset;
    const size_t n = std::min(remaining, capacity);
    std::copy_n(state->call->body.data() + state->body_offset, n, buffer);
    state->body_offset += n;
    return n;
}

int onProgress(void* user, curl_off_t download_total, curl_off_t downloaded, curl_off_t,
               curl_off_t uploaded) {
    auto* state = static_cast<TransferState*>(user);
    if (state->call->on_progress && !state->call->on_progress(static_cast<int64_t>(uploaded)))
        return 1;
    if (state->call->on_download_progress &&
        !state->call->on_download_progress(static_cast<int64_t>(downloaded),
                                           static_cast<int64_t>(download_total)))
        return 1;
    return 0;
}

struct GlobalInit {
    GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

} // namespace

std::optional<std::string> HttpReply::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (equalsIgnoreCase(key, name))
            return value;
    return std::nullopt;
}

struct HttpClient::Impl {
    CURL* curl = nullptr;
};

HttpClient::HttpClient() : m_impl(std::make_unique<Impl>()) {
    static GlobalInit init;
    m_impl->curl = curl_easy_init();
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(m_impl->curl);
}

Result<HttpReply> HttpClient::perform(const HttpCall& call) {
    CURL* curl = m_impl->curl;
    curl_easy_reset(curl);
    HttpReply reply;
    TransferState state{&call, &reply, 0};

    std::unique_ptr<curl_slist, CurlSlistDeleter> headers;
    bool hasContentType = false;
    for (const auto& [name, value] : call.headers) {
        hasContentType = hasContentType || equalsIgnoreCase(name, "Content-Type");
        const std::string line = value.empty() ? name + ";" : name + ": " + value;
        headers.reset(curl_slist_append(headers.release(), line.c_str()));
    }
    const bool sendsBody = call.body_reader || !call.body.empty() || call.method == "POST" ||
                           call.method == "PATCH" || call.method == "PUT";
    if (sendsBody && !hasContentType)
        headers.reset(curl_slist_append(headers.release(), "Content-Type:")); // curl would add form encoding
    // libcurl waits a second for "100 Continue" on larger bodies; our server answers it, but skip the round
    // trip.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));

    curl_easy_setopt(curl, CURLOPT_URL, call.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (call.method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (call.max_send_bytes_per_s > 0)
        curl_easy_setopt(curl, CURLOPT_MAX_SEND_SPEED_LARGE,
                         static_cast<curl_off_t>(call.max_send_bytes_per_s));
    if (sendsBody) {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(curl, CURLOPT_READDATA, &state);
        const curl_off_t length =
            call.body_reader ? call.body_length : static_cast<curl_off_t>(call.body.size());
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, length);
        // CURLOPT_UPLOAD turns the method into PUT; CUSTOMREQUEST above puts ours back on the wire.
    }
    if (call.on_progress || call.on_download_progress) {
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
    }

    const auto started = std::chrono::steady_clock::now();
    const CURLcode rc = curl_easy_perform(curl);
    reply.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    if (rc == CURLE_OPERATION_TIMEDOUT)
        return makeError("timeout", "the request timed out");
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        return makeError("aborted", "the transfer was cancelled");
    if (rc != CURLE_OK)
        return makeError("network_error", curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_off_t ttfb_us = 0;
    if (curl_easy_getinfo(curl, CURLINFO_STARTTRANSFER_TIME_T, &ttfb_us) == CURLE_OK)
        reply.ttfb_ms = static_cast<int64_t>(ttfb_us / 1000);
    reply.status = static_cast<int>(status);
    return reply;
}

} // namespace fc::transfer
