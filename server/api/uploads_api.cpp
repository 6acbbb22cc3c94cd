// tus 1.0.0 resumable uploads (core protocol + creation, creation-with-upload, creation-defer-length,
// termination, checksum, expiration):
//   OPTIONS /api/v1/uploads[/:id]  discovery, no auth
//   POST    /api/v1/uploads        create (+ the first bytes), rate-limit group "uploads" (10/hour/user)
//   HEAD    /api/v1/uploads/:id    offset and length
//   PATCH   /api/v1/uploads/:id    append bytes at Upload-Offset
//   DELETE  /api/v1/uploads/:id    terminate
//   POST    /api/v1/uploads/:id    with X-HTTP-Method-Override: PATCH | DELETE | HEAD (tus core)
// All but creation are in rate-limit group "upload_data", unlimited unless --rate-limits names it: a resuming
// client sends many requests and must not be throttled mid-file. Only the uploader sees an upload.
#include "server/api/routes.h"

#include <algorithm>
#include <chrono>
#include <variant>

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/http/request_context.h"
#include "server/store/database.h"
#include "server/uploads/part_file.h"
#include "server/uploads/tus_headers.h"
#include "server/uploads/upload_lifecycle.h"
#include "server/uploads/upload_locks.h"
#include "server/uploads/upload_metadata.h"
#include "server/uploads/upload_repository.h"
#include "server/uploads/upload_sink.h"

