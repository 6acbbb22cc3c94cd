#include "server/uploads/upload_sink.h"

#include <nlohmann/json.hpp>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/store/database.h"
#include "server/uploads/upload_lifecycle.h"

namespace fc::server::uploads {
namespace {

constexpr int64_t kProgressIntervalMs = 250; // at most ~4 upload_progress events a second per upload

struct Failure {
    int status = 500;
    std::string code;
    std::string message;
};

Failure failureFor(const Error& error) {
    if (error.code == "storage_full")
        return {507, error.code, error.message};
    if (error.code == "upload_not_receiving")
        return {410, "upload_expired", "the upload expired or was terminated while data arrived"};
    return {500, error.code.empty() ? "internal_error" : error.code, error.message};
}

Failure limitFailure(const WriteLimit& limit) {
    const std::string bytes = std::to_string(limit.max_offset_bytes);
    switch (limit.reason) {
    case LimitReason::MaxSize:
        return {413, "upload_too_large", "uploads may be at most " + bytes + " bytes"};
    case LimitReason::Quota:
        return {413, "quota_exceeded", "this upload would exceed your storage quota"};
    case LimitReason::Length:
    case LimitReason::Invalid:
        break;
    }
    return {400, "upload_length_exceeded", "the body goes past the upload's length of " + bytes + " bytes"};
}

class UploadSink : public BodySink {
public:
    UploadSink(ServerContext& server, UploadSinkSetup setup)
        : m_server(server), m_setup(std::move(setup)), m_offset(m_setup.upload.offset_bytes),
          m_committed(m_setup.upload.offset_bytes) {
        if (m_setup.checksum)
            m_digest.emplace(m_setup.checksum->algorithm);
        // Short PATCHes report once, at their end; long ones also every kProgressIntervalMs in between.
        m_lastProgressMs = steadyMillisNow();
    }

    Result<void> write(std::string_view chunk) override {
        if (m_failure)
            return makeError(m_failure->code, m_failure->message);
        if (m_offset + static_cast<int64_t>(chunk.size()) > m_setup.limit.max_offset_bytes)
            return fail(limitFailure(m_setup.limit));
        if (auto written = m_setup.file.writeAt(m_offset, chunk); !written)
            return fail(failureFor(written.error()));
        if (m_digest)
            m_digest->update(chunk);
        m_offset += static_cast<int64_t>(chunk.size());
        m_server.metrics.add("framecast_upload_bytes_received_total", "Upload body bytes written to disk.",
                             static_cast<double>(chunk.size()));
        // With a checksum nothing may be kept before the digest is checked, so no checkpoints then.
        if (!m_digest && m_offset - m_committed >= m_server.config.upload_checkpoint_bytes)
            if (auto saved = makeDurable(); !saved)
                return fail(failureFor(saved.error()));
        maybePublishProgress();
        return {};
    }

    HttpResponse finish(BodyEnd end) override {
        HttpResponse response = end == BodyEnd::ConnectionLost ? keepWhatArrived() : conclude();
        publishUploadProgress(m_server, m_setup.upload.video_id, m_committed, m_setup.upload.length_bytes);
        m_setup.lock.release();
        return response;
    }

private:
    Result<void> fail(Failure failure) {
        m_failure = std::move(failure);
        return makeError(m_failure->code, m_failure->message);
    }

    // fdatasync, then the offset in the database: only then does the offset count as acknowledged.
    Result<void> makeDurable() {
        if (m_offset == m_committed)
            return {};
        if (auto synced = m_setup.file.sync(); !synced)
            return synced;
        const int64_t now = unixMillisNow();
        const int64_t expires = expiryFrom(m_server, now);
        auto committed = m_server.database.write([&](store::Connection& db) {
            return commitOffset(db, m_setup.upload.id, m_offset, expires, now);
        });
        if (!committed)
            return committed.error();
        if (!*committed)
            return makeError("upload_not_receiving", "the upload is no longer receiving data");
        m_committed = m_offset;
        m_setup.upload.offset_bytes = m_offset;
        m_setup.upload.expires_at_ms = expires;
        return {};
    }

    // Puts the file back to the last acknowledged offset (a refused or unverifiable body leaves no trace).
    void rollBack() {
        if (m_offset == m_committed)
            return;
        if (auto cut = m_setup.file.truncate(m_committed); cut)
            (void)m_setup.file.sync();
        // On failure the next open truncates to the stored offset anyway.
        m_offset = m_committed;
    }

    HttpResponse keepWhatArrived() {
        // tus: "store as much of the received data as possible" - unless a checksum can no longer be
        // verified.
        if (m_digest || m_failure) {
            rollBack();
        } else if (auto saved = makeDurable(); !saved) {
            logWarn("uploads: " + m_setup.upload.id +
                    ": could not keep bytes after a dropped connection: " + saved.error().message);
            rollBack();
        }
        logInfo("uploads: " + m_setup.upload.id + ": connection lost; offset now " +
                std::to_string(m_committed));
        return answer(tusError(400, "connection_lost", "the request body did not arrive completely"));
    }

