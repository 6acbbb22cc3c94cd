#include "core/transfer/tus_client.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/base64.h"
#include "core/util/hashing.h"

namespace fc::transfer {
namespace {

constexpr const char* kTusVersion = "1.0.0";
constexpr size_t kReadBlockBytes = 1 << 20;
constexpr int64_t kLimitedChunkSeconds = 2;
constexpr int64_t kMinLimitedChunkBytes = 64 * 1024;

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::optional<int64_t> parseCount(const std::optional<std::string>& text) {
    if (!text || text->empty() || text->size() > 18)
        return std::nullopt;
    int64_t value = 0;
    for (char c : *text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// The server's error envelope code and message when there is one.
TusRefusal refusalOf(const HttpReply& reply) {
    TusRefusal refusal{reply.status, "http_" + std::to_string(reply.status), {}};
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
        refusal.code = body["error"].value("code", refusal.code);
        refusal.server_message = body["error"].value("message", std::string());
    }
    return refusal;
}

int64_t sendLimit(const TusUploadOptions& options) {
    return options.max_send_bytes_per_s ? std::max<int64_t>(0, options.max_send_bytes_per_s->load()) : 0;
}

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load();
}

// A request that gives up its wait for the answer once *cancel is set (curl polls about every 100 ms).
void stopWhenCancelled(HttpCall& call, const std::atomic<bool>* cancel) {
    if (cancel)
        call.on_download_progress = [cancel](int64_t, int64_t) { return !cancel->load(); };
}

Error cancelledError() {
    return makeError("cancelled", "the upload was cancelled");
}

// Sleeps, waking early when cancelled; false when cancelled.
bool pause(const TusUploadOptions& options, int64_t delay_ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms);
    while (std::chrono::steady_clock::now() < until) {
        if (cancelled(options.cancel))
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !cancelled(options.cancel);
}

// The digest header of bytes [offset, offset + size) of file, read in blocks.
Result<std::string> chunkChecksum(std::FILE* file, int64_t offset, int64_t size, TusChecksum checksum) {
    const DigestAlgorithm algorithm =
        checksum == TusChecksum::Sha1 ? DigestAlgorithm::Sha1 : DigestAlgorithm::Sha256;
    Digest digest(algorithm);
    if (fseeko(file, static_cast<off_t>(offset), SEEK_SET) != 0)
        return makeError("file_unreadable", "cannot seek in the file");
    std::vector<char> block(kReadBlockBytes);
    int64_t left = size;
    while (left > 0) {
        const size_t want = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(block.size())));
        const size_t got = std::fread(block.data(), 1, want, file);
        if (got == 0)
            return makeError("file_unreadable", "the file ended early or could not be read");
        digest.update(std::string_view(block.data(), got));
        left -= static_cast<int64_t>(got);
    }
    return std::string(checksum == TusChecksum::Sha1 ? "sha1 " : "sha256 ") +
           base64Encode(digest.finishRaw());
}

} // namespace

std::string encodeTusMetadata(const TusMetadata& metadata) {
    std::string out;
    for (const auto& [key, value] : metadata) {
        if (!out.empty())
            out += ',';
        out += key;
        if (!value.empty())
            out += ' ' + base64Encode(value);
    }
    return out;
}

std::string resolveUrl(const std::string& base_url, const std::string& location) {
    if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0)
        return location;
    const size_t scheme = base_url.find("://");
    const size_t pathStart = scheme == std::string::npos ? std::string::npos : base_url.find('/', scheme + 3);
    const std::string origin = pathStart == std::string::npos ? base_url : base_url.substr(0, pathStart);
    if (!location.empty() && location.front() == '/')
        return origin + location;
    std::string base = base_url.substr(0, base_url.find_first_of("?#"));
    if (base.empty())
        return location;
    if (base.size() > origin.size() && base.back() != '/')
        base = base.substr(0, base.rfind('/') + 1);
    else if (base.back() != '/')
        base += '/';
    return base + location;
}

