#pragma once
// Writes one rendition as CMAF: init.mp4 plus one fMP4 fragment file (moof+mdat) per segment, cut where the
// caller says. The mp4 muxer writes into memory (custom AVIO); each cut becomes a file written atomically
// (temp + rename), so a reader never sees half a segment.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/media/av_handles.h"
#include "core/util/result.h"

namespace fc::media {

struct SegmentInfo {
    int number = 0;        // 1-based, as in the file name and the manifests
    int64_t start_pts = 0; // in the rendition's timescale
    int64_t duration = 0;  // in the rendition's timescale
    int64_t size_bytes = 0;
    double durationSeconds(int timescale) const { return double(duration) / timescale; }
};

class CmafWriter {
public:
    // encoder must be open (its extradata is the init segment's codec configuration).
    static Result<std::unique_ptr<CmafWriter>> open(const std::string& directory,
                                                    const AVCodecContext* encoder, int first_segment_number);
    ~CmafWriter();

    // packet timestamps in the encoder's time base; the writer rescales to the track's.
    Result<void> write(AVPacket* packet);
    // Ends the current segment (if it has any samples) and writes its file.
    Result<std::optional<SegmentInfo>> cut();
    // Cuts the last segment; closes the muxer.
    Result<std::optional<SegmentInfo>> finish();

    int timescale() const { return m_timescale; }
    static std::string segmentFileName(int number); // "seg_00001.m4s"
    static constexpr const char* kInitFileName = "init.mp4";

private:
    CmafWriter() = default;
    static int onWrite(void* opaque, uint8_t* data, int size); // FFmpeg 5.1: non-const
    Result<void> writeInit(std::string_view bytes);

    std::string m_directory;
    OutputFormatPtr m_format;
    AVRational m_encoderTimeBase{};
    int m_timescale = 0;
    std::string m_pending; // bytes the muxer produced since the last cut
    bool m_initWritten = false;
    int m_nextNumber = 1;
    bool m_segmentHasSamples = false;
    int64_t m_segmentStartPts = 0;
    int64_t m_segmentEndPts = 0; // max(pts + duration) seen in this segment
    bool m_finished = false;
};

// Writes bytes to path atomically: a temporary file in the same directory, fsync'ed, then renamed over path.
Result<void> writeFileAtomically(const std::string& path, std::string_view bytes);

} // namespace fc::media
