#pragma once
// The uploads table (and the video row an upload creates): every query the tus endpoints and the sweep need.
// Functions take the caller's Connection so several of them can share one write transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::uploads {

enum class UploadState { Invalid = 0, Receiving, Complete, Expired, Terminated };

std::string_view uploadStateName(UploadState state);

struct UploadRecord {
    std::string id;
    std::string video_id;
    std::string user_id;
    std::optional<int64_t> length_bytes; // nullopt while deferred
    int64_t offset_bytes = 0;            // durable, acknowledged bytes
    std::string metadata;                // the Upload-Metadata header as sent
    UploadState state = UploadState::Invalid;
    int64_t expires_at_ms = 0;
    int64_t created_at_ms = 0;

    // Receiving but past its expiry: answered as expired even before the sweep has run.
    bool isExpiredAt(int64_t now_ms) const {
        return state == UploadState::Expired || (state == UploadState::Receiving && expires_at_ms <= now_ms);
    }
};

struct NewUpload {
    std::string user_id;
    std::optional<int64_t> length_bytes;
    std::string metadata;
    std::string title;
    std::string description;
    std::string visibility; // "public" | "unlisted" | "private"
    std::string source_filename;
    int64_t expires_at_ms = 0;
};

struct CreatedUpload {
    std::string upload_id;
    std::string video_id;
};

Result<std::optional<UploadRecord>> findUpload(store::Connection& db, const std::string& upload_id);

// Inserts the video row (status 'uploading', on the user's channel) and the upload row.
// Fails with "channel_missing" when the user has no channel.
Result<CreatedUpload> insertUploadWithVideo(store::Connection& db, const NewUpload& upload, int64_t now_ms);

struct StorageUsage {
    int64_t quota_bytes = 0;
    // Sources kept on disk (failed videos' too) + lengths (or offsets) of receiving uploads.
    int64_t used_bytes = 0;
    int64_t remainingBytes() const { return quota_bytes - used_bytes; }
};
// excluded_upload_id: leave this upload out of the sum (its own growth is what is being checked).
Result<StorageUsage> storageUsage(store::Connection& db, const std::string& user_id,
                                  int64_t default_quota_bytes,
                                  const std::optional<std::string>& excluded_upload_id = std::nullopt);

// Records a new durable offset and expiry; false when the upload is no longer receiving.
Result<bool> commitOffset(store::Connection& db, const std::string& upload_id, int64_t offset_bytes,
                          int64_t expires_at_ms, int64_t now_ms);
Result<bool> setDeferredLength(store::Connection& db, const std::string& upload_id, int64_t length_bytes,
                               int64_t now_ms);

// The final byte is durable: state 'complete', the video's source size, and the ingest job, in one go.
Result<int64_t> markUploadComplete(store::Connection& db, const UploadRecord& upload, int64_t now_ms);

// 'terminated' or 'expired': the row stays (later requests learn what happened); a video still 'uploading'
// goes. false when the upload was not in a state that allows it.
Result<bool> endUpload(store::Connection& db, const std::string& upload_id, UploadState final_state,
                       int64_t now_ms);

// Receiving uploads whose expiry has passed.
Result<std::vector<std::string>> findExpiredUploadIds(store::Connection& db, int64_t now_ms, int limit);

} // namespace fc::server::uploads
