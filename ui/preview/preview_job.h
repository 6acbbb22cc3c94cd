#pragma once
// The preview's work, run on the controller's worker thread (blocking, never on the GUI thread): probing the
// source and planning its ladder, encoding a window at a rung, and downloading the server's rendition of a
// window (init.mp4 + the segments its HLS playlist lists over the window) to compare it with the source.
#include <QImage>
#include <QList>

#include <string>
#include <vector>

#include "core/media/ladder.h"
#include "core/media/probe.h"
#include "core/media/rung_preview.h"
#include "core/streaming/hls_parser.h"
#include "core/util/result.h"

namespace fc::ui {

// Scores are measured at the source's size: what a viewer loses when the rung fills their screen, and the
// ranking they expect (a higher rung scores higher). See media::CompareAt.
inline constexpr media::CompareAt kPreviewCompareAt = media::CompareAt::SourceSize;
inline constexpr int kPreviewMaxFrameHeight = 720;
inline constexpr int kPreviewFrameCount = 6;

struct PreviewSource {
    media::MediaInfo info;
    media::Ladder ladder; // the server's default settings, so the rungs are the ones it will make
};

// probeMedia + planLadder; "no_video" when the file has no video stream.
Result<PreviewSource> probePreviewSource(const std::string& path);

// A finished measurement with its frames as QImages (RGBA8888 copies, safe to hand to the GUI thread).
struct PreviewOutcome {
    media::RungPreview preview; // frames moved out into the lists below
    QList<QImage> original;
    QList<QImage> encoded;
    QList<double> frame_times_s;
};
PreviewOutcome toOutcome(media::RungPreview preview);

// The playlist's segments overlapping [start_s, end_s): their URIs as written and the span they cover.
// Segment times add up from 0 (the server's segments carry the source's timestamps).
struct SegmentSelection {
    std::vector<std::string> uris;
    double start_s = 0;
    double end_s = 0;
};
SegmentSelection segmentsCovering(const streaming::HlsMediaPlaylist& playlist, double start_s, double end_s);

struct ServerCompareRequest {
    std::string playlist_url; // absolute: .../api/v1/videos/<id>/cmaf/<rung>/playlist.m3u8
    std::string access_token;
    std::string source_path;
    media::PreviewWindow window;
    int frame_count = kPreviewFrameCount;
    std::string work_dir; // the downloaded file goes here (the caller removes the directory)
};
// Downloads (progress 0..0.3) and compares (0.3..1). Errors: "http_<status>", transport errors,
// "invalid_manifest", compareRendition's.
Result<media::RungPreview> compareServerRendition(const ServerCompareRequest& request,
                                                  const media::PreviewCallbacks& callbacks);

} // namespace fc::ui
