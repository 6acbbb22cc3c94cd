#include "core/playback/hw_decode.h"

#include <algorithm>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

namespace fc::playback {
namespace {

// Auto mode tries devices that are often absent (no GPU, no X display, no libcuda), and libav logs each
// failure as an error although software decoding takes over (SegmentDecoder logs, at info level, what was
// tried). So the probing thread mutes libav's log while it probes; every other message goes to libav's
// default output.
thread_local bool t_libav_log_muted = false;

void libavLog(void* context, int level, const char* format, va_list args) {
    if (!t_libav_log_muted)
        av_log_default_callback(context, level, format, args);
}

class MutedLibavLog {
public:
    MutedLibavLog() {
        installLibavLogFilter();
        t_libav_log_muted = true;
    }
    ~MutedLibavLog() { t_libav_log_muted = false; }
    MutedLibavLog(const MutedLibavLog&) = delete;
    MutedLibavLog& operator=(const MutedLibavLog&) = delete;
};

// The device's picture format for a decoder that takes a device context, or NONE when it cannot use it.
AVPixelFormat devicePixelFormat(const AVCodec* codec, AVHWDeviceType type) {
    for (int i = 0;; ++i) {
        const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
        if (!config)
            return AV_PIX_FMT_NONE;
        if ((config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) && config->device_type == type)
            return config->pix_fmt;
    }
}

// Auto's order: VA-API first (Intel and AMD, the common Linux desktop), then VDPAU, then CUDA, then whatever
// else libav lists, in its order.
int preferenceRank(AVHWDeviceType type) {
    switch (type) {
    case AV_HWDEVICE_TYPE_VAAPI:
        return 0;
    case AV_HWDEVICE_TYPE_VDPAU:
        return 1;
    case AV_HWDEVICE_TYPE_CUDA:
        return 2;
    default:
        return 3;
    }
}

std::vector<AVHWDeviceType> autoCandidates(const AVCodec* codec) {
    std::vector<AVHWDeviceType> types;
    for (int i = 0;; ++i) {
        const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
        if (!config)
            break;
        if ((config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) &&
            std::find(types.begin(), types.end(), config->device_type) == types.end())
            types.push_back(config->device_type);
    }
    std::stable_sort(types.begin(), types.end(), [](AVHWDeviceType a, AVHWDeviceType b) {
        return preferenceRank(a) < preferenceRank(b);
    });
    return types;
}

// libav's get_format: the device's format when offered, else libav's own pick, which with the device's
// format absent is the best software format (so an unsupported stream still decodes).
AVPixelFormat pickFormat(AVCodecContext* context, const AVPixelFormat* offered) {
    const auto* device = reinterpret_cast<const AVHWDeviceContext*>(context->hw_device_ctx->data);
    const AVPixelFormat wanted = devicePixelFormat(context->codec, device->type);
    for (const AVPixelFormat* format = offered; *format != AV_PIX_FMT_NONE; ++format)
        if (*format == wanted)
            return wanted;
    return avcodec_default_get_format(context, offered);
}

} // namespace

void installLibavLogFilter() {
    static std::once_flag installed;
    std::call_once(installed, [] { av_log_set_callback(libavLog); });
}

Result<HwDecodeSetting> parseHwDecodeSetting(const char* value) {
    if (!value || !*value || std::strcmp(value, "auto") == 0)
        return HwDecodeSetting{HwDecodeMode::Auto, AV_HWDEVICE_TYPE_NONE};
    if (std::strcmp(value, "none") == 0)
        return HwDecodeSetting{HwDecodeMode::None, AV_HWDEVICE_TYPE_NONE};
    const AVHWDeviceType type = av_hwdevice_find_type_by_name(value);
    if (type == AV_HWDEVICE_TYPE_NONE)
        return makeError("unknown_hwdec", std::string("FRAMECAST_HWDEC=") + value +
                                              " is not auto, none or a libav device type");
    return HwDecodeSetting{HwDecodeMode::Device, type};
}

Result<HwDecodeSetting> hwDecodeSettingFromEnvironment() {
    return parseHwDecodeSetting(std::getenv("FRAMECAST_HWDEC"));
}

Result<HwDevice> HwDevice::create(const AVCodec* codec, const HwDecodeSetting& setting) {
    if (setting.mode == HwDecodeMode::None)
        return makeError("hwdec_off", "hardware decoding is off");
    std::vector<AVHWDeviceType> candidates = {setting.device};
    if (setting.mode == HwDecodeMode::Auto)
        candidates = autoCandidates(codec);
    else if (devicePixelFormat(codec, setting.device) == AV_PIX_FMT_NONE)
        return makeError("hwdec_unsupported", std::string(codec->name) + " cannot decode on " +
                                                  av_hwdevice_get_type_name(setting.device));
    std::string tried;
    std::optional<MutedLibavLog> muted;
    if (setting.mode == HwDecodeMode::Auto)
        muted.emplace();
    for (const AVHWDeviceType type : candidates) {
        AVBufferRef* raw = nullptr;
        const int rc = av_hwdevice_ctx_create(&raw, type, nullptr, nullptr, 0);
        media::BufferRefPtr device(raw);
        if (rc >= 0 && device)
            return HwDevice(std::move(device), type);
        tried += std::string(tried.empty() ? "" : ", ") + av_hwdevice_get_type_name(type) + ": " +
                 media::avErrorText(rc);
    }
    return makeError("hwdec_unavailable",
                     "no hardware device for " + std::string(codec->name) +
                         (tried.empty() ? std::string(" (the decoder supports none)") : " (" + tried + ")"));
}

bool HwDevice::supports(const AVCodec* codec) const {
    return devicePixelFormat(codec, m_type) != AV_PIX_FMT_NONE;
}

Result<void> HwDevice::attach(AVCodecContext* context) const {
    context->hw_device_ctx = av_buffer_ref(m_device.get());
    if (!context->hw_device_ctx)
        return makeError("hwdec_failed", "out of memory");
    context->get_format = pickFormat;
    // The device does the work: frame threads would only add latency and hold more device surfaces.
    context->thread_count = 1;
    return {};
}

std::string HwDevice::name() const {
    return av_hwdevice_get_type_name(m_type);
}

Result<media::FramePtr> downloadFrame(media::FramePtr frame) {
    if (!frame->hw_frames_ctx)
        return frame;
    media::FramePtr copy = media::makeFrame();
    if (!copy)
        return makeError("hwdec_failed", "out of memory");
    // copy->format is NONE: libav picks the device's first download format (NV12 for 8-bit 4:2:0).
    if (const int rc = av_hwframe_transfer_data(copy.get(), frame.get(), 0); rc < 0)
        return makeError("hwdec_failed",
                         "cannot copy the picture from the device: " + media::avErrorText(rc));
    if (const int rc = av_frame_copy_props(copy.get(), frame.get()); rc < 0)
        return makeError("hwdec_failed", "cannot copy the picture's properties: " + media::avErrorText(rc));
    return copy;
}

} // namespace fc::playback
