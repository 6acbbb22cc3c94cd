#include "ui/preview/preview_job.h"

#include <QDir>
#include <QFile>

#include <algorithm>

#include "core/streaming/uri.h"
#include "core/transfer/http_client.h"

namespace fc::ui {
namespace {

constexpr double kDownloadShare = 0.3; // of the progress bar, for the server mode's downloads
constexpr int64_t kDownloadTimeout_ms = 60000;

QImage toImage(const media::RgbaImage& image) {
    if (image.empty())
        return {};
    // Wrap, then copy: the QImage must own its pixels once the RungPreview is gone.
    return QImage(image.pixels.data(), image.width, image.height, image.width * 4, QImage::Format_RGBA8888)
        .copy();
}

bool cancelled(const media::PreviewCallbacks& callbacks) {
    return callbacks.cancel && callbacks.cancel->load();
}

Result<std::string> download(transfer::HttpClient& http, const std::string& url, const std::string& token) {
    transfer::HttpCall call;
    call.url = url;
    call.timeout_ms = kDownloadTimeout_ms;
    if (!token.empty())
        call.headers.emplace_back("Authorization", "Bearer " + token);
    auto reply = http.perform(call);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return makeError("http_" + std::to_string(reply->status),
                         "the server answered " + std::to_string(reply->status) + " for " + url);
    return std::move(reply->body);
}

} // namespace

Result<PreviewSource> probePreviewSource(const std::string& path) {
    auto info = media::probeMedia(path);
    if (!info)
        return info.error();
    if (!info->video)
        return makeError("no_video", "the file has no video stream");
    PreviewSource source;
    source.info = *info;
    source.ladder = media::planLadder(source.info);
    if (source.ladder.video.empty())
        return makeError("no_video", "no rung can be planned for this video");
    return source;
}

PreviewOutcome toOutcome(media::RungPreview preview) {
    PreviewOutcome outcome;
    for (const media::PreviewFrame& frame : preview.frames) {
        outcome.original << toImage(frame.original);
        outcome.encoded << toImage(frame.encoded);
        outcome.frame_times_s << frame.time_s;
    }
    preview.frames.clear();
    outcome.preview = std::move(preview);
    return outcome;
}

SegmentSelection segmentsCovering(const streaming::HlsMediaPlaylist& playlist, double start_s, double end_s) {
    SegmentSelection selection;
    double time_s = 0;
    for (const streaming::HlsSegment& segment : playlist.segments) {
        const double segment_end_s = time_s + segment.duration_s;
        if (time_s < end_s && segment_end_s > start_s) {
            if (selection.uris.empty())
                selection.start_s = time_s;
            selection.uris.push_back(segment.uri);
            selection.end_s = segment_end_s;
        }
        time_s = segment_end_s;
    }
    return selection;
}

Result<media::RungPreview> compareServerRendition(const ServerCompareRequest& request,
                                                  const media::PreviewCallbacks& callbacks) {
    const auto progress = [&](double fraction) {
        if (callbacks.on_progress)
            callbacks.on_progress(fraction);
    };
    transfer::HttpClient http;
    auto playlist_text = download(http, request.playlist_url, request.access_token);
    if (!playlist_text)
        return playlist_text.error();
    auto playlist = streaming::parseHlsMedia(*playlist_text);
    if (!playlist)
        return playlist.error();
    if (playlist->map_uri.empty())
        return makeError("invalid_manifest", "the rendition's playlist has no initialisation segment");
    const SegmentSelection selection =
        segmentsCovering(*playlist, request.window.start_s, request.window.start_s + request.window.length_s);
    if (selection.uris.empty())
        return makeError("window_outside_rendition", "the rendition has no segment in the window");

    QDir().mkpath(QString::fromStdString(request.work_dir));
    const QString joined_path = QString::fromStdString(request.work_dir) + QStringLiteral("/rendition.mp4");
    QFile joined(joined_path);
    if (!joined.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError("write_failed", "cannot write " + joined_path.toStdString());
    std::vector<std::string> uris = {playlist->map_uri};
    uris.insert(uris.end(), selection.uris.begin(), selection.uris.end());
    for (size_t i = 0; i < uris.size(); ++i) {
        if (cancelled(callbacks))
            return makeError("cancelled", "cancelled");
        auto bytes =
            download(http, streaming::resolveUri(request.playlist_url, uris[i]), request.access_token);
        if (!bytes)
            return bytes.error();
        if (joined.write(bytes->data(), static_cast<qint64>(bytes->size())) !=
            static_cast<qint64>(bytes->size()))
            return makeError("write_failed", "cannot write " + joined_path.toStdString());
        progress(kDownloadShare * double(i + 1) / double(uris.size()));
    }
    joined.close();

    media::PreviewCallbacks compare_callbacks;
    compare_callbacks.cancel = callbacks.cancel;
    compare_callbacks.on_progress = [&](double fraction) {
        progress(kDownloadShare + (1.0 - kDownloadShare) * fraction);
    };
    return media::compareRendition(request.source_path, joined_path.toStdString(), request.window.start_s,
                                   request.window.length_s, request.frame_count, compare_callbacks,
                                   kPreviewMaxFrameHeight, kPreviewCompareAt);
}

} // namespace fc::ui
