#pragma once
// A tus 1.0.0 client (core protocol + creation, creation-defer-length, termination, checksum) over
// HttpClient. Blocking: run it off the GUI thread. Files are streamed from disk chunk by chunk (never held in
// memory); each chunk is one PATCH carrying its own Upload-Checksum, so a corrupted chunk is re-sent alone.
// Network errors, 5xx, 409 and 460 answers re-query the offset and continue, up to max_retries in a row.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/transfer/http_client.h"
#include "core/util/result.h"

namespace fc::transfer {

enum class TusChecksum { Invalid = 0, None, Sha1, Sha256 };
// Whether the final PATCH must declare Upload-Length (the upload was created with Upload-Defer-Length: 1).
enum class TusLengthMode { Invalid = 0, Declared, DeclareWithLastChunk };

using TusMetadata = std::map<std::string, std::string>; // e.g. filename, title, visibility

struct TusCreated {
    std::string upload_url; // absolute
    std::string video_id;   // Framecast-Video-Id (empty from other tus servers)
    int64_t offset_bytes = 0;
};

struct TusOffset {
    int64_t offset_bytes = 0;
    std::optional<int64_t> length_bytes; // nullopt while the length is deferred
};

struct TusProgress {
    int64_t acknowledged_bytes = 0; // confirmed by the server (durable there)
    int64_t sent_bytes = 0;         // handed to the network, acknowledged or not
    int64_t total_bytes = 0;
};
using TusProgressCallback = std::function<void(const TusProgress&)>;

struct TusUploadOptions {
    int64_t chunk_size_bytes = 8LL << 20;
    TusChecksum checksum = TusChecksum::Sha256;
    TusLengthMode length_mode = TusLengthMode::Declared;
    TusProgressCallback on_progress;
    const std::atomic<bool>* cancel = nullptr; // set it to stop: the call returns error "cancelled"
    int max_retries = 3;                       // consecutive failures before giving up
    int64_t retry_delay_ms = 250;              // doubled on each consecutive retry
    int64_t request_timeout_ms = 10 * 60 * 1000;
    // Upload bandwidth cap in bytes per second (0 = none), read before each chunk so a changed limit applies
    // to the next one. While capped, chunks are cut to about two seconds of sending (at least 64 KiB), so a
    // pause or a dropped connection loses little: a checksummed chunk cut short is discarded by the server.
    const std::atomic<int64_t>* max_send_bytes_per_s = nullptr;
};

// The HTTP answer that made the last call fail, for callers that act on the status (401: refresh the session,
// 404/410: the upload is gone, 413: quota). http_status 0: the last call failed without an answer, or did not
// fail.
struct TusRefusal {
    int http_status = 0;
    std::string code;           // the error envelope's code ("quota_exceeded"), or "http_<status>"
    std::string server_message; // the envelope's message, written for people; may be empty
};

class TusClient {
public:
    explicit TusClient(std::string access_token = {}) : m_token(std::move(access_token)) {}

    // POST to the creation endpoint; nullopt length sends Upload-Defer-Length: 1. Setting *cancel stops the
    // wait for the answer (error "cancelled"), as it stops uploadFile: closing the app does not wait out a
    // server that does not answer.
    Result<TusCreated> create(const std::string& endpoint_url, std::optional<int64_t> length_bytes,
                              const TusMetadata& metadata, const std::atomic<bool>* cancel = nullptr);
    Result<TusOffset> queryOffset(const std::string& upload_url, const std::atomic<bool>* cancel = nullptr);
    // Sends path from start_offset to its end; returns the final offset.
    Result<int64_t> uploadFile(const std::string& upload_url, const std::string& path, int64_t start_offset,
                               const TusUploadOptions& options = {});
    // queryOffset + uploadFile (a deferred length is declared with the last chunk automatically).
    Result<int64_t> resume(const std::string& upload_url, const std::string& path,
                           TusUploadOptions options = {});
    Result<void> terminate(const std::string& upload_url);

    const TusRefusal& lastRefusal() const { return m_refusal; }

private:
    HeaderList baseHeaders() const;
    Error refused(const HttpReply& reply, const std::string& what); // records m_refusal
    std::string m_token;
    TusRefusal m_refusal;
    HttpClient m_http;
};

// "key base64(value),key2 base64(value2)".
std::string encodeTusMetadata(const TusMetadata& metadata);
// Location may be absolute, absolute-path ("/api/v1/uploads/x") or relative; resolved against the request
// URL.
std::string resolveUrl(const std::string& base_url, const std::string& location);

} // namespace fc::transfer