Error TusClient::refused(const HttpReply& reply, const std::string& what) {
    m_refusal = refusalOf(reply);
    std::string message = what + ": the server answered " + std::to_string(reply.status);
    if (!m_refusal.server_message.empty())
        message += " (" + m_refusal.server_message + ")";
    return makeError(m_refusal.code, message);
}

HeaderList TusClient::baseHeaders() const {
    HeaderList headers = {{"Tus-Resumable", kTusVersion}};
    if (!m_token.empty())
        headers.emplace_back("Authorization", "Bearer " + m_token);
    return headers;
}

Result<TusCreated> TusClient::create(const std::string& endpoint_url, std::optional<int64_t> length_bytes,
                                     const TusMetadata& metadata, const std::atomic<bool>* cancel) {
    m_refusal = {};
    HttpCall call;
    stopWhenCancelled(call, cancel);
    call.method = "POST";
    call.url = endpoint_url;
    call.headers = baseHeaders();
    if (length_bytes)
        call.headers.emplace_back("Upload-Length", std::to_string(*length_bytes));
    else
        call.headers.emplace_back("Upload-Defer-Length", "1");
    if (!metadata.empty())
        call.headers.emplace_back("Upload-Metadata", encodeTusMetadata(metadata));
    auto reply = m_http.perform(call);
    if (!reply)
        return cancelled(cancel) ? cancelledError() : reply.error();
    if (reply->status != 201)
        return refused(*reply, "creating the upload failed");
    const auto location = reply->header("Location");
    if (!location || location->empty())
        return makeError("protocol_error", "the server created an upload but sent no Location");
    TusCreated created;
    created.upload_url = resolveUrl(endpoint_url, *location);
    created.video_id = reply->header("Framecast-Video-Id").value_or("");
    created.offset_bytes = parseCount(reply->header("Upload-Offset")).value_or(0);
    return created;
}

Result<TusOffset> TusClient::queryOffset(const std::string& upload_url, const std::atomic<bool>* cancel) {
    m_refusal = {};
    HttpCall call;
    stopWhenCancelled(call, cancel);
    call.method = "HEAD";
    call.url = upload_url;
    call.headers = baseHeaders();
    auto reply = m_http.perform(call);
    if (!reply)
        return cancelled(cancel) ? cancelledError() : reply.error();
    if (reply->status != 200)
        return refused(*reply, "asking for the upload's offset failed");
    TusOffset offset;
    const auto value = parseCount(reply->header("Upload-Offset"));
    if (!value)
        return makeError("protocol_error", "the server's HEAD answer has no Upload-Offset");
    offset.offset_bytes = *value;
    offset.length_bytes = parseCount(reply->header("Upload-Length"));
    return offset;
}

