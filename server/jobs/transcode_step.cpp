#include "server/jobs/transcode_step.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/media/ladder_transcoder.h"
#include "core/streaming/presentation_builder.h"
#include "core/util/log.h"
#include "core/util/time.h"
#include "server/http/metrics.h"
#include "server/realtime/notification_events.h"
#include "server/realtime/video_events.h"
#include "server/store/database.h"
#include "server/store/notification_repository.h"
#include "server/uploads/part_file.h"

namespace fc::server::jobs {
namespace {

struct SourceVideo {
    std::string status;
    std::string media_info_json;
};

Result<std::optional<SourceVideo>> loadSource(store::Connection& db, const std::string& video_id) {
    auto statement = db.prepare("SELECT status, COALESCE(media_info, '') FROM videos WHERE id = ?");
    statement.bindAll(video_id);
    if (!statement.step())
        return statement.error() ? Result<std::optional<SourceVideo>>(*statement.error())
                                 : Result<std::optional<SourceVideo>>(std::nullopt);
    return std::optional<SourceVideo>(SourceVideo{statement.text(0), statement.text(1)});
}

std::string readableFailure(const Error& error) {
    if (error.code == "source_truncated")
        return "The file ends early, as if the upload or an earlier copy was cut off: " + error.message + ".";
    if (error.code == "unsupported_codec")
        return "The video uses a format Framecast cannot decode (" + error.message + ").";
    if (error.code == "media_no_streams" || error.code == "media_empty" || error.code == "media_unreadable")
        return "The file has no playable audio or video (" + error.message + ").";
    if (error.code == "decode_failed")
        return "The file is damaged and could not be decoded (" + error.message + ").";
    return "Processing failed (" + error.message + ").";
}

nlohmann::json renditionsJson(const std::vector<media::RenditionSummary>& renditions) {
    nlohmann::json out = nlohmann::json::array();
    for (const media::RenditionSummary& r : renditions) {
        nlohmann::json item = {{"id", r.id},
                               {"kind", r.id == "audio" ? "audio" : "video"},
                               {"codecs", r.codecs},
                               {"bandwidth_bps", r.peak_bitrate_bps},
                               {"average_bandwidth_bps", r.average_bitrate_bps},
                               {"segments", r.segments.size()}};
        if (r.id == "audio") {
            item["sample_rate_hz"] = r.sample_rate_hz;
            item["channels"] = r.channels;
        } else {
            item["width"] = r.width;
            item["height"] = r.height;
            item["frame_rate"] = r.frame_rate;
        }
        out.push_back(item);
    }
    return out;
}

// Publishes growing manifests as segments appear and marks the video playable once every rendition has one.
class PublishingListener : public media::TranscodeListener {
public:
    PublishingListener(ServerContext& server, JobControl& control, std::string video_id, std::string cmaf_dir,
                       std::set<std::string> rendition_ids, int segment_ms)
        : m_server(server), m_control(control), m_videoId(std::move(video_id)),
          m_cmafDir(std::move(cmaf_dir)), m_pending(std::move(rendition_ids)), m_segment_ms(segment_ms) {}

    void onSegment(const media::RenditionSummary& rendition, const media::SegmentInfo&) override {
        m_latest[rendition.id] = rendition;
        m_pending.erase(rendition.id);
        if (!m_pending.empty())
            return; // a master naming a rendition with no segment yet would send players to a 404
        std::vector<media::RenditionSummary> all;
        for (const auto& [id, summary] : m_latest)
            all.push_back(summary);
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
            if ((a.id == "audio") != (b.id == "audio"))
                return b.id == "audio";
            return a.height < b.height;
        });
        const auto presentation =
            streaming::presentationFromSummaries(all, streaming::PresentationState::Growing, m_segment_ms);
        if (auto written = streaming::writeManifestFiles(presentation, m_cmafDir); !written) {
            logWarn("transcode " + m_videoId + ": cannot publish manifests: " + written.error().message);
            return;
        }
        if (m_playable)
            return;
        m_playable = true;
        (void)m_server.database.write([&](store::Connection& db) -> Result<void> {
            return db.run("UPDATE videos SET playable = 1, updated_at = ? WHERE id = ?", unixMillisNow(),
                          m_videoId);
        });
        realtime::publishVideoStatus(m_server.hub, m_videoId, "processing", true);
    }

