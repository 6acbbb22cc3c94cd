#pragma once
// Hardware video decoding through a libav hwaccel device, chosen by FRAMECAST_HWDEC: "auto" (the default: the
// first device type the decoder supports that can be created, vaapi before vdpau before cuda), "none", or a
// libav device type name ("vaapi", "vdpau", "cuda"). Pictures decoded on the device are copied back to memory
// (NV12 on most devices), so everything after the decoder only ever sees software frames.
#include <memory>
#include <string>

extern "C" {
#include <libavutil/hwcontext.h>
}

#include "core/media/av_handles.h"
#include "core/util/result.h"

namespace fc::playback {

enum class HwDecodeMode { Auto = 1, None, Device };

struct HwDecodeSetting {
    HwDecodeMode mode = HwDecodeMode::Auto;
    AVHWDeviceType device = AV_HWDEVICE_TYPE_NONE; // with HwDecodeMode::Device
};

// Routes libav's log through a filter that lets auto mode's device probe run quietly (libav logs each absent
// device as an error). Idempotent; the player engine calls it before its threads start, since libav's log
// callback is a process-wide setting.
void installLibavLogFilter();

// A FRAMECAST_HWDEC value (null or empty means auto). Error "unknown_hwdec" for a name libav does not know.
Result<HwDecodeSetting> parseHwDecodeSetting(const char* value);

// The environment's setting, read on every call so a process (or a test) can change it between decoders.
Result<HwDecodeSetting> hwDecodeSettingFromEnvironment();

// An open hardware device: which decoders can use it, how a codec context is pointed at it, its name.
class HwDevice {
public:
    // The first device the setting allows that `codec` can decode on and that can be created; an error says
    // why there is none ("hwdec_off", "hwdec_unsupported", "hwdec_unavailable"): the caller decodes in
    // software.
    static Result<HwDevice> create(const AVCodec* codec, const HwDecodeSetting& setting);

    bool supports(const AVCodec* codec) const;
    // Before avcodec_open2: frames come out on the device when the decoder offers its format for the
    // stream, in a software format otherwise (a profile or size the device cannot do).
    Result<void> attach(AVCodecContext* context) const;
    std::string name() const; // "vaapi"

private:
    HwDevice(media::BufferRefPtr device, AVHWDeviceType type) : m_device(std::move(device)), m_type(type) {}

    media::BufferRefPtr m_device;
    AVHWDeviceType m_type = AV_HWDEVICE_TYPE_NONE;
};

// A frame decoded on a device copied to memory, timestamps and properties kept; software frames pass
// through. Error "hwdec_failed" when the copy fails.
Result<media::FramePtr> downloadFrame(media::FramePtr frame);

} // namespace fc::playback