    HttpResponse conclude() {
        if (m_failure) {
            rollBack();
            return answer(tusError(m_failure->status, m_failure->code, m_failure->message));
        }
        if (m_digest && !constantTimeEquals(m_digest->finishRaw(), m_setup.checksum->expected_raw)) {
            rollBack();
            m_server.metrics.add("framecast_upload_checksum_mismatches_total",
                                 "PATCH bodies refused with 460.");
            return answer(tusError(kStatusChecksumMismatch, "checksum_mismatch",
                                   "the body does not match its Upload-Checksum; nothing was stored"));
        }
        if (auto saved = makeDurable(); !saved) {
            const Failure failure = failureFor(saved.error());
            rollBack();
            return answer(tusError(failure.status, failure.code, failure.message));
        }
        const UploadRecord& upload = m_setup.upload;
        if (upload.state == UploadState::Receiving && upload.length_bytes &&
            m_committed == *upload.length_bytes) {
            if (auto completed = completeUpload(m_server, upload); !completed) {
                const Failure failure = failureFor(completed.error());
                return answer(tusError(failure.status, failure.code, failure.message));
            }
            m_setup.upload.state = UploadState::Complete;
        }
        if (m_setup.mode == SinkMode::Creation)
            return creationResponse(m_setup.upload, true);
        HttpResponse response = HttpResponse::noContent();
        addUploadStateHeaders(response, m_setup.upload);
        return response;
    }

    // Error answers to a creation still tell the client where its upload lives, so it can resume.
    HttpResponse answer(HttpResponse response) const {
        if (m_setup.mode == SinkMode::Creation) {
            response.headers.set("Location", uploadLocation(m_setup.upload.id));
            response.headers.set("Framecast-Video-Id", m_setup.upload.video_id);
        }
        response.headers.set("Upload-Offset", std::to_string(m_committed));
        return response;
    }

    void maybePublishProgress() {
        const int64_t now = steadyMillisNow();
        if (now - m_lastProgressMs < kProgressIntervalMs)
            return;
        m_lastProgressMs = now;
        publishUploadProgress(m_server, m_setup.upload.video_id, m_offset, m_setup.upload.length_bytes);
    }

    ServerContext& m_server;
    UploadSinkSetup m_setup;
    std::optional<Digest> m_digest;
    std::optional<Failure> m_failure;
    int64_t m_offset = 0;    // bytes in the file (written, maybe not yet durable)
    int64_t m_committed = 0; // durable and stored in the database
    int64_t m_lastProgressMs = 0;
};

} // namespace

std::unique_ptr<BodySink> makeUploadSink(ServerContext& server, UploadSinkSetup setup) {
    return std::make_unique<UploadSink>(server, std::move(setup));
}

HttpResponse limitExceededResponse(const WriteLimit& limit) {
    const Failure failure = limitFailure(limit);
    return tusError(failure.status, failure.code, failure.message);
}

void addUploadStateHeaders(HttpResponse& response, const UploadRecord& upload) {
    response.headers.set("Upload-Offset", std::to_string(upload.offset_bytes));
    if (upload.length_bytes)
        response.headers.set("Upload-Length", std::to_string(*upload.length_bytes));
    else
        response.headers.set("Upload-Defer-Length", "1");
    if (upload.state == UploadState::Receiving)
        response.headers.set("Upload-Expires", toHttpDate(upload.expires_at_ms));
    response.headers.set("Tus-Resumable", std::string(kTusVersion));
}

std::string uploadLocation(const std::string& upload_id) {
    return "/api/v1/uploads/" + upload_id;
}

HttpResponse creationResponse(const UploadRecord& upload, bool with_offset) {
    nlohmann::json body = {{"upload_id", upload.id},
                           {"video_id", upload.video_id},
                           {"upload_url", uploadLocation(upload.id)},
                           {"offset_bytes", upload.offset_bytes},
                           {"length_bytes", nullptr},
                           {"expires_at", toRfc3339(upload.expires_at_ms)}};
    if (upload.length_bytes)
        body["length_bytes"] = *upload.length_bytes;
    HttpResponse response = withTus(HttpResponse::json(201, body));
    response.headers.set("Location", uploadLocation(upload.id));
    response.headers.set("Framecast-Video-Id", upload.video_id);
    if (upload.state == UploadState::Receiving)
        response.headers.set("Upload-Expires", toHttpDate(upload.expires_at_ms));
    if (with_offset)
        response.headers.set("Upload-Offset", std::to_string(upload.offset_bytes));
    return response;
}

} // namespace fc::server::uploads