    void onProgress(double fraction, int64_t eta_ms) override {
        m_control.reportProgress(fraction, eta_ms >= 0 ? std::optional<int64_t>(eta_ms) : std::nullopt);
        realtime::publishProcessingProgress(m_server.hub, m_videoId, fraction, eta_ms);
    }

    bool cancelled() const override { return m_control.cancelled(); }

private:
    ServerContext& m_server;
    JobControl& m_control;
    std::string m_videoId;
    std::string m_cmafDir;
    std::set<std::string> m_pending;
    std::map<std::string, media::RenditionSummary> m_latest;
    int m_segment_ms = 4000;
    bool m_playable = false;
};

JobResult failVideo(ServerContext& server, const std::string& video_id, const std::string& media_dir,
                    const Error& error) {
    removeTranscodeOutputs(media_dir);
    const std::string reason = readableFailure(error);
    std::vector<int64_t> notifications; // the owner's video_processed, published after the commit
    (void)server.database.write([&](store::Connection& db) -> Result<void> {
        if (auto run = db.run(
                "UPDATE videos SET status = 'failed', playable = 0, failure_code = ?, failure_reason = ?, "
                "processing_finished_at = ?, updated_at = ? WHERE id = ?",
                error.code, reason, unixMillisNow(), unixMillisNow(), video_id);
            !run)
            return run;
        auto ids = store::notifyProcessingEnded(db, video_id, unixMillisNow());
        if (!ids)
            return ids.error();
        notifications = std::move(*ids);
        return {};
    });
    server.metrics.add("framecast_transcode_failed_total", "Videos whose processing failed.");
    logInfo("transcode " + video_id + " failed: " + error.code + ": " + error.message);
    realtime::publishVideoStatus(server.hub, video_id, "failed", false,
                                 realtime::VideoFailure{error.code, reason});
    realtime::publishNotifications(server.database, server.hub, notifications);
    return {JobOutcome::Fail, error.message};
}

// Returns the notifications to publish after the commit: the owner's video_processed and, for a public video,
// its subscribers' new_video.
Result<std::vector<int64_t>> saveResult(ServerContext& server, const std::string& video_id,
                                        const media::TranscodeResult& result) {
    return server.database.write([&](store::Connection& db) -> Result<std::vector<int64_t>> {
        nlohmann::json storyboard = nullptr;
        std::optional<std::string> thumbnail;
        if (auto run = db.run("DELETE FROM video_thumbnails WHERE video_id = ?", video_id); !run)
            return run.error();
        if (result.stills) {
            const media::StillsResult& stills = *result.stills;
            if (!stills.sheets.empty())
                storyboard = {{"vtt", "storyboard/" + stills.vtt_file},
                              {"sheets", stills.sheets},
                              {"tile_width", stills.tile_width},
                              {"tile_height", stills.tile_height},
                              {"columns", stills.columns},
                              {"rows", stills.rows},
                              {"interval_s", stills.interval_s}};
            for (size_t i = 0; i < stills.thumbnails.size(); ++i) {
                const media::ThumbnailCandidate& candidate = stills.thumbnails[i];
                if (auto run =
                        db.run("INSERT INTO video_thumbnails (video_id, position, file, time_ms, sharpness, "
                               "is_black) VALUES (?, ?, ?, ?, ?, ?)",
                               video_id, static_cast<int64_t>(i + 1), "thumbs/" + candidate.file,
                               static_cast<int64_t>(candidate.time_s * 1000), candidate.sharpness,
                               static_cast<int64_t>(candidate.black ? 1 : 0));
                    !run)
                    return run.error();
            }
            if (!stills.thumbnails.empty())
                thumbnail = "thumbs/" + stills.thumbnails[stills.default_thumbnail].file;
        }
        // A custom thumbnail the owner uploaded earlier survives reprocessing.
        if (auto run = db.run(
                "UPDATE videos SET status = 'ready', playable = 1, renditions = ?, storyboard = ?, "
                "thumbnail_file = CASE WHEN thumbnail_file LIKE 'images/%' THEN thumbnail_file ELSE ? END, "
                "failure_code = NULL, failure_reason = NULL, processing_finished_at = ?, updated_at = ? "
                "WHERE id = ?",
                renditionsJson(result.renditions).dump(),
                storyboard.is_null() ? std::optional<std::string>() : std::optional(storyboard.dump()),
                thumbnail, unixMillisNow(), unixMillisNow(), video_id);
            !run)
            return run.error();
        return store::notifyProcessingEnded(db, video_id, unixMillisNow());
    });
}

} // namespace

