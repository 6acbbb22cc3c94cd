#pragma once
// HLS (RFC 8216, version 7: fMP4 segments with EXT-X-MAP) from the presentation model.
#include <string>

#include "core/streaming/presentation.h"

namespace fc::streaming {

// HLS has no place for an audio rendition's own bitrate when video variants exist (BANDWIDTH covers video and
// audio together), so the master carries it as session data; the parser subtracts it to recover the video's.
inline constexpr const char* kHlsAudioBandwidthDataId = "com.framecast.audio-bandwidth";
inline constexpr const char* kHlsAudioAverageBandwidthDataId = "com.framecast.audio-average-bandwidth";
inline constexpr const char* kHlsAudioGroupId = "audio";

// Master playlist: one EXT-X-STREAM-INF per video rendition (BANDWIDTH and AVERAGE-BANDWIDTH include the
// audio's), audio as an EXT-X-MEDIA group; an audio-only presentation gets one STREAM-INF per audio
// rendition.
std::string writeHlsMaster(const Presentation& presentation);
// Media playlist of one rendition. URIs are written relative to rendition.playlist_uri ("init.mp4",
// "seg_00001.m4s"); EXT-X-MEDIA-SEQUENCE is the first segment's number, so sequence numbers equal file
// numbers. Growing → PLAYLIST-TYPE:EVENT without ENDLIST; Complete → VOD with ENDLIST.
std::string writeHlsMedia(const Presentation& presentation, const Rendition& rendition);

} // namespace fc::streaming