Result<int64_t> TusClient::uploadFile(const std::string& upload_url, const std::string& path,
                                      int64_t start_offset, const TusUploadOptions& options) {
    m_refusal = {};
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file)
        return makeError("file_unreadable", "cannot open " + path);
    if (fseeko(file.get(), 0, SEEK_END) != 0)
        return makeError("file_unreadable", "cannot seek in " + path);
    const int64_t total = static_cast<int64_t>(ftello(file.get()));
    if (start_offset < 0 || start_offset > total)
        return makeError("invalid_offset", "the upload's offset lies outside the file");
    const int64_t chunkSize = std::max<int64_t>(1, options.chunk_size_bytes);

    int64_t offset = start_offset;
    bool lengthDeclared = options.length_mode != TusLengthMode::DeclareWithLastChunk;
    int failures = 0;
    auto report = [&](int64_t sent) {
        if (options.on_progress)
            options.on_progress(TusProgress{offset, sent, total});
    };
    report(offset);

    while (offset < total || !lengthDeclared) {
        if (cancelled(options.cancel))
            return cancelledError();
        const int64_t limit = sendLimit(options);
        const int64_t size = std::min(
            limit > 0 ? std::min(chunkSize, std::max(kMinLimitedChunkBytes, limit * kLimitedChunkSeconds))
                      : chunkSize,
            total - offset);
        const bool last = offset + size == total;

        HttpCall call;
        call.method = "PATCH";
        call.url = upload_url;
        call.timeout_ms = options.request_timeout_ms;
        call.max_send_bytes_per_s = limit;
        call.headers = baseHeaders();
        call.headers.emplace_back("Content-Type", "application/offset+octet-stream");
        call.headers.emplace_back("Upload-Offset", std::to_string(offset));
        if (last && !lengthDeclared)
            call.headers.emplace_back("Upload-Length", std::to_string(total));
        if (options.checksum == TusChecksum::Sha1 || options.checksum == TusChecksum::Sha256) {
            auto checksum = chunkChecksum(file.get(), offset, size, options.checksum);
            if (!checksum)
                return checksum.error();
            call.headers.emplace_back("Upload-Checksum", *checksum);
        }
        if (fseeko(file.get(), static_cast<off_t>(offset), SEEK_SET) != 0)
            return makeError("file_unreadable", "cannot seek in " + path);
        int64_t left = size;
        call.body_length = size;
        call.body_reader = [&](char* buffer, size_t capacity) -> size_t {
            const size_t want = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(capacity)));
            const size_t got = want == 0 ? 0 : std::fread(buffer, 1, want, file.get());
            left -= static_cast<int64_t>(got);
            return got;
        };
        const int64_t chunkStart = offset;
        call.on_progress = [&](int64_t sent_bytes) {
            if (cancelled(options.cancel))
                return false;
            report(chunkStart + sent_bytes);
            return true;
        };

        auto reply = m_http.perform(call);
        if (cancelled(options.cancel))
            return cancelledError();
        Error failure;
        if (reply && reply->status == 204) {
            const auto acknowledged = parseCount(reply->header("Upload-Offset"));
            if (!acknowledged || *acknowledged < offset || *acknowledged > total)
                return makeError("protocol_error", "the server's PATCH answer has no usable Upload-Offset");
            const bool progressed = *acknowledged > offset || size == 0;
            offset = *acknowledged;
            if (last && *acknowledged == total)
                lengthDeclared = true;
            report(offset);
            if (progressed) {
                failures = 0;
                continue;
            }
            // Accepted nothing: count it like a failure, so a server that never advances cannot loop us
            // forever.
            failure = makeError("no_progress", "the server acknowledged none of the bytes sent");
            m_refusal = {};
        } else if (!reply) {
            failure = reply.error();
            m_refusal = {};
        } else {
            failure = refused(*reply, "sending bytes failed");
            // Worth retrying: a stale offset (409), a damaged chunk (460), a server in trouble (5xx).
            const bool transient = reply->status == 409 || reply->status == 460 || reply->status >= 500;
            if (!transient)
                return failure;
        }
        if (++failures > options.max_retries)
            return failure;
        if (!pause(options, options.retry_delay_ms << (failures - 1)))
            return cancelledError();
        auto current = queryOffset(upload_url, options.cancel);
        if (!current) {
            if (current.error().code == "network_error" || current.error().code == "timeout" ||
                current.error().code.rfind("http_5", 0) == 0)
                continue; // counted with the next attempt
            return current.error();
        }
        offset = current->offset_bytes;
        if (current->length_bytes)
            lengthDeclared = true;
        if (offset > total)
            return makeError("protocol_error", "the server holds more bytes than the file has");
    }
    return offset;
}

Result<int64_t> TusClient::resume(const std::string& upload_url, const std::string& path,
                                  TusUploadOptions options) {
    auto current = queryOffset(upload_url, options.cancel);
    if (!current)
        return current.error();
    options.length_mode =
        current->length_bytes ? TusLengthMode::Declared : TusLengthMode::DeclareWithLastChunk;
    return uploadFile(upload_url, path, current->offset_bytes, options);
}

Result<void> TusClient::terminate(const std::string& upload_url) {
    m_refusal = {};
    HttpCall call;
    call.method = "DELETE";
    call.url = upload_url;
    call.headers = baseHeaders();
    auto reply = m_http.perform(call);
    if (!reply)
        return reply.error();
    if (reply->status != 204)
        return refused(*reply, "terminating the upload failed");
    return {};
}

} // namespace fc::transfer