namespace fc::server::api {
namespace {

using namespace fc::server::uploads;

constexpr auto kTerminateWait = std::chrono::milliseconds(3000);

std::string trimmed(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

HttpResponse invalid(std::string_view code, std::string_view message) {
    return tusError(400, code, message);
}

HttpResponse internalError(const Error& error) {
    logError("uploads: " + error.code + ": " + error.message);
    return tusError(500, "internal_error", "the server could not handle the upload");
}

// The upload named in the path if the caller may touch it; else the answer (404 for others' and terminated
// uploads, 410 for expired ones).
std::variant<UploadRecord, HttpResponse> loadOwnUpload(RequestContext& ctx) {
    auto found =
        ctx.server.database.read([&](store::Connection& db) { return findUpload(db, ctx.param("id")); });
    if (!found)
        return internalError(found.error());
    if (!*found || (*found)->user_id != ctx.user->id || (*found)->state == UploadState::Terminated)
        return tusError(404, "upload_not_found", "no such upload");
    if ((*found)->isExpiredAt(unixMillisNow()))
        return tusError(410, "upload_expired", "the upload expired; start a new one");
    return std::move(**found);
}

// How far this upload may grow: its length, or for a deferred length the server maximum or the quota.
Result<WriteLimit> writeLimitFor(RequestContext& ctx, const UploadRecord& upload) {
    if (upload.length_bytes)
        return WriteLimit{*upload.length_bytes, LimitReason::Length};
    auto usage = ctx.server.database.read([&](store::Connection& db) {
        return storageUsage(db, upload.user_id, ctx.server.config.default_quota_bytes, upload.id);
    });
    if (!usage)
        return usage.error();
    const int64_t maximum = ctx.server.config.max_upload_bytes;
    if (usage->remainingBytes() < maximum)
        return WriteLimit{std::max<int64_t>(0, usage->remainingBytes()), LimitReason::Quota};
    return WriteLimit{maximum, LimitReason::MaxSize};
}

HttpResponse discovery(RequestContext& ctx) {
    HttpResponse response = withTus(HttpResponse::noContent());
    response.headers.set("Tus-Version", std::string(kTusVersion));
    response.headers.set("Tus-Max-Size", std::to_string(ctx.server.config.max_upload_bytes));
    response.headers.set("Tus-Extension", std::string(kTusExtensions));
    response.headers.set("Tus-Checksum-Algorithm", std::string(kTusChecksumAlgorithms));
    return response;
}

StreamOpenResult createUpload(RequestContext& ctx) {
    const HttpRequest& request = ctx.request;
    if (auto refused = requireTusResumable(request))
        return std::move(*refused);
    const auto lengthHeader = request.headers.get("Upload-Length");
    const auto deferHeader = request.headers.get("Upload-Defer-Length");
    if (lengthHeader.has_value() == deferHeader.has_value())
        return invalid("invalid_upload_length", "send either Upload-Length or Upload-Defer-Length: 1");
    std::optional<int64_t> length;
    if (lengthHeader) {
        length = parseByteCount(*lengthHeader);
        if (!length)
            return invalid("invalid_upload_length", "Upload-Length must be a non-negative whole number");
        if (*length > ctx.server.config.max_upload_bytes)
            return limitExceededResponse({ctx.server.config.max_upload_bytes, LimitReason::MaxSize});
    } else if (trimmed(std::string(*deferHeader)) != "1") {
        return invalid("invalid_upload_length", "Upload-Defer-Length must be 1");
    }

    const std::string metadataHeader(request.headers.get("Upload-Metadata").value_or(""));
    auto metadata = parseUploadMetadata(metadataHeader);
    if (!metadata)
        return invalid(metadata.error().code, metadata.error().message);
    auto fields = videoFieldsFromMetadata(*metadata);
    if (!fields)
        return invalid(fields.error().code, fields.error().message);
    NewUpload upload = std::move(fields).value();

    // creation-with-upload: a body must be the upload's first bytes.
    const bool withBody = mayHaveBody(request);
    const bool offsetStream = hasOffsetStreamType(request);
    if (withBody && !offsetStream)
        return tusError(415, "unsupported_media_type",
                        "upload bytes must be sent as application/offset+octet-stream");
    auto checksum = parseUploadChecksum(request);
    if (!checksum)
        return invalid(checksum.error().code, checksum.error().message);
    const auto bodyLength = declaredBodyLength(request);
    if (withBody && length && bodyLength && *bodyLength > *length)
        return limitExceededResponse({*length, LimitReason::Length});

    const int64_t now = unixMillisNow();
    upload.user_id = ctx.user->id;
    upload.length_bytes = length;
    upload.metadata = metadataHeader;
    upload.expires_at_ms = expiryFrom(ctx.server, now);
    auto created = ctx.server.database.write([&](store::Connection& db) -> Result<CreatedUpload> {
        // Checked in the write transaction, so two creations at once cannot both squeeze under the quota.
        auto usage = storageUsage(db, upload.user_id, ctx.server.config.default_quota_bytes);
        if (!usage)
            return usage.error();
        if (usage->remainingBytes() < length.value_or(1))
            return makeError("quota_exceeded", "this upload would exceed your storage quota of " +
                                                   std::to_string(usage->quota_bytes) + " bytes (" +
                                                   std::to_string(usage->used_bytes) + " used)");
        return insertUploadWithVideo(db, upload, now);
    });
    if (!created) {
        if (created.error().code == "quota_exceeded")
            return tusError(413, created.error().code, created.error().message);
        if (created.error().code == "channel_missing")
            return tusError(409, created.error().code, created.error().message);
        return internalError(created.error());
    }
    const std::string part = partPath(ctx.server.config, created->upload_id);
    if (auto file = createEmptyPart(part); !file)
        logWarn("uploads: " + created->upload_id + ": part file not created yet (made on first write)");
    ctx.server.metrics.add("framecast_uploads_created_total", "Uploads created (tus POST).");
    logInfo("uploads: " + created->upload_id + " created by " + ctx.user->id + " for video " +
            created->video_id + (length ? " (" + std::to_string(*length) + " bytes)" : " (length deferred)"));

    UploadRecord record;
    record.id = created->upload_id;
    record.video_id = created->video_id;
    record.user_id = upload.user_id;
    record.length_bytes = length;
    record.metadata = metadataHeader;
    record.state = UploadState::Receiving;
    record.expires_at_ms = upload.expires_at_ms;
    record.created_at_ms = now;

    if (!withBody) {
        if (length && *length == 0) {
            if (auto completed = completeUpload(ctx.server, record); !completed)
                return internalError(completed.error());
            record.state = UploadState::Complete;
        }
        return creationResponse(record, offsetStream);
    }
    auto file = PartFile::open(part, PartOpen::CreateIfMissing);
    if (!file)
        return internalError(file.error());
    auto limit = writeLimitFor(ctx, record);
    if (!limit)
        return internalError(limit.error());
    auto lock = uploadLocks().tryLock(record.id); // brand new: nobody else knows the id, so it is free
    if (!lock)
        return internalError(makeError("upload_locked", "a brand-new upload was locked"));
    if (bodyLength && *bodyLength > limit->max_offset_bytes) {
        HttpResponse refused = limitExceededResponse(*limit);
        refused.headers.set("Location", uploadLocation(record.id));
        refused.headers.set("Framecast-Video-Id", record.video_id);
        return refused;
    }
    return makeUploadSink(ctx.server,
                          UploadSinkSetup{std::move(record), std::move(*lock), std::move(file).value(),
                                          std::move(*checksum), *limit, SinkMode::Creation});
}

HttpResponse headUpload(RequestContext& ctx) {
    if (auto refused = requireTusResumable(ctx.request))
        return std::move(*refused);
    auto loaded = loadOwnUpload(ctx);
    if (auto* refused = std::get_if<HttpResponse>(&loaded))
        return std::move(*refused);
    UploadRecord upload = std::get<UploadRecord>(std::move(loaded));
    // A PATCH in flight holds the lock and its file is legitimately ahead of the stored offset; leave it
    // alone.
    if (auto lock = uploadLocks().tryLock(upload.id)) {
        auto reconciled = reconcilePartFile(ctx.server, std::move(upload));
        if (!reconciled)
            return internalError(reconciled.error());
        upload = std::move(reconciled).value();
    }
    HttpResponse response = HttpResponse::noContent(200);
    addUploadStateHeaders(response, upload);
    if (!upload.metadata.empty())
        response.headers.set("Upload-Metadata", upload.metadata);
    response.headers.set("Framecast-Video-Id", upload.video_id);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

StreamOpenResult patchUpload(RequestContext& ctx) {
    const HttpRequest& request = ctx.request;
    if (auto refused = requireTusResumable(request))
        return std::move(*refused);
    if (!hasOffsetStreamType(request))
        return tusError(415, "unsupported_media_type",
                        "PATCH bodies must be application/offset+octet-stream");
    const auto offsetHeader = request.headers.get("Upload-Offset");
    const auto offset = offsetHeader ? parseByteCount(*offsetHeader) : std::nullopt;
    if (!offset)
        return invalid("invalid_upload_offset", "Upload-Offset must be given as a non-negative whole number");
    auto checksum = parseUploadChecksum(request);
    if (!checksum)
        return invalid(checksum.error().code, checksum.error().message);
    std::optional<int64_t> newLength;
    if (const auto lengthHeader = request.headers.get("Upload-Length")) {
        newLength = parseByteCount(*lengthHeader);
        if (!newLength)
            return invalid("invalid_upload_length", "Upload-Length must be a non-negative whole number");
    }

    if (auto loaded = loadOwnUpload(ctx); std::holds_alternative<HttpResponse>(loaded))
        return std::get<HttpResponse>(std::move(loaded));
    auto lock = uploadLocks().tryLock(ctx.param("id"));
    if (!lock)
        return tusError(409, "upload_locked",
                        "another request is writing to this upload; retry when it is done");
    auto loaded = loadOwnUpload(ctx); // again, now that nobody else can change it
    if (auto* refused = std::get_if<HttpResponse>(&loaded))
        return std::move(*refused);
    auto reconciled = reconcilePartFile(ctx.server, std::get<UploadRecord>(std::move(loaded)));
    if (!reconciled)
        return internalError(reconciled.error());
    UploadRecord upload = std::move(reconciled).value();

    if (*offset != upload.offset_bytes) {
        HttpResponse conflict = tusError(409, "offset_mismatch",
                                         "Upload-Offset is " + std::to_string(*offset) +
                                             " but the upload is at " + std::to_string(upload.offset_bytes));
        conflict.headers.set("Upload-Offset", std::to_string(upload.offset_bytes));
        return conflict;
    }
    if (newLength && upload.length_bytes && *newLength != *upload.length_bytes)
        return invalid("invalid_upload_length", "the upload's length is " +
                                                    std::to_string(*upload.length_bytes) +
                                                    " and cannot change");
    if (newLength && !upload.length_bytes) {
        if (*newLength < upload.offset_bytes)
            return invalid("invalid_upload_length",
                           "Upload-Length is smaller than the bytes already received");
        if (*newLength > ctx.server.config.max_upload_bytes)
            return limitExceededResponse({ctx.server.config.max_upload_bytes, LimitReason::MaxSize});
        auto set = ctx.server.database.write([&](store::Connection& db) -> Result<bool> {
            auto usage = storageUsage(db, upload.user_id, ctx.server.config.default_quota_bytes, upload.id);
            if (!usage)
                return usage.error();
            if (usage->remainingBytes() < *newLength)
                return makeError("quota_exceeded", "this upload would exceed your storage quota");
            return setDeferredLength(db, upload.id, *newLength, unixMillisNow());
        });
        if (!set && set.error().code == "quota_exceeded")
            return tusError(413, set.error().code, set.error().message);
        if (!set)
            return internalError(set.error());
        upload.length_bytes = newLength;
    }
    if (upload.state == UploadState::Complete) {
        if (mayHaveBody(request))
            return limitExceededResponse({upload.offset_bytes, LimitReason::Length});
        HttpResponse done = HttpResponse::noContent();
        addUploadStateHeaders(done, upload);
        return done;
    }

    auto limit = writeLimitFor(ctx, upload);
    if (!limit)
        return internalError(limit.error());
    if (const auto bodyLength = declaredBodyLength(request);
        bodyLength && upload.offset_bytes + *bodyLength > limit->max_offset_bytes)
        return limitExceededResponse(*limit);
    auto file = PartFile::open(partPath(ctx.server.config, upload.id), PartOpen::CreateIfMissing);
    if (!file)
        return internalError(file.error());
    return makeUploadSink(ctx.server,
                          UploadSinkSetup{std::move(upload), std::move(*lock), std::move(file).value(),
                                          std::move(*checksum), *limit, SinkMode::Patch});
}

HttpResponse deleteUpload(RequestContext& ctx) {
    if (auto refused = requireTusResumable(ctx.request))
        return std::move(*refused);
    if (auto loaded = loadOwnUpload(ctx); std::holds_alternative<HttpResponse>(loaded))
        return std::get<HttpResponse>(std::move(loaded));
    // A client that just aborted its PATCH terminates at once; give that PATCH a moment to wind down.
    auto attempt = uploadLocks().lockWithin(ctx.param("id"), kTerminateWait);
    if (!attempt.lock) {
        HttpResponse busy =
            tusError(409, "upload_locked", "the upload is being written to; retry when that request is done");
        busy.headers.set("Retry-After", "1");
        return busy;
    }
    auto loaded = loadOwnUpload(ctx);
    if (auto* refused = std::get_if<HttpResponse>(&loaded))
        return std::move(*refused);
    auto terminated = terminateUpload(ctx.server, std::get<UploadRecord>(loaded));
    if (!terminated)
        return internalError(terminated.error());
    if (!*terminated)
        return tusError(404, "upload_not_found", "no such upload");
    return withTus(HttpResponse::noContent());
}

// tus core: X-HTTP-Method-Override for clients that cannot send PATCH, DELETE or HEAD.
StreamOpenResult overriddenMethod(RequestContext& ctx) {
    const std::string method(ctx.request.headers.get("X-HTTP-Method-Override").value_or(""));
    if (method == "PATCH")
        return patchUpload(ctx);
    if (method == "DELETE")
        return deleteUpload(ctx);
    if (method == "HEAD") {
        HttpResponse response = headUpload(ctx);
        response.body.clear();
        return response;
    }
    HttpResponse refused = tusError(405, "method_not_allowed",
                                    "POST on an upload needs X-HTTP-Method-Override: PATCH, DELETE or HEAD");
    refused.headers.set("Allow", "HEAD, PATCH, DELETE, OPTIONS, POST");
    return refused;
}

} // namespace

void registerUploadRoutes(Router& router, ServerContext&) {
    const RouteOptions data{.group = "upload_data", .auth = AuthPolicy::Required};
    router.add(Method::Options, "/api/v1/uploads", discovery, {.group = "upload_data"});
    router.add(Method::Options, "/api/v1/uploads/:id", discovery, {.group = "upload_data"});
    router.addStreaming(Method::Post, "/api/v1/uploads", createUpload,
                        {.group = "uploads", .auth = AuthPolicy::Required});
    router.add(Method::Head, "/api/v1/uploads/:id", headUpload, data);
    router.addStreaming(Method::Patch, "/api/v1/uploads/:id", patchUpload, data);
    router.add(Method::Delete, "/api/v1/uploads/:id", deleteUpload, data);
    router.addStreaming(Method::Post, "/api/v1/uploads/:id", overriddenMethod, data);
}

} // namespace fc::server::api