void removeTranscodeOutputs(const std::string& media_dir) {
    std::error_code ec;
    for (const char* sub : {"cmaf", "thumbs", "storyboard"})
        std::filesystem::remove_all(media_dir + "/" + sub, ec);
}

JobResult runTranscode(ServerContext& server, const JobRecord& job, JobControl& control) {
    if (!job.video_id)
        return {JobOutcome::Fail, "transcode job without a video"};
    const std::string& videoId = *job.video_id;
    auto source = server.database.read([&](store::Connection& db) { return loadSource(db, videoId); });
    if (!source)
        return {JobOutcome::Retry, source.error().message};
    if (!*source || (*source)->status == "ready" || (*source)->status == "failed")
        return {JobOutcome::Done, {}}; // deleted, or already finished by an earlier run
    const std::string mediaDir = uploads::videoMediaDir(server.config, videoId);
    const nlohmann::json infoJson = nlohmann::json::parse((*source)->media_info_json, nullptr, false);
    if (!infoJson.is_object())
        return failVideo(server, videoId, mediaDir,
                         makeError("media_unreadable", "the video was never probed"));

    // Start cleanly: whatever an interrupted run left is not published as if it were whole.
    removeTranscodeOutputs(mediaDir);
    auto started = server.database.write([&](store::Connection& db) -> Result<void> {
        return db.run("UPDATE videos SET status = 'processing', playable = 0, processing_started_at = ?, "
                      "updated_at = ? WHERE id = ?",
                      unixMillisNow(), unixMillisNow(), videoId);
    });
    if (!started)
        return {JobOutcome::Retry, started.error().message};
    realtime::publishVideoStatus(server.hub, videoId, "processing", false);

    media::LadderSettings settings;
    settings.x264_preset = server.config.transcode_preset;
    settings.segment_duration_ms = server.config.segment_duration_ms;
    settings.max_height = server.config.ladder_max_height;
    media::TranscodeJob transcode;
    transcode.source_path = uploads::sourcePath(server.config, videoId);
    transcode.output_dir = mediaDir;
    transcode.ladder = media::planLadder(media::mediaInfoFromJson(infoJson), settings);

    std::set<std::string> ids;
    for (const media::VideoRung& rung : transcode.ladder.video)
        ids.insert(rung.name);
    if (transcode.ladder.audio)
        ids.insert("audio");
    PublishingListener listener(server, control, videoId, mediaDir + "/cmaf", ids,
                                settings.segment_duration_ms);
    auto result = media::transcodeLadder(transcode, listener);
    if (!result) {
        if (result.error().code == "cancelled") {
            // Deleted (the row is gone: so are its files) or shut down (run again from the start next time).
            auto still = server.database.read([&](store::Connection& db) { return loadSource(db, videoId); });
            if (still && !*still) {
                std::error_code ec;
                std::filesystem::remove_all(mediaDir, ec);
            }
            return {JobOutcome::Retry, "cancelled"};
        }
        if (result.error().code == "write_failed" || result.error().code == "mux_failed")
            return {JobOutcome::Retry, result.error().message}; // the disk, not the video: try again later
        return failVideo(server, videoId, mediaDir, result.error());
    }

    const auto presentation = streaming::presentationFromSummaries(
        result->renditions, streaming::PresentationState::Complete, settings.segment_duration_ms);
    if (auto written = streaming::writeManifestFiles(presentation, mediaDir + "/cmaf"); !written)
        return {JobOutcome::Retry, written.error().message};
    auto saved = saveResult(server, videoId, *result);
    if (!saved)
        return {JobOutcome::Retry, saved.error().message};

    server.metrics.add("framecast_transcode_completed_total", "Videos processed to the full ladder.");
    server.metrics.add("framecast_transcode_seconds_total", "Wall time spent transcoding.",
                       double(result->elapsed_ms) / 1000.0);
    logInfo("transcode " + videoId + ": " + std::to_string(result->renditions.size()) + " renditions of " +
            std::to_string(result->duration_s) + " s in " + std::to_string(result->elapsed_ms) +
            " ms (first segment after " + std::to_string(result->first_segment_ms) + " ms)");
    realtime::publishVideoStatus(server.hub, videoId, "ready", true);
    realtime::publishNotifications(server.database, server.hub, *saved);
    return {JobOutcome::Done, {}};
}

} // namespace fc::server::jobs
