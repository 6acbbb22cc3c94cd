#pragma once
// Demux + decode of one CMAF segment held in memory: the rendition's init segment and one media segment are
// read through a custom AVIOContext (no copy, no temporary file), timestamps come from the fragment (tfdt),
// so segments of different rungs line up on one timeline. The decoder is kept while the rendition stays the
// same and re-created on a rung change; every segment is drained (segments start with an IDR, GOPs are
// closed). Video decodes on a hardware device when one is available (see hw_decode.h), in software otherwise
// or when the device fails on a rendition.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/media/av_handles.h"
#include "core/playback/hw_decode.h"
#include "core/playback/media_sinks.h"
#include "core/util/result.h"

namespace fc::playback {

// A decoded I420 picture behind the sink interface: the AVFrame itself (reference-counted), no extra copy.
class DecodedVideoFrame final : public VideoFrame {
public:
    DecodedVideoFrame(media::FramePtr frame, int64_t pts_us) : m_frame(std::move(frame)), m_pts_us(pts_us) {}
    int width() const override { return m_frame->width; }
    int height() const override { return m_frame->height; }
    const uint8_t* plane(int index) const override { return m_frame->data[index]; }
    int stride(int index) const override { return m_frame->linesize[index]; }
    int64_t ptsUs() const override { return m_pts_us; }

private:
    media::FramePtr m_frame;
    int64_t m_pts_us = 0;
};

class SegmentDecoder {
public:
    SegmentDecoder();
    ~SegmentDecoder();
    SegmentDecoder(const SegmentDecoder&) = delete;
    SegmentDecoder& operator=(const SegmentDecoder&) = delete;

    // Called per decoded frame with its presentation time in seconds; return false to stop decoding early
    // (seek, stop). Video frames arrive in memory converted to I420 (yuv420p / yuvj420p pass through
    // untouched), whether decoded in software or on a device.
    using FrameCallback = std::function<bool(media::FramePtr frame, double pts_s)>;

    // `init` identifies the rendition: a different object than last time re-creates the decoder.
    Result<void> decode(const std::shared_ptr<const std::string>& init, const std::string& media,
                        const FrameCallback& on_frame);
    void reset(); // forget the decoder (seek, rung change by the caller's choice); keeps the device

    // The decoder and, while frames come from a device, the device: "h264", "h264, vaapi".
    std::string codecName() const;

private:
    struct Progress {
        int skip = 0;      // frames already handed over by a failed device attempt at this segment
        int delivered = 0; // frames handed to the callback
        bool stopped = false;
    };

    Result<void> decodeOnce(const std::shared_ptr<const std::string>& init, const std::string& media,
                            const FrameCallback& on_frame, Progress& progress);
    Result<void> openDecoder(const AVCodecParameters* parameters,
                             const std::shared_ptr<const std::string>& init);
    const HwDevice* deviceFor(const AVCodec* codec, const std::shared_ptr<const std::string>& init);
    void fallBackToSoftware(const std::shared_ptr<const std::string>& init, const std::string& reason);
    media::FramePtr toI420(media::FramePtr frame);

    std::shared_ptr<const std::string> m_init;
    media::CodecContextPtr m_codec;
    media::SwsPtr m_sws;
    std::string m_codec_name;
    std::string m_device_name; // the current decoder's device; empty in software
    bool m_frames_on_device = false;
    // Hardware state outlives decoders: the device is created once (FRAMECAST_HWDEC read then), and a
    // rendition it failed on (by its init segment) stays in software rather than failing again per segment.
    bool m_device_probed = false;
    std::optional<HwDevice> m_device;
    std::vector<std::shared_ptr<const std::string>> m_software_only;
};

} // namespace fc::playback
